package io.secho.conformance.net;

import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Finished;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.KeySchedule;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RandomBytes;
import io.secho.conformance.peer.ServerHello;
import io.secho.conformance.peer.SessionSecrets;
import io.secho.conformance.peer.Suite;

import java.util.Optional;

/**
 * The harness's client side of the handshake, one step at a time, so that a case can stop anywhere and
 * send what a correct client never would. Only the randomness it is given is used: a fixed seed replays
 * the same handshake bytes.
 */
public final class ClientFlight {
    private ClientFlight() {
    }

    /**
     * Sends a ClientHello and reads the server's ServerHello and Finished.
     *
     * @param exchange the harness's side of the key exchange; for psk it holds the key the harness believes
     *                 in, and a wrong one still gets as far as the server's Finished
     * @param verifyServerFinished false when the harness knows its key is wrong and wants to go on
     */
    public static Pending start(TestConnection connection, Suite suite, KeyExchange exchange, byte[] clientRandom,
                                boolean verifyServerFinished) throws HandshakeProblem {
        Frame clientHello = new ClientHello(suite, clientRandom, exchange.publicShare()).toFrame();
        connection.send(clientHello, "ClientHello " + suite);
        return continueAfterHello(connection, suite, exchange, clientRandom, clientHello, verifyServerFinished);
    }

    /**
     * Sends {@code shareOnWire} instead of the exchange's own public share, for encodings that must
     * decode to the same key (an x25519 share with its top bit set).
     */
    public static Pending startWithShare(TestConnection connection, Suite suite, KeyExchange exchange,
                                         byte[] clientRandom, byte[] shareOnWire, String what) throws HandshakeProblem {
        Frame clientHello = new ClientHello(suite, clientRandom, shareOnWire).toFrame();
        connection.send(clientHello, "ClientHello " + suite + ", " + what);
        return continueAfterHello(connection, suite, exchange, clientRandom, clientHello, true);
    }

    /** For cases that sent the ClientHello themselves (split, delayed): reads and checks the server's flight. */
    public static Pending continueAfterHello(TestConnection connection, Suite suite, KeyExchange exchange,
                                             byte[] clientRandom, Frame clientHello) throws HandshakeProblem {
        return continueAfterHello(connection, suite, exchange, clientRandom, clientHello, true);
    }

    private static Pending continueAfterHello(TestConnection connection, Suite suite, KeyExchange exchange,
                                              byte[] clientRandom, Frame clientHello, boolean verifyServerFinished)
            throws HandshakeProblem {
        Frame serverHelloFrame = expect(connection, FrameType.SERVER_HELLO, "a ServerHello",
                HandshakeProblem.Stage.SERVER_HELLO);
        return afterServerHello(connection, suite, exchange, clientRandom, clientHello, serverHelloFrame,
                verifyServerFinished);
    }

    /** For a caller that has read the ServerHello frame itself (to classify what else could have come). */
    public static Pending afterServerHello(TestConnection connection, Suite suite, KeyExchange exchange,
                                           byte[] clientRandom, Frame clientHello, Frame serverHelloFrame,
                                           boolean verifyServerFinished) throws HandshakeProblem {
        ServerHello serverHello;
        byte[] secret;
        try {
            serverHello = ServerHello.decodeAsClient(serverHelloFrame.body(), suite);
            secret = exchange.sharedSecret(serverHello.keyShare());
        } catch (ProtocolException e) {
            throw new HandshakeProblem(HandshakeProblem.Stage.SERVER_HELLO,
                    "the ServerHello is invalid: " + e.getMessage());
        }
        SessionSecrets secrets = KeySchedule.derive(secret, clientHello.encode(), serverHelloFrame.encode());
        Frame serverFinished = expect(connection, FrameType.FINISHED, "the server's Finished",
                HandshakeProblem.Stage.SERVER_FINISHED);
        if (verifyServerFinished) {
            try {
                Finished.decode(serverFinished.body()).verify(secrets.serverVerifyData(), "server");
            } catch (ProtocolException e) {
                throw new HandshakeProblem(HandshakeProblem.Stage.SERVER_FINISHED, "the server's Finished is wrong: "
                        + e.getMessage() + " (expected verify_data HMAC-SHA256(s_fin, th1))");
            }
        }
        byte[] th2 = KeySchedule.transcriptHash2(clientHello.encode(), serverHelloFrame.encode(),
                serverFinished.encode());
        Frame clientFinished = new Finished(KeySchedule.clientVerifyData(secrets, th2)).toFrame();
        HandshakeTranscript transcript = new HandshakeTranscript(suite, clientHello.encode(), serverHelloFrame.encode(),
                serverFinished.encode(), clientRandom, serverHello.random(), serverHello.keyShare(), secrets);
        return new Pending(connection, transcript, clientFinished);
    }

    /** The usual start: fresh key exchange and random from the case's randomness. */
    public static Pending start(TestConnection connection, Suite suite, Optional<PreSharedKey> psk, RandomBytes random)
            throws HandshakeProblem {
        byte[] clientRandom = random.nextBytes(ClientHello.RANDOM_LENGTH);
        KeyExchange exchange = suite.newKeyExchange(random, psk);
        return start(connection, suite, exchange, clientRandom, true);
    }

    private static Frame expect(TestConnection connection, FrameType type, String what, HandshakeProblem.Stage stage)
            throws HandshakeProblem {
        Frame frame;
        try {
            frame = connection.readFrame(what);
        } catch (ConnectionEndedException e) {
            throw new HandshakeProblem(stage, "expected " + what + ", received " + e.received());
        }
        if (frame.type() != type) {
            throw new HandshakeProblem(stage, "expected " + what + ", received " + Decoded.describeFrame(frame));
        }
        return frame;
    }

    /** A handshake whose server flight has arrived and whose client Finished has not been sent. */
    public record Pending(TestConnection connection, HandshakeTranscript transcript, Frame clientFinished) {
        /** Sends the correct client Finished: the session is established. */
        public Session finish() {
            connection.send(clientFinished, "client Finished");
            return new Session(connection, transcript.suite(), transcript);
        }

        /** A session object without sending the Finished: for cases that send something else first. */
        public Session sessionWithoutFinished() {
            return new Session(connection, transcript.suite(), transcript);
        }
    }
}
