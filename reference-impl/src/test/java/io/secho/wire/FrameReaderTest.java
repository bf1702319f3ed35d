package io.secho.wire;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {
    private static final Set<FrameType> ALL = EnumSet.allOf(FrameType.class);
    private static final Set<FrameType> PLAINTEXT = EnumSet.of(FrameType.CLIENT_HELLO, FrameType.SERVER_HELLO,
            FrameType.FINISHED, FrameType.ALERT);

    /** Serves the given bytes, then fails the test if anyone reads further (rather than hanging or EOF). */
    private static final class HeaderOnlyStream extends InputStream {
        private final byte[] data;
        private int position;
        int readsPastEnd;

        HeaderOnlyStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            if (position >= data.length) {
                readsPastEnd++;
                throw new AssertionError("the reader asked for bytes beyond the header");
            }
            return data[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= data.length) {
                readsPastEnd++;
                throw new AssertionError("the reader asked for " + len + " bytes beyond the header");
            }
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    /** Delivers at most one byte per read call, like a very fragmented TCP stream. */
    private static final class OneByteAtATime extends InputStream {
        private final InputStream in;
        int calls;

        OneByteAtATime(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() throws IOException {
            calls++;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            calls++;
            if (len == 0) {
                return 0;
            }
            return in.read(b, off, 1);
        }
    }

    private static byte[] pattern(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + seed);
        }
        return out;
    }

    private static List<Frame> sampleFrames() {
        return List.of(
                new Frame(FrameType.CLIENT_HELLO, pattern(37 + 32, 1)),
                new Frame(FrameType.SERVER_HELLO, pattern(37 + 256, 2)),
                new Frame(FrameType.FINISHED, pattern(32, 3)),
                new Frame(FrameType.ALERT, new byte[] {0x07}),
                new Frame(FrameType.FINISHED, new byte[0]),
                new Frame(FrameType.RECORD, pattern(29, 4)),
                new Frame(FrameType.RECORD, pattern(1024, 5)));
    }

    private static byte[] concat(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            out.writeBytes(frame.encode());
        }
        return out.toByteArray();
    }

    private static ProtocolException assertAlert(AlertCode expected, InputStream in, Direction direction,
            Set<FrameType> allowed, String what) {
        FrameReader reader = new FrameReader(in, direction);
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader.read(allowed), what);
        assertEquals(expected, e.alert(), what + ": alert");
        return e;
    }

    private static byte[] withBody(byte[] header, int bodyLength) {
        byte[] out = Arrays.copyOf(header, header.length + bodyLength);
        for (int i = 0; i < bodyLength; i++) {
            out[header.length + i] = (byte) i;
        }
        return out;
    }

    // --- header check 1: unknown type ---

    @ParameterizedTest(name = "type 0x{0}")
    @ValueSource(strings = {"00", "06", "ff"})
    void unknownTypeIsDecodeError(String hex) {
        int code = Integer.parseInt(hex, 16);
        byte[] frame = withBody(Frame.header(code, 1), 1);
        for (Direction direction : Direction.values()) {
            ProtocolException e = assertAlert(AlertCode.DECODE_ERROR, new ByteArrayInputStream(frame), direction, ALL,
                    "unknown frame type 0x" + hex + " (" + direction + ")");
            assertTrue(e.getMessage().contains("0x" + hex), "message names the type: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "type 0x{0} with length 0xffff")
    @ValueSource(strings = {"00", "06", "ff"})
    void unknownTypeWinsOverLengthAndBodyIsNotRead(String hex) {
        HeaderOnlyStream in = new HeaderOnlyStream(Frame.header(Integer.parseInt(hex, 16), 0xffff));
        assertAlert(AlertCode.DECODE_ERROR, in, Direction.CLIENT_TO_SERVER, ALL,
                "unknown type is checked first, before the over-long length");
        assertEquals(0, in.readsPastEnd, "no body byte was requested");
    }

    // --- header check 2: type not allowed now ---

    static Stream<Arguments> disallowed() {
        return Stream.of(
                Arguments.of(FrameType.RECORD, EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT)),
                Arguments.of(FrameType.FINISHED, EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT)),
                Arguments.of(FrameType.CLIENT_HELLO, EnumSet.of(FrameType.FINISHED, FrameType.ALERT)),
                Arguments.of(FrameType.CLIENT_HELLO, EnumSet.of(FrameType.RECORD, FrameType.ALERT)),
                Arguments.of(FrameType.SERVER_HELLO, EnumSet.of(FrameType.RECORD, FrameType.ALERT)),
                Arguments.of(FrameType.RECORD, EnumSet.of(FrameType.SERVER_HELLO, FrameType.ALERT)),
                Arguments.of(FrameType.ALERT, EnumSet.of(FrameType.RECORD)));
    }

    @ParameterizedTest(name = "{0} when {1} allowed")
    @MethodSource("disallowed")
    void knownTypeNotAllowedIsUnexpectedMessage(FrameType type, Set<FrameType> allowed) {
        byte[] frame = new Frame(type, new byte[29]).encode();
        assertAlert(AlertCode.UNEXPECTED_MESSAGE, new ByteArrayInputStream(frame), Direction.CLIENT_TO_SERVER, allowed,
                type + " not in " + allowed);
    }

    @Test
    void disallowedTypeWinsOverLengthAndBodyIsNotRead() {
        HeaderOnlyStream in = new HeaderOnlyStream(Frame.header(FrameType.RECORD.code(), 0xffff));
        assertAlert(AlertCode.UNEXPECTED_MESSAGE, in, Direction.CLIENT_TO_SERVER,
                EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT),
                "a record before the handshake is unexpected_message even with an over-long length");
        assertEquals(0, in.readsPastEnd, "no body byte was requested");
    }

    @Test
    void alertFrameReadWhenAllowed() throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[] {0x04, 0x00, 0x01, 0x0a}),
                Direction.SERVER_TO_CLIENT);
        Frame frame = reader.read(EnumSet.of(FrameType.FINISHED, FrameType.ALERT));
        assertEquals(new Frame(FrameType.ALERT, new byte[] {0x0a}), frame, "the alert frame is returned whole");
    }

    // --- header check 3: length over the maximum ---

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("plaintextTypesAndDirections")
    void plaintextOverMaxIsRecordOverflow(FrameType type, Direction direction) {
        byte[] frame = withBody(Frame.header(type.code(), 1025), 1025);
        ProtocolException e = assertAlert(AlertCode.RECORD_OVERFLOW, new ByteArrayInputStream(frame), direction,
                ALL, type + " of 1025 bytes");
        assertTrue(e.getMessage().contains("1025"), "message gives the length: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("plaintextTypesAndDirections")
    void plaintextAtMaxIsAccepted(FrameType type, Direction direction) throws Exception {
        byte[] frame = withBody(Frame.header(type.code(), 1024), 1024);
        Frame read = new FrameReader(new ByteArrayInputStream(frame), direction).read(ALL);
        assertEquals(type, read.type(), "type of the 1024-byte frame");
        assertEquals(1024, read.length(), "a plaintext body of exactly 1024 bytes is accepted");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("plaintextTypesAndDirections")
    void plaintextOverMaxDoesNotWaitForBody(FrameType type, Direction direction) {
        HeaderOnlyStream in = new HeaderOnlyStream(Frame.header(type.code(), 1025));
        assertAlert(AlertCode.RECORD_OVERFLOW, in, direction, ALL, type + " header announcing 1025 bytes, no body");
        assertEquals(0, in.readsPastEnd, "no body byte was requested");
    }

    static Stream<Arguments> plaintextTypesAndDirections() {
        List<Arguments> out = new ArrayList<>();
        for (FrameType type : PLAINTEXT) {
            for (Direction direction : Direction.values()) {
                out.add(Arguments.of(type, direction));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: max {1}")
    @CsvSource({"CLIENT_TO_SERVER, 16413", "SERVER_TO_CLIENT, 49181"})
    void recordLimitPerDirection(Direction direction, int max) throws Exception {
        assertEquals(max, direction.maxRecordBody(), "design record maximum for " + direction);
        assertEquals(max, FrameLimits.maxBody(FrameType.RECORD, direction), "FrameLimits.maxBody for " + direction);

        Frame atMax = new FrameReader(new ByteArrayInputStream(withBody(Frame.header(5, max), max)), direction)
                .read(EnumSet.of(FrameType.RECORD, FrameType.ALERT));
        assertEquals(max, atMax.length(), "a record of exactly " + max + " bytes is accepted " + direction);

        byte[] over = withBody(Frame.header(5, max + 1), max + 1);
        ProtocolException e = assertAlert(AlertCode.RECORD_OVERFLOW, new ByteArrayInputStream(over), direction,
                EnumSet.of(FrameType.RECORD, FrameType.ALERT), "record of " + (max + 1) + " bytes " + direction);
        assertTrue(e.getMessage().contains(Integer.toString(max + 1)), "message gives the length: " + e.getMessage());

        HeaderOnlyStream headerOnly = new HeaderOnlyStream(Frame.header(5, max + 1));
        assertAlert(AlertCode.RECORD_OVERFLOW, headerOnly, direction, EnumSet.of(FrameType.RECORD, FrameType.ALERT),
                "header-only record of " + (max + 1) + " bytes " + direction);
        assertEquals(0, headerOnly.readsPastEnd, "the body of an over-long record is never waited for");

        ByteArrayInputStream onlyHeader = new ByteArrayInputStream(Frame.header(5, 0xffff));
        assertAlert(AlertCode.RECORD_OVERFLOW, onlyHeader, direction, EnumSet.of(FrameType.RECORD, FrameType.ALERT),
                "a stream holding only a 0xffff record header");
    }

    @Test
    void clientRecordSizeIsFineServerToClient() throws Exception {
        Frame read = new FrameReader(new ByteArrayInputStream(withBody(Frame.header(5, 16414), 16414)),
                Direction.SERVER_TO_CLIENT).read(EnumSet.of(FrameType.RECORD));
        assertEquals(16414, read.length(), "16414 exceeds only the client->server limit, not the server->client one");
    }

    // --- stream framing ---

    @Test
    void severalFramesInOneBuffer() throws Exception {
        List<Frame> frames = sampleFrames();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(concat(frames)), Direction.CLIENT_TO_SERVER);
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(frames.get(i), reader.read(ALL), "frame " + i + " of the joined buffer");
        }
        EndOfStreamException eof = assertThrows(EndOfStreamException.class, () -> reader.read(ALL),
                "after the last frame the stream ends");
        assertFalse(eof.midFrame(), "EOF right after a whole frame is at a boundary");
    }

    @Test
    void oneByteAtATimeReadsTheSameFrames() throws Exception {
        List<Frame> frames = sampleFrames();
        byte[] joined = concat(frames);
        OneByteAtATime in = new OneByteAtATime(joined);
        FrameReader reader = new FrameReader(in, Direction.SERVER_TO_CLIENT);
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(frames.get(i), reader.read(ALL), "frame " + i + " delivered one byte per read");
        }
        assertTrue(in.calls >= joined.length, "the stream really did deliver one byte per call (" + in.calls + ")");
        EndOfStreamException eof = assertThrows(EndOfStreamException.class, () -> reader.read(ALL),
                "EOF after the last byte");
        assertFalse(eof.midFrame(), "EOF at a boundary, byte by byte");
    }

    @Test
    void eofOnEmptyStreamIsAtBoundary() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[0]), Direction.CLIENT_TO_SERVER);
        EndOfStreamException eof = assertThrows(EndOfStreamException.class, () -> reader.read(ALL),
                "empty stream");
        assertFalse(eof.midFrame(), "no byte of a frame arrived: not mid-frame");
    }

    @ParameterizedTest(name = "{0} byte(s) of a 32-byte finished frame")
    @ValueSource(ints = {1, 2, 3, 4, 34})
    void eofInsideAFrameIsMidFrame(int prefix) {
        byte[] frame = new Frame(FrameType.FINISHED, pattern(32, 9)).encode();
        byte[] truncated = Arrays.copyOf(frame, prefix);
        for (boolean oneByte : new boolean[] {false, true}) {
            InputStream in = oneByte ? new OneByteAtATime(truncated) : new ByteArrayInputStream(truncated);
            FrameReader reader = new FrameReader(in, Direction.SERVER_TO_CLIENT);
            EndOfStreamException eof = assertThrows(EndOfStreamException.class, () -> reader.read(ALL),
                    "EOF after " + prefix + " bytes");
            assertTrue(eof.midFrame(), "EOF after " + prefix + " byte(s) is mid-frame (oneByte=" + oneByte + ")");
        }
    }

    @Test
    void eofAfterWholeFrameThenPartialHeader() throws Exception {
        byte[] first = new Frame(FrameType.ALERT, new byte[] {1}).encode();
        byte[] data = Arrays.copyOf(first, first.length + 1);
        data[first.length] = 0x05;
        FrameReader reader = new FrameReader(new ByteArrayInputStream(data), Direction.CLIENT_TO_SERVER);
        assertEquals(FrameType.ALERT, reader.read(ALL).type(), "the whole first frame is read");
        EndOfStreamException eof = assertThrows(EndOfStreamException.class, () -> reader.read(ALL),
                "one header byte then EOF");
        assertTrue(eof.midFrame(), "one header byte of the second frame makes the EOF mid-frame");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void emptyBodyFrameNeedsNoBodyBytes(Direction direction) throws Exception {
        FrameReader reader = new FrameReader(new HeaderOnlyStream(Frame.header(3, 0)), direction);
        assertEquals(new Frame(FrameType.FINISHED, new byte[0]), reader.read(ALL),
                "a length-0 frame is complete after its header");
    }
}
