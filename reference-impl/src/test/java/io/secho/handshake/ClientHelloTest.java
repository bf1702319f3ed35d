package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHelloTest {
    private static final Set<Suite> ALL = EnumSet.allOf(Suite.class);

    static byte[] random(int seed) {
        byte[] out = new byte[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (seed + i);
        }
        return out;
    }

    static byte[] share(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (0x40 + i);
        }
        return out;
    }

    /** A hello body written by hand, independent of the codec: version | suite | random | share_len | share. */
    static byte[] body(int version, int suite, byte[] random, int shareLength, byte[] share) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version >>> 8);
        out.write(version);
        out.write(suite);
        out.writeBytes(random);
        out.write(shareLength >>> 8);
        out.write(shareLength);
        out.writeBytes(share);
        return out.toByteArray();
    }

    static byte[] validBody(Suite suite) {
        return body(1, suite.code(), random(1), suite.shareLength(), share(suite.shareLength()));
    }

    private static void assertAlert(AlertCode expected, Executable call, String what) {
        ProtocolException e = assertThrows(ProtocolException.class, call, what + " must be rejected");
        assertEquals(expected, e.alert(), what + ": alert (" + e.getMessage() + ")");
    }

    private static void assertServerRejects(AlertCode expected, byte[] body, Set<Suite> offered, String what) {
        assertAlert(expected, () -> ClientHello.decodeAsServer(body, offered), what);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void encodeMatchesDesignLayoutAndDecodes(Suite suite) throws ProtocolException {
        ClientHello hello = new ClientHello(suite, random(7), share(suite.shareLength()));
        byte[] expected = body(1, suite.code(), random(7), suite.shareLength(), share(suite.shareLength()));
        assertArrayEquals(expected, hello.encodeBody(), "body = version | suite | random | share_len | share");

        Frame frame = hello.toFrame();
        assertEquals(FrameType.CLIENT_HELLO, frame.type(), "ClientHello travels in frame 0x01");
        assertArrayEquals(expected, frame.body(), "the frame carries the body");

        ClientHello.Accepted accepted = ClientHello.decodeAsServer(frame.body(), ALL);
        assertEquals(suite, accepted.suite(), "decoded suite");
        assertEquals(ProtocolVersion.V1, accepted.hello().version(), "decoded version");
        assertEquals(suite.code(), accepted.hello().suiteCode(), "decoded suite code");
        assertArrayEquals(random(7), accepted.hello().random(), "decoded random");
        assertArrayEquals(share(suite.shareLength()), accepted.hello().keyShare(), "decoded key share");
        assertArrayEquals(hello.encodeBody(), accepted.hello().encodeBody(), "re-encoding gives the same bytes");
    }

    @Test
    void constantsMatchDesign() {
        assertEquals(1, Suite.X25519.code(), "x25519 code");
        assertEquals(2, Suite.MODP2048.code(), "modp2048 code");
        assertEquals(3, Suite.PSK.code(), "psk code");
        assertEquals(32, Suite.X25519.shareLength(), "x25519 share length");
        assertEquals(256, Suite.MODP2048.shareLength(), "modp2048 share length");
        assertEquals(0, Suite.PSK.shareLength(), "psk share length");
        assertEquals(0x0001, ProtocolVersion.V1, "version");
    }

    // --- a. body < 2 bytes ---

    @ParameterizedTest(name = "{0}-byte body")
    @ValueSource(ints = {0, 1})
    void bodyShorterThanVersionIsDecodeError(int length) {
        assertServerRejects(AlertCode.DECODE_ERROR, new byte[length], ALL, length + "-byte ClientHello");
    }

    // --- b. version first, nothing else parsed ---

    @ParameterizedTest(name = "version 0x{0}")
    @ValueSource(strings = {"0000", "0002", "0100", "ffff"})
    void wrongVersionIsUnsupportedVersionWhateverFollows(String hex) {
        int version = Integer.parseInt(hex, 16);
        byte[] v = {(byte) (version >>> 8), (byte) version};
        assertServerRejects(AlertCode.UNSUPPORTED_VERSION, v, ALL, "bare version 0x" + hex);
        assertServerRejects(AlertCode.UNSUPPORTED_VERSION, new byte[] {v[0], v[1], (byte) 0xff, 0x13, 0x37}, ALL,
                "version 0x" + hex + " + truncated garbage");
        byte[] full = body(version, 0xee, random(2), 5, share(5));
        assertServerRejects(AlertCode.UNSUPPORTED_VERSION, full, ALL,
                "version 0x" + hex + " with unknown suite and wrong share length");
        byte[] trailing = Arrays.copyOf(validBody(Suite.X25519), validBody(Suite.X25519).length + 9);
        trailing[0] = v[0];
        trailing[1] = v[1];
        assertServerRejects(AlertCode.UNSUPPORTED_VERSION, trailing, ALL, "version 0x" + hex + " with trailing bytes");
    }

    // --- c. structure ---

    static Stream<Arguments> truncations() {
        // x25519 body: version 0..1, suite 2, random 3..34, share_len 35..36, share 37..68
        return Stream.of(
                Arguments.of(2, "suite"),
                Arguments.of(3, "random"),
                Arguments.of(34, "random"),
                Arguments.of(35, "share_len"),
                Arguments.of(36, "share_len"),
                Arguments.of(37, "key_share"),
                Arguments.of(68, "key_share"));
    }

    @ParameterizedTest(name = "cut to {0} bytes: {1}")
    @MethodSource("truncations")
    void truncatedAtEachFieldIsDecodeError(int length, String field) {
        byte[] cut = Arrays.copyOf(validBody(Suite.X25519), length);
        ProtocolException e = assertThrows(ProtocolException.class, () -> ClientHello.decodeAsServer(cut, ALL),
                "ClientHello cut to " + length + " bytes");
        assertEquals(AlertCode.DECODE_ERROR, e.alert(), "truncation at " + field);
        assertTrue(e.getMessage().contains("'" + field + "'"), "message names " + field + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void trailingByteIsDecodeError(Suite suite) {
        byte[] valid = validBody(suite);
        assertServerRejects(AlertCode.DECODE_ERROR, Arrays.copyOf(valid, valid.length + 1), ALL,
                suite + " ClientHello with one trailing byte");
    }

    @Test
    void shareLengthFieldLargerThanBodyIsDecodeError() {
        assertServerRejects(AlertCode.DECODE_ERROR, body(1, 1, random(1), 33, share(32)), ALL,
                "share_len 33 with only 32 bytes following");
        assertServerRejects(AlertCode.DECODE_ERROR, body(1, 1, random(1), 0xffff, share(32)), ALL,
                "share_len 65535 with only 32 bytes following");
    }

    @Test
    void structureIsCheckedBeforeSuite() {
        byte[] unknownSuiteTrailing = body(1, 0x77, random(1), 32, share(33));
        assertServerRejects(AlertCode.DECODE_ERROR, unknownSuiteTrailing, ALL,
                "unknown suite + trailing byte: structure (c) before suite (d)");
        byte[] unknownSuiteTruncated = Arrays.copyOf(body(1, 0x77, random(1), 32, share(32)), 20);
        assertServerRejects(AlertCode.DECODE_ERROR, unknownSuiteTruncated, ALL,
                "unknown suite + truncated random");
    }

    // --- d. suite ---

    @ParameterizedTest(name = "suite 0x{0}")
    @ValueSource(strings = {"00", "04", "ff"})
    void unknownSuiteIsUnsupportedSuite(String hex) {
        int code = Integer.parseInt(hex, 16);
        assertServerRejects(AlertCode.UNSUPPORTED_SUITE, body(1, code, random(1), 32, share(32)), ALL,
                "unknown suite 0x" + hex + " with a 32-byte share");
        assertServerRejects(AlertCode.UNSUPPORTED_SUITE, body(1, code, random(1), 0, share(0)), ALL,
                "unknown suite 0x" + hex + " with an empty share");
    }

    @ParameterizedTest(name = "{0} not offered")
    @EnumSource(Suite.class)
    void knownSuiteNotOfferedIsUnsupportedSuite(Suite suite) {
        Set<Suite> offered = EnumSet.complementOf(EnumSet.of(suite));
        assertServerRejects(AlertCode.UNSUPPORTED_SUITE, validBody(suite), offered,
                suite + " when the server offers only " + offered);
    }

    @Test
    void suiteIsCheckedBeforeShareLength() {
        assertServerRejects(AlertCode.UNSUPPORTED_SUITE, body(1, Suite.PSK.code(), random(1), 7, share(7)),
                EnumSet.of(Suite.X25519), "psk not offered, wrong share length: suite (d) before share (e)");
        assertServerRejects(AlertCode.UNSUPPORTED_SUITE, body(1, 0x09, random(1), 7, share(7)), ALL,
                "unknown suite, wrong share length");
    }

    // --- e. share length ---

    @ParameterizedTest(name = "{0} with a {1}-byte share")
    @CsvSource({"X25519, 0", "X25519, 31", "X25519, 33", "X25519, 256",
            "MODP2048, 0", "MODP2048, 255", "MODP2048, 257", "MODP2048, 32",
            "PSK, 1", "PSK, 32"})
    void wrongShareLengthIsIllegalParameter(Suite suite, int length) {
        assertServerRejects(AlertCode.ILLEGAL_PARAMETER, body(1, suite.code(), random(1), length, share(length)), ALL,
                suite + " ClientHello with a " + length + "-byte key share");
    }

    @Test
    void constructorRefusesWrongRandomLength() {
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(Suite.PSK, new byte[31], new byte[0]),
                "random must be 32 bytes");
    }
}
