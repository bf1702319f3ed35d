package io.secho.wire;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteReaderTest {

    private static ProtocolException assertDecodeError(Executable call, String what) {
        ProtocolException e = assertThrows(ProtocolException.class, call, what + " must be rejected");
        assertEquals(AlertCode.DECODE_ERROR, e.alert(), what + " must be decode_error");
        return e;
    }

    @Test
    void readsBigEndianFieldsInOrder() throws ProtocolException {
        byte[] data = {
            (byte) 0xab,
            0x01, 0x02,
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x11, 0x22, 0x33,
        };
        ByteReader reader = new ByteReader(data, "Test");
        assertEquals(data.length, reader.remaining(), "nothing read yet");
        assertEquals(0xab, reader.readU8("a"), "u8 is unsigned");
        assertEquals(0x0102, reader.readU16("b"), "u16 is big-endian");
        assertEquals(0x0102030405060708L, reader.readU64("c"), "u64 is big-endian");
        assertEquals(3, reader.remaining(), "3 bytes left before readBytes");
        assertArrayEquals(new byte[] {0x11, 0x22, 0x33}, reader.readBytes(3, "d"), "readBytes returns the bytes");
        assertEquals(0, reader.remaining(), "all consumed");
        assertDoesNotThrow(reader::expectEnd, "expectEnd must accept a fully consumed body");
    }

    @Test
    void unsignedExtremes() throws ProtocolException {
        byte[] ff = new byte[11];
        java.util.Arrays.fill(ff, (byte) 0xff);
        ByteReader reader = new ByteReader(ff, "Test");
        assertEquals(0xff, reader.readU8("a"), "u8 0xff is 255, not -1");
        assertEquals(0xffff, reader.readU16("b"), "u16 0xffff is 65535, not negative");
        assertEquals(-1L, reader.readU64("c"), "u64 all ones is 2^64-1, i.e. -1 as a Java long");
    }

    @Test
    void readBytesOfZeroLengthOnEmptyBody() throws ProtocolException {
        ByteReader reader = new ByteReader(new byte[0], "Empty");
        assertArrayEquals(new byte[0], reader.readBytes(0, "nothing"), "zero-length read of an empty body is fine");
        assertDoesNotThrow(reader::expectEnd, "empty body has no trailing bytes");
    }

    @Test
    void truncatedU8NamesFieldAndMessage() {
        ByteReader reader = new ByteReader(new byte[0], "ClientHello");
        ProtocolException e = assertDecodeError(() -> reader.readU8("suite"), "u8 from empty body");
        assertTrue(e.getMessage().contains("'suite'"), "message names the field: " + e.getMessage());
        assertTrue(e.getMessage().contains("ClientHello"), "message names the message: " + e.getMessage());
    }

    @Test
    void truncatedU16NamesField() {
        ByteReader reader = new ByteReader(new byte[] {0x01}, "ServerHello");
        ProtocolException e = assertDecodeError(() -> reader.readU16("version"), "u16 from 1 byte");
        assertTrue(e.getMessage().contains("'version'"), "message names the field: " + e.getMessage());
        assertEquals(1, reader.remaining(), "a failed read consumes nothing");
    }

    @ParameterizedTest(name = "u64 from {0} bytes")
    @ValueSource(ints = {0, 1, 7})
    void truncatedU64NamesField(int available) {
        ByteReader reader = new ByteReader(new byte[available], "Record");
        ProtocolException e = assertDecodeError(() -> reader.readU64("seq"), "u64 from " + available + " bytes");
        assertTrue(e.getMessage().contains("'seq'"), "message names the field: " + e.getMessage());
    }

    @Test
    void truncatedBytesNamesFieldAfterEarlierReads() throws ProtocolException {
        ByteReader reader = new ByteReader(new byte[10], "ClientHello");
        reader.readU16("version");
        ProtocolException e = assertDecodeError(() -> reader.readBytes(32, "random"), "32 bytes from 8");
        assertTrue(e.getMessage().contains("'random'"), "message names the field: " + e.getMessage());
        assertEquals(8, reader.remaining(), "a failed read consumes nothing");
    }

    @Test
    void negativeLengthIsDecodeError() {
        ByteReader reader = new ByteReader(new byte[4], "Test");
        ProtocolException e = assertDecodeError(() -> reader.readBytes(-1, "weird"), "negative length");
        assertTrue(e.getMessage().contains("'weird'"), "message names the field: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0} trailing byte(s)")
    @ValueSource(ints = {1, 2, 100})
    void trailingBytesAreDecodeError(int trailing) throws ProtocolException {
        ByteReader reader = new ByteReader(new byte[1 + trailing], "Finished");
        reader.readU8("only");
        ProtocolException e = assertDecodeError(reader::expectEnd, trailing + " trailing byte(s)");
        assertTrue(e.getMessage().contains("Finished"), "message names the message: " + e.getMessage());
        assertTrue(e.getMessage().contains(Integer.toString(trailing)), "message gives the count: " + e.getMessage());
    }

    @Test
    void unreadBodyIsTrailing() {
        ByteReader reader = new ByteReader(new byte[] {0}, "Alert");
        assertDecodeError(reader::expectEnd, "a body never read");
    }
}
