package io.secho.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameTest {

    private static byte[] pattern(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 7 + 3);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FrameType.class)
    void encodeParseRoundTrip(FrameType type) {
        for (int length : new int[] {0, 1, 32, 258, 1024, 0xffff}) {
            Frame frame = new Frame(type, pattern(length));
            byte[] encoded = frame.encode();
            assertEquals(3 + length, encoded.length, "encoded = 3-byte header + body for length " + length);
            Frame parsed = Frame.parse(encoded);
            assertEquals(frame, parsed, "parse(encode(f)) == f for " + type + " length " + length);
            assertEquals(type, parsed.type(), "type survives the round trip");
            assertArrayEquals(pattern(length), parsed.body(), "body survives the round trip");
            assertEquals(length, parsed.length(), "length() is the body length");
        }
    }

    @ParameterizedTest(name = "{0}: code {1}")
    @CsvSource({"CLIENT_HELLO, 1", "SERVER_HELLO, 2", "FINISHED, 3", "ALERT, 4", "RECORD, 5"})
    void typeCodesAreTheDesignOnes(FrameType type, int code) {
        assertEquals(code, type.code(), "design frame type code of " + type);
        assertEquals(type, FrameType.fromCode(code).orElseThrow(), "fromCode(" + code + ")");
        assertEquals(type != FrameType.RECORD, type.isPlaintext(), "only record frames are encrypted");
    }

    @Test
    void headerBytesAreTypeThenBigEndianLength() {
        Frame frame = new Frame(FrameType.RECORD, new byte[0x0102]);
        assertArrayEquals(new byte[] {0x05, 0x01, 0x02}, frame.header(), "header = type || u16 length big-endian");
        byte[] encoded = frame.encode();
        assertArrayEquals(new byte[] {0x05, 0x01, 0x02}, Arrays.copyOf(encoded, 3), "encode starts with the header");

        assertArrayEquals(new byte[] {0x01, 0x00, 0x00}, new Frame(FrameType.CLIENT_HELLO, new byte[0]).header(),
                "empty body -> length 0");
        assertArrayEquals(new byte[] {0x04, (byte) 0xff, (byte) 0xff},
                new Frame(FrameType.ALERT, new byte[0xffff]).header(), "max u16 length");
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xab, (byte) 0xcd}, Frame.header(0xff, 0xabcd),
                "static header() writes any type code and length");
    }

    @Test
    void encodeIsHeaderThenBody() {
        byte[] body = {0x0a, 0x0b, 0x0c};
        assertArrayEquals(new byte[] {0x03, 0x00, 0x03, 0x0a, 0x0b, 0x0c}, new Frame(FrameType.FINISHED, body).encode(),
                "wire bytes of a 3-byte finished frame");
    }

    @Test
    void bodyIsCopiedInAndOut() {
        byte[] body = {1, 2, 3};
        Frame frame = new Frame(FrameType.ALERT, body);
        body[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, frame.body(), "constructor copies the body");
        frame.body()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, frame.body(), "body() returns a copy");
    }

    @Test
    void bodyLongerThanU16IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Frame(FrameType.RECORD, new byte[0x10000]),
                "a body of 65536 bytes cannot be framed");
    }

    @ParameterizedTest(name = "declared {0}, actual body {1}")
    @CsvSource({"5, 4", "5, 6", "0, 1", "1, 0", "65535, 0", "256, 1"})
    void parseRejectsInconsistentLength(int declared, int actual) {
        byte[] encoded = new byte[3 + actual];
        System.arraycopy(Frame.header(0x01, declared), 0, encoded, 0, 3);
        assertThrows(IllegalArgumentException.class, () -> Frame.parse(encoded),
                "header length " + declared + " with " + actual + " body bytes must be rejected");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2})
    void parseRejectsShorterThanHeader(int length) {
        assertThrows(IllegalArgumentException.class, () -> Frame.parse(new byte[length]),
                length + " bytes is not a frame");
    }

    @ParameterizedTest(name = "type 0x{0}")
    @ValueSource(strings = {"00", "06", "ff"})
    void parseRejectsUnknownType(String hex) {
        byte[] encoded = {(byte) Integer.parseInt(hex, 16), 0x00, 0x00};
        assertThrows(IllegalArgumentException.class, () -> Frame.parse(encoded), "unknown type 0x" + hex);
    }
}
