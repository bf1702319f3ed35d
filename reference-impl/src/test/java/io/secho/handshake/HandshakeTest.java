package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.Modp2048Group;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.keyschedule.SessionSecrets;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HandshakeTest {
    private static final PreSharedKey PSK = PreSharedKey.of(bytes(32, 0x11));
    private static final PreSharedKey OTHER_PSK = PreSharedKey.of(bytes(32, 0x22));
    private static final Set<Suite> ALL = EnumSet.allOf(Suite.class);

    private record Session(HandshakeResult client, HandshakeResult server) {
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed + 3 * i);
        }
        return out;
    }

    private static RandomBytes seeded(String label) {
        return InsecureDeterministicRandomBytes.fromLabel(label);
    }

    private static ClientHandshake client(Suite suite, PreSharedKey psk, RandomBytes random) {
        return new ClientHandshake(suite, suite == Suite.PSK ? Optional.of(psk) : Optional.empty(), random);
    }

    private static ServerHandshake server(PreSharedKey psk, RandomBytes random) {
        return new ServerHandshake(ALL, Optional.of(psk), random);
    }

    private static Session run(Suite suite, RandomBytes clientRandom, RandomBytes serverRandom)
            throws ProtocolException {
        ClientHandshake client = client(suite, PSK, clientRandom);
        ServerHandshake server = server(PSK, serverRandom);
        List<Frame> flight = server.onClientHello(client.clientHello());
        assertEquals(2, flight.size(), "the server answers with ServerHello and Finished");
        client.onServerHello(flight.get(0));
        HandshakeResult clientResult = client.onServerFinished(flight.get(1));
        HandshakeResult serverResult = server.onClientFinished(Frame.parse(clientResult.clientFinishedFrame()));
        return new Session(clientResult, serverResult);
    }

    private static void assertAlert(AlertCode expected, org.junit.jupiter.api.function.Executable call, String what) {
        ProtocolException e = assertThrows(ProtocolException.class, call, what + " must be rejected");
        assertEquals(expected, e.alert(), what + ": alert (" + e.getMessage() + ")");
    }

    private static byte[] flipBit(byte[] data, int index, int bit) {
        byte[] out = data.clone();
        out[index] ^= (byte) (1 << bit);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void completesAndBothSidesAgree(Suite suite) throws Exception {
        ClientHandshake client = client(suite, PSK, seeded("client " + suite));
        ServerHandshake server = server(PSK, seeded("server " + suite));
        Frame clientHello = client.clientHello();
        List<Frame> flight = server.onClientHello(clientHello);
        assertEquals(FrameType.SERVER_HELLO, flight.get(0).type(), "first the ServerHello");
        assertEquals(FrameType.FINISHED, flight.get(1).type(), "then the server Finished");
        client.onServerHello(flight.get(0));
        HandshakeResult c = client.onServerFinished(flight.get(1));
        Frame clientFinished = Frame.parse(c.clientFinishedFrame());
        assertEquals(FrameType.FINISHED, clientFinished.type(), "the client answers with Finished");
        HandshakeResult s = server.onClientFinished(clientFinished);

        assertEquals(ClientHandshake.State.COMPLETE, client.state(), "client state after its Finished");
        assertEquals(ServerHandshake.State.COMPLETE, server.state(), "server state after the client Finished");
        assertEquals(Optional.of(suite), server.suite(), "the server chose the client's suite");

        assertEquals(suite, c.suite(), "client result suite");
        assertEquals(suite, s.suite(), "server result suite");
        assertArrayEquals(clientHello.encode(), c.clientHelloFrame(), "client kept its ClientHello as sent");
        assertArrayEquals(c.clientHelloFrame(), s.clientHelloFrame(), "ClientHello frame agrees");
        assertArrayEquals(flight.get(0).encode(), s.serverHelloFrame(), "server kept its ServerHello as sent");
        assertArrayEquals(c.serverHelloFrame(), s.serverHelloFrame(), "ServerHello frame agrees");
        assertArrayEquals(flight.get(1).encode(), s.serverFinishedFrame(), "server kept its Finished as sent");
        assertArrayEquals(c.serverFinishedFrame(), s.serverFinishedFrame(), "server Finished frame agrees");
        assertArrayEquals(c.clientFinishedFrame(), s.clientFinishedFrame(), "client Finished frame agrees");
        assertArrayEquals(c.sharedSecret(), s.sharedSecret(), "shared secret agrees");
        assertArrayEquals(c.transcriptHash2(), s.transcriptHash2(), "th2 agrees");

        SessionSecrets cs = c.secrets();
        SessionSecrets ss = s.secrets();
        assertArrayEquals(cs.transcriptHash1(), ss.transcriptHash1(), "th1 agrees");
        assertArrayEquals(cs.pseudoRandomKey(), ss.pseudoRandomKey(), "prk agrees");
        assertArrayEquals(cs.clientToServer().key(), ss.clientToServer().key(), "c2s key agrees");
        assertArrayEquals(cs.clientToServer().salt(), ss.clientToServer().salt(), "c2s salt agrees");
        assertArrayEquals(cs.serverToClient().key(), ss.serverToClient().key(), "s2c key agrees");
        assertArrayEquals(cs.serverToClient().salt(), ss.serverToClient().salt(), "s2c salt agrees");
        assertArrayEquals(cs.clientFinishedKey(), ss.clientFinishedKey(), "c_fin agrees");
        assertArrayEquals(cs.serverFinishedKey(), ss.serverFinishedKey(), "s_fin agrees");
        assertArrayEquals(cs.serverVerifyData(), ss.serverVerifyData(), "server verify_data agrees");

        int expectedSecret = suite == Suite.MODP2048 ? 256 : 32;
        assertEquals(expectedSecret, c.sharedSecret().length, "secret length for " + suite);
        if (suite == Suite.PSK) {
            assertArrayEquals(PSK.bytes(), c.sharedSecret(), "psk: the secret is the pre-shared key");
        }
        assertEquals(3 + 37 + suite.shareLength(), c.clientHelloFrame().length, "ClientHello frame size");
        assertEquals(3 + 37 + suite.shareLength(), c.serverHelloFrame().length, "ServerHello frame size");
        assertEquals(35, c.serverFinishedFrame().length, "server Finished frame size");
        assertEquals(35, c.clientFinishedFrame().length, "client Finished frame size");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void transcriptAndFinishedFollowTheDesign(Suite suite) throws Exception {
        HandshakeResult r = run(suite, seeded("c"), seeded("s")).client();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(r.clientHelloFrame());
        sha.update(r.serverHelloFrame());
        byte[] th1 = sha.digest();
        assertArrayEquals(th1, r.secrets().transcriptHash1(), "th1 = SHA-256(CH || SH), whole frames");
        sha.update(r.clientHelloFrame());
        sha.update(r.serverHelloFrame());
        sha.update(r.serverFinishedFrame());
        byte[] th2 = sha.digest();
        assertArrayEquals(th2, r.transcriptHash2(), "th2 = SHA-256(CH || SH || SF), whole frames");

        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(r.secrets().serverFinishedKey(), "HmacSHA256"));
        byte[] serverVerify = hmac.doFinal(th1);
        assertArrayEquals(serverVerify, Arrays.copyOfRange(r.serverFinishedFrame(), 3, 35),
                "server Finished = HMAC(s_fin, th1)");
        hmac.init(new SecretKeySpec(r.secrets().clientFinishedKey(), "HmacSHA256"));
        assertArrayEquals(hmac.doFinal(th2), Arrays.copyOfRange(r.clientFinishedFrame(), 3, 35),
                "client Finished = HMAC(c_fin, th2)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void directionsHaveDifferentKeysAndSalts(Suite suite) throws Exception {
        SessionSecrets secrets = run(suite, seeded("c"), seeded("s")).client().secrets();
        assertFalse(Arrays.equals(secrets.clientToServer().key(), secrets.serverToClient().key()),
                "c2s and s2c keys differ");
        assertFalse(Arrays.equals(secrets.clientToServer().salt(), secrets.serverToClient().salt()),
                "c2s and s2c salts differ");
        assertFalse(Arrays.equals(secrets.clientFinishedKey(), secrets.serverFinishedKey()),
                "c_fin and s_fin differ");
        assertEquals(32, secrets.clientToServer().key().length, "key length");
        assertEquals(4, secrets.clientToServer().salt().length, "salt length");
    }

    @Test
    void pskSessionsWithSameClientRandomnessGetDifferentKeys() throws Exception {
        Session first = run(Suite.PSK, seeded("same client"), seeded("server session 1"));
        Session second = run(Suite.PSK, seeded("same client"), seeded("server session 2"));
        assertArrayEquals(first.client().clientHelloFrame(), second.client().clientHelloFrame(),
                "precondition: both ClientHellos are byte-identical");
        assertArrayEquals(first.client().sharedSecret(), second.client().sharedSecret(),
                "precondition: the same PSK is the secret of both sessions");
        assertFalse(Arrays.equals(first.client().serverHelloFrame(), second.client().serverHelloFrame()),
                "precondition: the server randoms differ");
        SessionSecrets a = first.client().secrets();
        SessionSecrets b = second.client().secrets();
        assertFalse(Arrays.equals(a.clientToServer().key(), b.clientToServer().key()), "c2s keys differ per session");
        assertFalse(Arrays.equals(a.serverToClient().key(), b.serverToClient().key()), "s2c keys differ per session");
        assertFalse(Arrays.equals(a.clientToServer().salt(), b.clientToServer().salt()), "c2s salts differ");
        assertFalse(Arrays.equals(a.serverToClient().salt(), b.serverToClient().salt()), "s2c salts differ");
        assertFalse(Arrays.equals(a.serverVerifyData(), b.serverVerifyData()), "server Finished differs");
    }

    @Test
    void wrongPskFailsAtServerFinished() throws Exception {
        ClientHandshake client = client(Suite.PSK, OTHER_PSK, seeded("c"));
        ServerHandshake server = server(PSK, seeded("s"));
        List<Frame> flight = server.onClientHello(client.clientHello());
        client.onServerHello(flight.get(0));
        assertAlert(AlertCode.HANDSHAKE_FAILURE, () -> client.onServerFinished(flight.get(1)),
                "server Finished made with a different PSK");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void flippedClientFinishedFailsAtServer(Suite suite) throws Exception {
        for (int[] position : new int[][] {{0, 0}, {16, 4}, {31, 7}}) {
            ClientHandshake client = client(suite, PSK, seeded("c"));
            ServerHandshake server = server(PSK, seeded("s"));
            List<Frame> flight = server.onClientHello(client.clientHello());
            client.onServerHello(flight.get(0));
            HandshakeResult c = client.onServerFinished(flight.get(1));
            Frame good = Frame.parse(c.clientFinishedFrame());
            Frame bad = new Frame(FrameType.FINISHED, flipBit(good.body(), position[0], position[1]));
            assertAlert(AlertCode.HANDSHAKE_FAILURE, () -> server.onClientFinished(bad),
                    suite + " client Finished with byte " + position[0] + " bit " + position[1] + " flipped");
            assertEquals(ServerHandshake.State.AWAIT_CLIENT_FINISHED, server.state(),
                    "a failed Finished does not complete the handshake");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void serverHelloModifiedInTransitFailsAtServerFinished(Suite suite) throws Exception {
        ClientHandshake client = client(suite, PSK, seeded("c"));
        ServerHandshake server = server(PSK, seeded("s"));
        List<Frame> flight = server.onClientHello(client.clientHello());
        byte[] body = flight.get(0).body();
        // random starts after version (2) and suite (1)
        Frame tampered = new Frame(FrameType.SERVER_HELLO, flipBit(body, 3 + 10, 2));
        client.onServerHello(tampered);
        assertAlert(AlertCode.HANDSHAKE_FAILURE, () -> client.onServerFinished(flight.get(1)),
                suite + " ServerHello with a bit of its random flipped");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void clientHelloModifiedInTransitFailsAtServerFinished(Suite suite) throws Exception {
        ClientHandshake client = client(suite, PSK, seeded("c"));
        ServerHandshake server = server(PSK, seeded("s"));
        Frame hello = client.clientHello();
        Frame tampered = new Frame(FrameType.CLIENT_HELLO, flipBit(hello.body(), 3 + 31, 0));
        List<Frame> flight = server.onClientHello(tampered);
        client.onServerHello(flight.get(0));
        assertAlert(AlertCode.HANDSHAKE_FAILURE, () -> client.onServerFinished(flight.get(1)),
                suite + " ClientHello with a bit of its random flipped in transit");
    }

    static byte[] modp(BigInteger value) {
        byte[] magnitude = value.toByteArray();
        byte[] out = new byte[256];
        int copy = Math.min(magnitude.length, 256);
        System.arraycopy(magnitude, magnitude.length - copy, out, 256 - copy, copy);
        return out;
    }

    static Stream<Arguments> invalidModpShares() {
        BigInteger p = Modp2048Group.P;
        byte[] allFf = new byte[256];
        Arrays.fill(allFf, (byte) 0xff);
        return Stream.of(
                Arguments.of("0", modp(BigInteger.ZERO)),
                Arguments.of("1", modp(BigInteger.ONE)),
                Arguments.of("p-1", modp(p.subtract(BigInteger.ONE))),
                Arguments.of("p", modp(p)),
                Arguments.of("p+1", modp(p.add(BigInteger.ONE))),
                Arguments.of("all 0xff", allFf));
    }

    @ParameterizedTest(name = "modp2048 share {0}")
    @MethodSource("invalidModpShares")
    void invalidModpShareIsIllegalParameter(String name, byte[] share) {
        assertEquals(256, share.length, "precondition: the share has the right length");
        ServerHandshake server = server(PSK, seeded("s"));
        Frame hello = new ClientHello(Suite.MODP2048, bytes(32, 5), share).toFrame();
        assertAlert(AlertCode.ILLEGAL_PARAMETER, () -> server.onClientHello(hello), "modp2048 share " + name);
        assertEquals(ServerHandshake.State.AWAIT_CLIENT_HELLO, server.state(), "nothing advances after the alert");
    }

    @Test
    void modpShareJustInsideTheRangeIsAccepted() throws Exception {
        for (BigInteger y : new BigInteger[] {BigInteger.TWO, Modp2048Group.P.subtract(BigInteger.TWO)}) {
            ServerHandshake server = server(PSK, seeded("s"));
            List<Frame> flight = server.onClientHello(
                    new ClientHello(Suite.MODP2048, bytes(32, 5), modp(y)).toFrame());
            assertEquals(2, flight.size(), "y = " + y.toString(16) + " lies in 1 < y < p-1 and is accepted");
        }
    }

    @ParameterizedTest(name = "x25519 share {0}")
    @ValueSource(strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
    })
    void lowOrderX25519ShareIsIllegalParameter(String hex) {
        ServerHandshake server = server(PSK, seeded("s"));
        Frame hello = new ClientHello(Suite.X25519, bytes(32, 5), Hex.decode(hex)).toFrame();
        assertAlert(AlertCode.ILLEGAL_PARAMETER, () -> server.onClientHello(hello), "x25519 share " + hex);
        assertEquals(ServerHandshake.State.AWAIT_CLIENT_HELLO, server.state(), "nothing advances after the alert");
    }

    @Test
    void suiteNotOfferedByServerIsUnsupportedSuite() {
        ServerHandshake server = new ServerHandshake(EnumSet.of(Suite.X25519), Optional.empty(), seeded("s"));
        ClientHandshake client = client(Suite.MODP2048, PSK, seeded("c"));
        assertAlert(AlertCode.UNSUPPORTED_SUITE, () -> server.onClientHello(client.clientHello()),
                "modp2048 offered to an x25519-only server");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void stepsAdvanceInOrder(Suite suite) throws Exception {
        ClientHandshake client = client(suite, PSK, seeded("c"));
        ServerHandshake server = server(PSK, seeded("s"));

        assertEquals(ServerHandshake.State.AWAIT_CLIENT_HELLO, server.state(), "server starts awaiting ClientHello");

        Frame hello = client.clientHello();
        assertEquals(ClientHandshake.State.AWAIT_SERVER_HELLO, client.state(), "client after sending ClientHello");

        List<Frame> flight = server.onClientHello(hello);
        assertEquals(ServerHandshake.State.AWAIT_CLIENT_FINISHED, server.state(), "server after its flight");

        client.onServerHello(flight.get(0));
        assertEquals(ClientHandshake.State.AWAIT_SERVER_FINISHED, client.state(), "client after ServerHello");

        HandshakeResult c = client.onServerFinished(flight.get(1));
        assertEquals(ClientHandshake.State.COMPLETE, client.state(), "client established");

        server.onClientFinished(Frame.parse(c.clientFinishedFrame()));
    }

    @Test
    void deterministicRandomnessGivesReproducibleHandshakes() throws Exception {
        Session a = run(Suite.X25519, seeded("c"), seeded("s"));
        Session b = run(Suite.X25519, seeded("c"), seeded("s"));
        assertArrayEquals(a.client().clientFinishedFrame(), b.client().clientFinishedFrame(),
                "same seeds, same transcript: the vectors depend on this");
    }
}
