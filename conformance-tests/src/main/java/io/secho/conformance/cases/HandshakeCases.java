package io.secho.conformance.cases;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.HandshakeProblem;
import io.secho.conformance.net.Observed;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.Hex;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.Modp2048Group;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.secho.conformance.cases.Messages.utf8;

@DisplayName("Handshake")
@ExtendWith(ConformanceExtension.class)
class HandshakeCases {
    private static final int VERIFY_DATA_LENGTH = 32;
    /** Long enough that a server which would speak first has done so; short enough to cost nothing. */
    private static final Duration SILENCE = Duration.ofMillis(300);

    private static void completesAndEchoes(CaseContext context, Suite suite) {
        context.requireTestable(suite);
        Session session = context.handshakeUnderTest(suite);
        context.expectEcho(session, "handshake ok", "HANDSHAKE OK");
    }

    @Test
    @DisplayName("x25519 handshake completes; keys, Finished MACs and the first echo are right")
    @ConformanceCase(id = "HS-001", requirements = {Req.HS_7, Req.KEX_2, Req.KEX_4, Req.KS_1, Req.KS_2, Req.KS_3, Req.KS_4, Req.FIN_1, Req.FIN_6, Req.REC_1, Req.REC_3, Req.FRM_1, Req.FRM_2})
    void x25519Completes(CaseContext context) {
        completesAndEchoes(context, Suite.X25519);
    }

    @Test
    @DisplayName("modp2048 handshake completes; 256-byte shares and secret, Finished MACs, first echo")
    @ConformanceCase(id = "HS-002", requirements = {Req.HS_7, Req.KEX_6, Req.KEX_8, Req.KS_1, Req.KS_2, Req.KS_3, Req.KS_4, Req.FIN_1, Req.FIN_6, Req.FRM_1, Req.FRM_2})
    void modp2048Completes(CaseContext context) {
        completesAndEchoes(context, Suite.MODP2048);
    }

    @Test
    @DisplayName("psk handshake completes with empty key shares; Finished MACs and first echo")
    @ConformanceCase(id = "HS-003", requirements = {Req.HS_7, Req.KEX_9, Req.KS_1, Req.KS_2, Req.KS_3, Req.KS_4, Req.FIN_1, Req.FIN_6, Req.FRM_1, Req.FRM_2})
    void pskCompletes(CaseContext context) {
        completesAndEchoes(context, Suite.PSK);
    }

    @Test
    @DisplayName("ClientHello version 0x0002 gets unsupported_version")
    @ConformanceCase(id = "HS-004", requirements = {Req.HS_6, Req.ALERT_1, Req.ALERT_4, Req.ALERT_3, Req.ALERT_11},
            endings = "plaintext alert unsupported_version, then FIN")
    void unsupportedVersion(CaseContext context) {
        // The version is checked before the suite (Table 6, b before d): any suite will do, offered or not.
        Frame hello = new ClientHello(0x0002, Suite.X25519.code(), context.random().nextBytes(32),
                context.random().nextBytes(32)).toFrame();
        TestConnection connection = context.connect();
        connection.send(hello, "ClientHello with version 0x0002");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.UNSUPPORTED_VERSION, "ClientHello version 0x0002");
    }

    @Test
    @DisplayName("ClientHello with unknown suite 0x7f gets unsupported_suite")
    @ConformanceCase(id = "HS-005", requirements = {Req.HS_4, Req.HS_6},
            endings = "plaintext alert unsupported_suite, then FIN")
    void unknownSuite(CaseContext context) {
        Frame hello = new ClientHello(0x0001, 0x7f, context.random().nextBytes(32), new byte[32]).toFrame();
        TestConnection connection = context.connect();
        connection.send(hello, "ClientHello with suite 0x7f");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.UNSUPPORTED_SUITE, "ClientHello suite 0x7f");
    }

    static Stream<Arguments> invalidModpShares() {
        BigInteger p = Modp2048Group.P;
        BigInteger allOnes = BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE);
        return Stream.of(
                Arguments.of("HS-011.1", "y = 0", BigInteger.ZERO),
                Arguments.of("HS-011.2", "y = 1", BigInteger.ONE),
                Arguments.of("HS-011.3", "y = p-1", p.subtract(BigInteger.ONE)),
                Arguments.of("HS-011.4", "y = p", p),
                Arguments.of("HS-011.5", "y = p+1", p.add(BigInteger.ONE)),
                Arguments.of("HS-011.6", "y = 2^2048-1", allOnes));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidModpShares")
    @DisplayName("modp2048 key share outside 1 < y < p-1 gets illegal_parameter (unsupported_suite where modp2048 is off)")
    @ConformanceCase(id = "HS-011", requirements = {Req.KEX_7, Req.HS_6},
            endings = "plaintext alert illegal_parameter, then FIN; no ServerHello")
    void invalidModpShare(String id, String what, BigInteger value, CaseContext context) {
        context.requireSelected(Suite.MODP2048);
        byte[] magnitude = value.toByteArray();
        byte[] share = new byte[256];
        int copy = Math.min(256, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - copy, share, 256 - copy, copy);
        sendHelloExpectAlert(context, Suite.MODP2048, share, AlertCode.ILLEGAL_PARAMETER, "modp2048 share " + what);
    }

    static Stream<Arguments> lowOrderX25519Points() {
        return Stream.of(
                Arguments.of("HS-012.1", "u = 0", "0000000000000000000000000000000000000000000000000000000000000000"),
                Arguments.of("HS-012.2", "u = 1", "0100000000000000000000000000000000000000000000000000000000000000"),
                Arguments.of("HS-012.3", "order-8 point e0eb7a7c...", "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
                Arguments.of("HS-012.4", "order-8 point 5f9c95bc...", "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
                Arguments.of("HS-012.5", "u = p-1", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                Arguments.of("HS-012.6", "u = p", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                Arguments.of("HS-012.7", "u = p+1", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lowOrderX25519Points")
    @DisplayName("x25519 low-order key share (all-zero shared secret) gets illegal_parameter (unsupported_suite where x25519 is off)")
    @ConformanceCase(id = "HS-012", requirements = {Req.KEX_4, Req.HS_6},
            endings = "plaintext alert illegal_parameter, then FIN; no ServerHello")
    void lowOrderX25519Share(String id, String what, String hex, CaseContext context) {
        context.requireSelected(Suite.X25519);
        sendHelloExpectAlert(context, Suite.X25519, Hex.decode(hex), AlertCode.ILLEGAL_PARAMETER, "x25519 share " + what);
    }

    /**
     * The alert for a key share fault (step e or f of Table 6); the suite check (step d) comes first, so a
     * server that does not enable the suite answers unsupported_suite instead.
     */
    private static void sendHelloExpectAlert(CaseContext context, Suite suite, byte[] share, AlertCode alert, String what) {
        AlertCode expected = context.offers(suite) ? alert : AlertCode.UNSUPPORTED_SUITE;
        TestConnection connection = context.connect();
        connection.send(new ClientHello(suite, context.random().nextBytes(32), share).toFrame(), "ClientHello, " + what);
        Endings.plaintextAlertThenFin(context, connection, expected, "ClientHello with " + what
                + (expected == alert ? "" : " (" + suite + " is not enabled: step d comes before the share checks)"));
    }

    @Test
    @DisplayName("a client Finished made with the wrong PSK gets handshake_failure")
    @ConformanceCase(id = "HS-013", requirements = {Req.FIN_6, Req.FIN_7, Req.ALERT_2},
            endings = "plaintext alert handshake_failure, then FIN")
    void wrongPsk(CaseContext context) {
        context.requireOffered(Suite.PSK);
        PreSharedKey wrong = PreSharedKey.of(context.random().nextBytes(PreSharedKey.LENGTH));
        TestConnection connection = context.connect();
        ClientFlight.Pending pending;
        try {
            pending = ClientFlight.start(connection, Suite.PSK, Suite.PSK.newKeyExchange(context.random(),
                    Optional.of(wrong)), context.random().nextBytes(32), false);
        } catch (HandshakeProblem e) {
            throw context.handshakeBlocked(Suite.PSK, e);
        }
        connection.send(pending.clientFinished(), "client Finished computed with a wrong PSK");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.HANDSHAKE_FAILURE, "Finished under a wrong PSK");
    }

    @Test
    @DisplayName("a client Finished with one bit flipped gets handshake_failure")
    @ConformanceCase(id = "HS-014", requirements = {Req.FIN_6, Req.FIN_7},
            endings = "plaintext alert handshake_failure, then FIN")
    void tamperedFinished(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        Bits.Altered altered = Bits.flipInBody(context, pending.clientFinished(), 0, VERIFY_DATA_LENGTH, "verify_data");
        pending.connection().send(altered.bytes(), "client Finished, " + altered.description());
        Endings.plaintextAlertThenFin(context, pending.connection(), AlertCode.HANDSHAKE_FAILURE, altered.description());
    }

    static Stream<Arguments> verifyDataBytes() {
        return IntStream.range(0, VERIFY_DATA_LENGTH)
                .mapToObj(i -> Arguments.of("HS-025." + (i + 1), "byte " + i + " of verify_data", i));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("verifyDataBytes")
    @DisplayName("a client Finished with any one byte of verify_data wrong gets handshake_failure (all 32 positions)")
    @ConformanceCase(id = "HS-025", requirements = {Req.FIN_6, Req.FIN_7},
            endings = "plaintext alert handshake_failure, then FIN")
    void finishedByteWrong(String id, String what, int index, CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        byte[] wrong = Bits.invertByte(pending.clientFinished(), index);
        String description = "client Finished with byte " + index + " of verify_data inverted (every bit flipped)";
        pending.connection().send(wrong, description);
        Endings.plaintextAlertThenFin(context, pending.connection(), AlertCode.HANDSHAKE_FAILURE, description);
    }

    @Test
    @DisplayName("a client Finished of 31 bytes gets decode_error")
    @ConformanceCase(id = "HS-015", requirements = {Req.FIN_2}, endings = "plaintext alert decode_error, then FIN")
    void shortFinished(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        byte[] body = Arrays.copyOf(pending.clientFinished().body(), 31);
        pending.connection().send(new Frame(FrameType.FINISHED, body), "client Finished of 31 bytes");
        Endings.plaintextAlertThenFin(context, pending.connection(), AlertCode.DECODE_ERROR, "Finished of 31 bytes");
    }

    @Test
    @DisplayName("a record before any handshake gets unexpected_message")
    @ConformanceCase(id = "HS-016", requirements = {Req.FRM_8, Req.HS_10},
            endings = "plaintext alert unexpected_message, then FIN")
    void recordBeforeHandshake(CaseContext context) {
        TestConnection connection = context.connect();
        connection.send(new Frame(FrameType.RECORD, context.random().nextBytes(40)), "record frame as the first frame");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.UNEXPECTED_MESSAGE, "a record before ClientHello");
    }

    @Test
    @DisplayName("a Finished before any hello gets unexpected_message")
    @ConformanceCase(id = "HS-017", requirements = {Req.FRM_8, Req.HS_10},
            endings = "plaintext alert unexpected_message, then FIN")
    void finishedFirst(CaseContext context) {
        TestConnection connection = context.connect();
        connection.send(new Frame(FrameType.FINISHED, new byte[32]), "Finished as the first frame");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.UNEXPECTED_MESSAGE, "a Finished before ClientHello");
    }

    @Test
    @DisplayName("a record before the client Finished gets unexpected_message, in plaintext")
    @ConformanceCase(id = "HS-018", requirements = {Req.FIN_7, Req.FRM_8, Req.ALERT_2},
            endings = "plaintext alert unexpected_message, then FIN")
    void recordBeforeClientFinished(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        Session session = pending.sessionWithoutFinished();
        session.send(session.seal(InnerType.DATA, utf8("too early")), "data record instead of the client Finished");
        Endings.plaintextAlertThenFin(context, pending.connection(), AlertCode.UNEXPECTED_MESSAGE,
                "a record before the client Finished");
    }

    @Test
    @DisplayName("a second ClientHello after the handshake gets an encrypted unexpected_message")
    @ConformanceCase(id = "HS-019", requirements = {Req.HS_5, Req.FRM_8, Req.ALERT_2},
            endings = "one encrypted alert unexpected_message, then FIN")
    void secondClientHello(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "first");
        session.connection().send(session.transcript().clientHelloFrame(), "the ClientHello again");
        Endings.encryptedAlertThenFin(context, session, AlertCode.UNEXPECTED_MESSAGE, "a second ClientHello");
    }

    @Test
    @DisplayName("every connection gets a fresh server random and, for DH suites, a fresh key share")
    @ConformanceCase(id = "HS-021", requirements = {Req.HS_3, Req.KEX_1})
    void freshRandomAndShare(CaseContext context) {
        Suite suite = context.anySuite();
        byte[] clientRandom = context.random().nextBytes(32);
        KeyExchange exchange = suite.newKeyExchange(context.random(), context.psk());
        Set<String> randoms = new HashSet<>();
        Set<String> shares = new HashSet<>();
        int sessions = 5;
        for (int i = 0; i < sessions; i++) {
            TestConnection connection = context.connect();
            ClientFlight.Pending pending;
            try {
                pending = ClientFlight.start(connection, suite, exchange, clientRandom, true);
            } catch (HandshakeProblem e) {
                throw context.handshakeBlocked(suite, e);
            }
            randoms.add(Hex.encode(pending.transcript().serverRandom()));
            shares.add(Hex.encode(pending.transcript().serverShare()));
            connection.close();
        }
        if (randoms.size() != sessions) {
            throw context.fail(sessions + " different server randoms for " + sessions
                    + " ClientHellos with the same client random", randoms.size() + " different: " + randoms, "");
        }
        if (suite != Suite.PSK && shares.size() != sessions) {
            throw context.fail(sessions + " different server key shares", shares.size() + " different", "");
        }
        context.evidence(sessions + " server randoms" + (suite == Suite.PSK ? "" : " and key shares") + " all differ");
    }

    @Test
    @DisplayName("the server sends nothing before the ClientHello, and then answers it")
    @ConformanceCase(id = "HS-022", requirements = {Req.HS_2}, endings = "no bytes while the client is silent")
    void serverWaitsForClient(CaseContext context) {
        TestConnection connection = context.connect();
        Observed silence = connection.readUntilEnd(SILENCE);
        if (!silence.empty()) {
            throw context.fail("no bytes before the ClientHello", silence.describe(), "nothing");
        }
        if (silence.ending() != Ending.OPEN_AT_TIME_LIMIT) {
            throw new CaseBlocked("the server ended the connection before any ClientHello", "HS-001", silence.describe());
        }
        // Silence proves something only from a server that then answers: a dead one is silent too.
        Suite suite = Suite.X25519;
        connection.send(new ClientHello(suite, context.random().nextBytes(32),
                suite.newKeyExchange(context.random(), Optional.empty()).publicShare()).toFrame(),
                "ClientHello x25519, after " + SILENCE.toMillis() + " ms of silence");
        try {
            Frame answer = connection.readFrame("a ServerHello or a plaintext alert");
            if (answer.type() != FrameType.SERVER_HELLO && answer.type() != FrameType.ALERT) {
                throw new CaseBlocked("the server did not answer a ClientHello", "HS-001", Decoded.describeFrame(answer));
            }
            context.evidence("no byte for " + SILENCE.toMillis() + " ms, then " + Decoded.describeFrame(answer)
                    + " in answer to the ClientHello");
        } catch (ConnectionEndedException e) {
            throw new CaseBlocked("the server did not answer a ClientHello", "HS-001", e.received());
        }
    }

    @Test
    @DisplayName("an x25519 key share with its top bit set is accepted and decoded as RFC 7748 says")
    @ConformanceCase(id = "HS-023", requirements = {Req.KEX_3, Req.KS_1})
    void x25519TopBitMasked(CaseContext context) {
        context.requireSession(Suite.X25519);
        KeyExchange exchange = Suite.X25519.newKeyExchange(context.random(), Optional.empty());
        byte[] share = exchange.publicShare();
        share[31] |= (byte) 0x80;
        TestConnection connection = context.connect();
        ClientFlight.Pending pending;
        try {
            pending = ClientFlight.startWithShare(connection, Suite.X25519, exchange, context.random().nextBytes(32),
                    share, "key share with bit 255 set");
        } catch (HandshakeProblem e) {
            throw context.fail("a ServerHello and a Finished computed with the top bit masked", e.getMessage(),
                    "ClientHello with an x25519 share whose top bit is set");
        }
        context.expectEcho(pending.finish(), "masked", "MASKED");
    }
}
