package io.secho.conformance.clients.cases;

import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.HelloMessage;
import io.secho.conformance.peer.Finished;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.clients.server.ScriptedServer;
import io.secho.conformance.clients.server.Wire;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

@DisplayName("Client handshake")
@ExtendWith(ConformanceExtension.class)
public class ClientHandshakeCases {
    private static final List<String> MESSAGES = List.of("hello", "straße 1");
    private static final List<String> ONE = List.of("hello");
    private static final BigInteger X25519_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger HIGH_BIT = BigInteger.TWO.pow(255);
    private static final BigInteger ORDER_8_A = new BigInteger(
            "325606250916557431795983626356110631294008115727848805560023387167927233504");
    private static final BigInteger ORDER_8_B = new BigInteger(
            "39382357235489614581723060781553021112529911719440698176882885853963445705823");
    private static final BigInteger MODP_P = new BigInteger(1, HexFormat.of().parseHex(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AACAA68FFFFFFFFFFFFFFFF"));

    // ---- Whole sessions ---------------------------------------------------------------------------------------

    private static void wholeSession(ClientCaseContext context, Suite suite) {
        context.requireTestable(suite);
        Sessions.wholeSession(context, suite, MESSAGES, "a whole " + suite + " session: ServerHello, server Finished, "
                + "a reply to each request, Close", ScriptedServer::handshake);
    }

    @Test
    @DisplayName("x25519 session: ClientHello, client Finished, requests, replies printed, Close, exit 0")
    @ConformanceCase(id = "CHS-001", requirements = {Req.HS_1, Req.KEX_2, Req.FIN_4, Req.KS_3, Req.KS_4,
        Req.ECHO_12, Req.CLOSE_1, Req.CLOSE_2, Req.HS_11})
    void x25519Session(ClientCaseContext context) {
        wholeSession(context, Suite.X25519);
    }

    @Test
    @DisplayName("modp2048 session: 256-byte share, client Finished, requests, replies printed, Close, exit 0")
    @ConformanceCase(id = "CHS-002", requirements = {Req.HS_1, Req.KEX_6, Req.KEX_8, Req.FIN_4, Req.KS_3,
        Req.KS_4, Req.ECHO_12, Req.CLOSE_1, Req.CLOSE_2, Req.HS_11})
    void modp2048Session(ClientCaseContext context) {
        wholeSession(context, Suite.MODP2048);
    }

    @Test
    @DisplayName("psk session: empty share, client Finished with the PSK, requests, replies printed, Close, exit 0")
    @ConformanceCase(id = "CHS-003", requirements = {Req.HS_1, Req.KEX_9, Req.FIN_4, Req.KS_3, Req.KS_4,
        Req.ECHO_12, Req.CLOSE_1, Req.CLOSE_2, Req.HS_11})
    void pskSession(ClientCaseContext context) {
        wholeSession(context, Suite.PSK);
    }

    @Test
    @DisplayName("a fresh random and key share on every connection (two connections, and each other suite)")
    @ConformanceCase(id = "CHS-004", requirements = {Req.HS_3, Req.KEX_1})
    void freshRandomAndShare(ClientCaseContext context) {
        Suite first = context.anySuite();
        List<Suite> suites = new ArrayList<>(List.of(first, first));
        for (Suite other : Suite.values()) {
            if (other != first && context.target().preflight().suites().get(other)
                    == io.secho.conformance.clients.ClientPreflight.Status.WORKING) {
                suites.add(other);
            }
        }
        Set<String> randoms = new HashSet<>();
        Set<String> shares = new HashSet<>();
        for (Suite suite : suites) {
            ClientOutcome outcome = context.run(suite, ONE, server -> {
                server.readClientHello().probe("a ClientHello on connection " + (randoms.size() + 1));
                server.sendServerHello().sendServerFinished().readClientFinished();
                Sessions.serve(server, ONE);
            });
            byte[] hello = outcome.server().clientHello().orElseThrow();
            String random = HexFormat.of().formatHex(Arrays.copyOfRange(hello, 3 + 3, 3 + 3 + HelloMessage.RANDOM_LENGTH));
            String share = suite + ":" + HexFormat.of().formatHex(Arrays.copyOfRange(hello, 3 + HelloMessage.FIXED_LENGTH,
                    hello.length));
            if (!randoms.add(random)) {
                throw context.fail("a random freshly drawn for every connection (REQ-HS-3)", "connection "
                        + (randoms.size() + 1) + " (" + suite + ") repeats the random " + random + " of an earlier one",
                        "ClientHello on " + suites.size() + " connections");
            }
            if (suite != Suite.PSK && !shares.add(share)) {
                throw context.fail("a fresh key share for every connection (REQ-KEX-1)", "connection "
                        + randoms.size() + " (" + suite + ") repeats the key share of an earlier " + suite
                        + " connection", "ClientHello on " + suites.size() + " connections");
            }
        }
        context.evidence(suites.size() + " connections (" + suites + ") with distinct randoms and key shares");
    }

    // ---- The ServerHello checks of Table 7 ---------------------------------------------------------------------

    /** The ServerHello with a deviation, the server Finished after it as a server sends it; the client's alert. */
    private static void badServerHello(ClientCaseContext context, Suite suite, Consumer<io.secho.conformance.clients
            .server.ServerHelloFields> deviation, AlertCode alert, String what) {
        ClientOutcome outcome = context.run(suite, ONE, server -> server.readClientHello().probe(what).coalesce()
                .sendServerHello(deviation).sendServerFinished().flush());
        context.expectAlert(outcome, alert.code(), false, List.of());
    }

    @Test
    @DisplayName("after a plaintext unsupported_suite the client sends nothing more on that connection")
    @ConformanceCase(id = "CHS-005", requirements = {Req.HS_5, Req.ALERT_9, Req.CLOSE_12})
    void nothingAfterUnsupportedSuite(ClientCaseContext context) {
        Suite suite = context.anySuite();
        ClientOutcome outcome = context.run(suite, ONE, server -> server.readClientHello()
                .probe("the plaintext alert unsupported_suite instead of a ServerHello")
                .sendPlaintextAlert(AlertCode.UNSUPPORTED_SUITE.code()).halfClose());
        context.expectNothingSent(outcome, List.of());
    }

    @Test
    @DisplayName("ServerHello version 0x0002 gets the plaintext alert illegal_parameter")
    @ConformanceCase(id = "CHS-006", requirements = {Req.HS_8, Req.ALERT_2, Req.ALERT_4})
    void serverHelloVersion(ClientCaseContext context) {
        badServerHello(context, context.anySuite(), hello -> hello.version(0x0002), AlertCode.ILLEGAL_PARAMETER,
                "ServerHello version 0x0002");
    }

    @Test
    @DisplayName("ServerHello with another suite than the proposed one gets illegal_parameter")
    @ConformanceCase(id = "CHS-007", requirements = {Req.HS_8, Req.HS_4})
    void serverHelloSuite(ClientCaseContext context) {
        Suite suite = context.anySuite();
        int other = suite.code() % 3 + 1;
        badServerHello(context, suite, hello -> hello.suite(other), AlertCode.ILLEGAL_PARAMETER,
                "ServerHello with suite 0x0" + other + " for a ClientHello proposing " + suite);
    }

    @Test
    @DisplayName("ServerHello body shorter than 2 bytes gets decode_error")
    @ConformanceCase(id = "CHS-008", requirements = {Req.HS_8})
    void serverHelloTooShort(ClientCaseContext context) {
        badServerHello(context, context.anySuite(), hello -> hello.body(new byte[] {0x00}, "00 (1 byte)"),
                AlertCode.DECODE_ERROR, "ServerHello with a 1-byte body");
    }

    @Test
    @DisplayName("ServerHello body length other than 37 + share_len (a trailing byte) gets decode_error")
    @ConformanceCase(id = "CHS-009", requirements = {Req.HS_8})
    void serverHelloTrailingByte(ClientCaseContext context) {
        Suite suite = context.anySuite();
        badServerHello(context, suite, hello -> {
            byte[] right = hello.bytes();
            hello.body(Arrays.copyOf(right, right.length + 1), "of " + (right.length + 1) + " bytes (one trailing)");
        }, AlertCode.DECODE_ERROR, "ServerHello with one byte after its key share");
    }

    /** CHS-010's inputs: a share_len other than the suite's, the body consistent with it. */
    public static Stream<Arguments> wrongShareLengths() {
        return Stream.of(
                Arguments.of("CHS-010.1", "x25519 with a 31-byte key share", Suite.X25519, 31),
                Arguments.of("CHS-010.2", "modp2048 with a 255-byte key share", Suite.MODP2048, 255),
                Arguments.of("CHS-010.3", "psk with a 32-byte key share", Suite.PSK, 32));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongShareLengths")
    @DisplayName("ServerHello share_len wrong for the suite gets illegal_parameter")
    @ConformanceCase(id = "CHS-010", requirements = {Req.HS_8, Req.KEX_9})
    void serverHelloShareLength(String id, String what, Suite suite, int length, ClientCaseContext context) {
        context.requireSession(suite);
        badServerHello(context, suite, hello -> hello.share(new byte[length], length + " zero bytes"),
                AlertCode.ILLEGAL_PARAMETER, "ServerHello, " + what);
    }

    /** CHS-011's inputs: x25519 shares that give the all-zero secret (checked with Bouncy Castle's X25519). */
    public static Stream<Arguments> zeroSecretShares() {
        BigInteger[] values = {BigInteger.ZERO, BigInteger.ONE, ORDER_8_A, ORDER_8_B, X25519_P.subtract(BigInteger.ONE),
            X25519_P, X25519_P.add(BigInteger.ONE)};
        String[] names = {"0", "1", "a point of order 8", "the other point of order 8", "p-1 (order 2)", "p (= 0)",
            "p+1 (= 1)"};
        List<Arguments> arguments = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            arguments.add(Arguments.of("CHS-011." + (i + 1), names[i], littleEndian(values[i])));
            arguments.add(Arguments.of("CHS-011." + (i + 1 + values.length), names[i] + " with bit 255 set",
                    littleEndian(values[i].add(HIGH_BIT))));
        }
        return arguments.stream().sorted((a, b) -> Integer.compare(index(a), index(b)));
    }

    private static int index(Arguments arguments) {
        String id = (String) arguments.get()[0];
        return Integer.parseInt(id.substring(id.indexOf('.') + 1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("zeroSecretShares")
    @DisplayName("x25519 ServerHello share giving the all-zero secret gets illegal_parameter, no Finished")
    @ConformanceCase(id = "CHS-011", requirements = {Req.KEX_4, Req.HS_8, Req.FIN_5})
    void zeroSecretShare(String id, String what, byte[] share, ClientCaseContext context) {
        context.requireSession(Suite.X25519);
        badServerHello(context, Suite.X25519, hello -> hello.share(share, what), AlertCode.ILLEGAL_PARAMETER,
                "ServerHello with the x25519 key share " + what);
    }

    /** CHS-012's inputs: shares written differently from the server's own that a client must accept. */
    public static Stream<Arguments> acceptedShares() {
        return Stream.of(
                Arguments.of("CHS-012.1", "the server's share with bit 255 set (masked when decoded)", 1),
                Arguments.of("CHS-012.2", "p+9, the base point written non-canonically", 2),
                Arguments.of("CHS-012.3", "p+9 with bit 255 set", 3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("acceptedShares")
    @DisplayName("x25519 ServerHello share that is non-canonical or has bit 255 set is accepted: the session completes")
    @ConformanceCase(id = "CHS-012", requirements = {Req.KEX_3})
    void acceptedShare(String id, String what, int variant, ClientCaseContext context) {
        context.requireSession(Suite.X25519);
        byte[] basePoint = littleEndian(X25519_P.add(BigInteger.valueOf(9)));
        Sessions.wholeSession(context, Suite.X25519, ONE, "ServerHello with the key share " + what, server -> {
            server.readClientHello();
            server.sendServerHello(hello -> {
                if (variant == 1) {
                    byte[] share = hello.ownShare();
                    share[31] |= (byte) 0x80;
                    hello.shareWithSecret(share, server.agreedSecret(), what);
                } else {
                    // X25519(k, 9) is the client's own public share: the secret both sides agree on.
                    byte[] share = basePoint.clone();
                    if (variant == 3) {
                        share[31] |= (byte) 0x80;
                    }
                    hello.shareWithSecret(share, server.clientShare(), what);
                }
            });
            server.sendServerFinished().readClientFinished();
        });
    }

    /** CHS-013's inputs: modp2048 shares outside 1 < y < p-1. */
    public static Stream<Arguments> invalidModpShares() {
        return Stream.of(
                Arguments.of("CHS-013.1", "y = 0", modp(BigInteger.ZERO)),
                Arguments.of("CHS-013.2", "y = 1", modp(BigInteger.ONE)),
                Arguments.of("CHS-013.3", "y = p-1", modp(MODP_P.subtract(BigInteger.ONE))),
                Arguments.of("CHS-013.4", "y = p", modp(MODP_P)),
                Arguments.of("CHS-013.5", "y = p+1", modp(MODP_P.add(BigInteger.ONE))),
                Arguments.of("CHS-013.6", "y = 2^2048-1", modp(BigInteger.TWO.pow(2048).subtract(BigInteger.ONE))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidModpShares")
    @DisplayName("modp2048 ServerHello share outside 1 < y < p-1 gets illegal_parameter")
    @ConformanceCase(id = "CHS-013", requirements = {Req.KEX_7, Req.HS_8})
    void invalidModpShare(String id, String what, byte[] share, ClientCaseContext context) {
        context.requireSession(Suite.MODP2048);
        badServerHello(context, Suite.MODP2048, hello -> hello.share(share, what), AlertCode.ILLEGAL_PARAMETER,
                "ServerHello with the modp2048 key share " + what);
    }

    // ---- The server Finished ----------------------------------------------------------------------------------

    @Test
    @DisplayName("server Finished with a wrong verify_data gets plaintext handshake_failure, no client Finished")
    @ConformanceCase(id = "CHS-014", requirements = {Req.FIN_3, Req.FIN_5, Req.ALERT_2})
    void wrongServerFinished(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.readClientHello().sendServerHello()
                .probe("a server Finished whose verify_data is wrong").sendWrongServerFinished());
        context.expectAlert(outcome, AlertCode.HANDSHAKE_FAILURE.code(), false, List.of());
    }

    @Test
    @DisplayName("server Finished body of 31 bytes gets decode_error")
    @ConformanceCase(id = "CHS-015", requirements = {Req.FIN_2, Req.FIN_5})
    void shortServerFinished(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.readClientHello().sendServerHello()
                .probe("a server Finished with a 31-byte body").sendFinishedFrame(new byte[31], "server Finished with "
                        + "a 31-byte body"));
        context.expectAlert(outcome, AlertCode.DECODE_ERROR.code(), false, List.of());
    }

    @Test
    @DisplayName("ServerHello, then silence: the client sends no Finished and gives up within 30 s")
    @ConformanceCase(id = "CHS-016", requirements = {Req.FIN_5, Req.LIM_8})
    void silenceAfterServerHello(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.readClientHello()
                .probe("a ServerHello and no server Finished").sendServerHello());
        context.expectGaveUp(outcome, false, List.of());
    }

    /** CHS-017's inputs: a frame the client must not get first. */
    public static Stream<Arguments> wrongFirstFrames() {
        return Stream.of(
                Arguments.of("CHS-017.1", "a Finished before the ServerHello", 1),
                Arguments.of("CHS-017.2", "a record before the ServerHello", 2),
                Arguments.of("CHS-017.3", "a client_hello frame (a type only a client sends)", 3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongFirstFrames")
    @DisplayName("a frame not allowed before the ServerHello gets plaintext unexpected_message")
    @ConformanceCase(id = "CHS-017", requirements = {Req.FRM_8, Req.HS_11})
    void wrongFirstFrame(String id, String what, int variant, ClientCaseContext context) {
        Suite suite = context.anySuite();
        ClientOutcome outcome = context.run(suite, ONE, server -> {
            server.readClientHello().probe(what);
            switch (variant) {
                case 1 -> server.sendFinishedFrame(new byte[Finished.LENGTH], "a Finished frame (32 zero bytes)");
                case 2 -> server.sendFrame(FrameType.RECORD.code(), new byte[FrameLimits.MIN_RECORD_BODY + 5], "a record frame (34 zero bytes)");
                default -> server.sendFrame(FrameType.CLIENT_HELLO.code(), server.clientHelloBody(),
                        "a client_hello frame (the client's own ClientHello, sent back)");
            }
        });
        context.expectAlert(outcome, AlertCode.UNEXPECTED_MESSAGE.code(), false, List.of());
    }

    @Test
    @DisplayName("a plaintext alert instead of the ServerHello: the client sends nothing, prints nothing, exit != 0")
    @ConformanceCase(id = "CHS-018", requirements = {Req.ALERT_8, Req.ALERT_9})
    void alertInsteadOfServerHello(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.readClientHello()
                .probe("the plaintext alert internal_error instead of a ServerHello")
                .sendPlaintextAlert(AlertCode.INTERNAL_ERROR.code()).halfClose());
        context.expectNothingSent(outcome, List.of());
    }

    static byte[] littleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] little = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            little[i] = big[big.length - 1 - i];
        }
        return little;
    }

    private static byte[] modp(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] share = new byte[256];
        int take = Math.min(big.length, 256);
        System.arraycopy(big, big.length - take, share, 256 - take, take);
        return share;
    }
}
