package io.secho.conformance.peer;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The server's side of the handshake (Sections 5.3, 7 and 8) without I/O: a test server reads the
 * ClientHello frame, hands it here, and sends the frames it gets back, or the alert of the failed check.
 * Deviating servers build their own ServerHello and use {@link Flight#of}.
 */
public final class ServerSide {
    private ServerSide() {
    }

    /**
     * Table 6 in order, steps a to f (REQ-HS-6), then the ServerHello with a fresh random and share
     * (REQ-HS-3, REQ-HS-7, REQ-KEX-1) and the server Finished (REQ-FIN-1).
     *
     * @param clientHelloFrame the complete frame as received (REQ-KS-1: th1 covers these exact bytes)
     * @throws ProtocolException with the alert of the first failing check
     */
    public static Flight accept(byte[] clientHelloFrame, Set<Suite> enabled, RandomBytes random,
                                Optional<PreSharedKey> psk) throws ProtocolException {
        Frame frame = Frame.parse(clientHelloFrame);
        if (frame.type() != FrameType.CLIENT_HELLO) {
            throw new IllegalArgumentException("not a ClientHello frame: " + frame.type());
        }
        ClientHello.Accepted accepted = ClientHello.decodeAsServer(frame.body(), enabled);
        Suite suite = accepted.suite();
        KeyExchange exchange = suite.newKeyExchange(random, psk);
        byte[] secret = exchange.sharedSecret(accepted.hello().keyShare()); // step f
        byte[] serverRandom = random.nextBytes(ServerHello.RANDOM_LENGTH);
        Frame serverHello = new ServerHello(suite, serverRandom, exchange.publicShare()).toFrame();
        return Flight.of(suite, clientHelloFrame, accepted.hello(), serverHello.encode(), secret);
    }

    /** The server's flight of one connection and what it derived from it. */
    public record Flight(Suite suite, ClientHello clientHello, Frame clientHelloSeen, Frame serverHelloSent,
                         SessionSecrets secrets) {
        /** The flight for any ServerHello the caller built (a deviating one included) and the secret it used. */
        public static Flight of(Suite suite, byte[] clientHelloFrame, ClientHello clientHello, byte[] serverHelloFrame,
                                byte[] secret) {
            return new Flight(suite, clientHello, Frame.parse(clientHelloFrame), Frame.parse(serverHelloFrame),
                    KeySchedule.derive(secret, clientHelloFrame, serverHelloFrame));
        }

        /** The ClientHello frame as received: th1 and th2 cover these exact bytes (REQ-KS-1). */
        public byte[] clientHelloFrame() {
            return clientHelloSeen.encode();
        }

        public byte[] serverHelloFrame() {
            return serverHelloSent.encode();
        }

        public Frame serverFinished() {
            return secrets.serverFinished();
        }

        /** ServerHello then Finished, as one write may carry them (REQ-HS-7). */
        public byte[] serverFlightBytes() {
            byte[] hello = serverHelloFrame();
            byte[] finished = serverFinished().encode();
            byte[] out = Arrays.copyOf(hello, hello.length + finished.length);
            System.arraycopy(finished, 0, out, hello.length, finished.length);
            return out;
        }

        /** HMAC-SHA256(c_fin, th2): what the client's Finished must carry. */
        public byte[] expectedClientVerifyData() {
            byte[] th2 = KeySchedule.transcriptHash2(clientHelloFrame(), serverHelloFrame(), serverFinished().encode());
            return KeySchedule.clientVerifyData(secrets, th2);
        }

        /**
         * REQ-FIN-2 and REQ-FIN-6 on the body of the client's Finished frame.
         *
         * @throws ProtocolException {@code decode_error} for a body not 32 bytes long, {@code handshake_failure}
         *                           for a wrong verify_data
         */
        public void verifyClientFinished(byte[] body) throws ProtocolException {
            Finished.decode(body).verify(expectedClientVerifyData(), "client");
        }

        /** The server's records: s2c key and salt (REQ-KS-4). */
        public RecordSealer sealer() {
            return new RecordSealer(secrets.serverToClient(), Direction.SERVER_TO_CLIENT);
        }

        /** The client's records as the server opens them: c2s key and salt, Table 12 with step 6. */
        public RecordOpener opener() {
            return RecordOpener.checkingUtf8(secrets.clientToServer());
        }
    }
}
