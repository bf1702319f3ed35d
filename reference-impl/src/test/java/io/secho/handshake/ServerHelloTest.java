package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.secho.handshake.ClientHelloTest.body;
import static io.secho.handshake.ClientHelloTest.random;
import static io.secho.handshake.ClientHelloTest.share;
import static io.secho.handshake.ClientHelloTest.validBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerHelloTest {

    private static void assertClientRejects(AlertCode expected, byte[] body, Suite offered, String what) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ServerHello.decodeAsClient(body, offered),
                what + " must be rejected");
        assertEquals(expected, e.alert(), what + ": alert (" + e.getMessage() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void encodeMatchesDesignLayoutAndDecodes(Suite suite) throws ProtocolException {
        ServerHello hello = new ServerHello(suite, random(9), share(suite.shareLength()));
        byte[] expected = body(1, suite.code(), random(9), suite.shareLength(), share(suite.shareLength()));
        assertArrayEquals(expected, hello.encodeBody(), "ServerHello has the ClientHello layout");
        Frame frame = hello.toFrame();
        assertEquals(FrameType.SERVER_HELLO, frame.type(), "ServerHello travels in frame 0x02");

        ServerHello decoded = ServerHello.decodeAsClient(frame.body(), suite);
        assertEquals(ProtocolVersion.V1, decoded.version(), "decoded version");
        assertEquals(suite.code(), decoded.suiteCode(), "decoded suite");
        assertArrayEquals(random(9), decoded.random(), "decoded random");
        assertArrayEquals(share(suite.shareLength()), decoded.keyShare(), "decoded share");
        assertArrayEquals(expected, decoded.encodeBody(), "re-encoding gives the same bytes");
    }

    @ParameterizedTest(name = "{0}-byte body")
    @ValueSource(ints = {0, 1})
    void bodyShorterThanVersionIsDecodeError(int length) {
        assertClientRejects(AlertCode.DECODE_ERROR, new byte[length], Suite.X25519, length + "-byte ServerHello");
    }

    @ParameterizedTest(name = "version 0x{0}")
    @ValueSource(strings = {"0000", "0002", "0101", "ffff"})
    void versionOtherThanOneIsIllegalParameter(String hex) {
        int version = Integer.parseInt(hex, 16);
        assertClientRejects(AlertCode.ILLEGAL_PARAMETER, body(version, 1, random(1), 32, share(32)), Suite.X25519,
                "well-formed ServerHello with version 0x" + hex);
        assertClientRejects(AlertCode.ILLEGAL_PARAMETER, new byte[] {(byte) (version >>> 8), (byte) version, 1},
                Suite.X25519, "version 0x" + hex + " then truncated: version (b) before structure (c)");
    }

    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(ints = {2, 3, 34, 35, 36, 37, 68})
    void truncatedIsDecodeError(int length) {
        assertClientRejects(AlertCode.DECODE_ERROR, Arrays.copyOf(validBody(Suite.X25519), length), Suite.X25519,
                "ServerHello cut to " + length + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void trailingByteIsDecodeError(Suite suite) {
        byte[] valid = validBody(suite);
        assertClientRejects(AlertCode.DECODE_ERROR, Arrays.copyOf(valid, valid.length + 1), suite,
                suite + " ServerHello with a trailing byte");
    }

    static Stream<Arguments> otherSuites() {
        List<Arguments> out = new ArrayList<>();
        for (Suite offered : Suite.values()) {
            for (int code : new int[] {0x00, 0x01, 0x02, 0x03, 0x04, 0xff}) {
                if (code != offered.code()) {
                    out.add(Arguments.of(offered, code));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "offered {0}, answered 0x{1}")
    @MethodSource("otherSuites")
    void suiteOtherThanOfferedIsIllegalParameter(Suite offered, int code) {
        assertClientRejects(AlertCode.ILLEGAL_PARAMETER,
                body(1, code, random(1), offered.shareLength(), share(offered.shareLength())), offered,
                "ServerHello suite " + code + " when " + offered + " was offered");
    }

    @Test
    void structureIsCheckedBeforeSuite() {
        byte[] wrongSuiteTrailing = body(1, Suite.MODP2048.code(), random(1), 32, share(33));
        assertClientRejects(AlertCode.DECODE_ERROR, wrongSuiteTrailing, Suite.X25519,
                "wrong suite + trailing byte: structure (c) before suite (d)");
    }

    @ParameterizedTest(name = "{0} with a {1}-byte share")
    @CsvSource({"X25519, 0", "X25519, 31", "X25519, 33", "MODP2048, 255", "MODP2048, 257", "PSK, 1"})
    void wrongShareLengthIsIllegalParameter(Suite suite, int length) {
        assertClientRejects(AlertCode.ILLEGAL_PARAMETER, body(1, suite.code(), random(1), length, share(length)), suite,
                suite + " ServerHello with a " + length + "-byte share");
    }
}
