package io.secho.handshake;

import io.secho.alert.ProtocolException;
import io.secho.crypto.KeyExchange;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's handshake messages and their cryptography, step by step: AWAIT_CLIENT_HELLO ->
 * AWAIT_CLIENT_FINISHED -> COMPLETE. Its state only keeps the steps in order; which frames a connection accepts,
 * and everything else of Table 8, is {@link io.secho.session.ServerSession}'s.
 */
public final class ServerHandshake {
    public enum State { AWAIT_CLIENT_HELLO, AWAIT_CLIENT_FINISHED, COMPLETE }

    private final Set<Suite> offered;
    private final Optional<PreSharedKey> psk;
    private final RandomBytes random;
    private State state = State.AWAIT_CLIENT_HELLO;
    private ClientHello.Accepted accepted;
    private Suite suite;
    private byte[] clientHelloFrame;
    private byte[] serverHelloFrame;
    private byte[] serverFinishedFrame;
    private byte[] sharedSecret;
    private SessionSecrets secrets;
    private HandshakeResult result;

    /**
     * @param offered the suites this server accepts; {@code psk} only together with a key
     */
    public ServerHandshake(Set<Suite> offered, Optional<PreSharedKey> psk, RandomBytes random) {
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("a server must offer at least one suite");
        }
        if (offered.contains(Suite.PSK) && psk.isEmpty()) {
            throw new IllegalArgumentException("the psk suite is offered but no pre-shared key is configured");
        }
        this.offered = EnumSet.copyOf(offered);
        this.psk = psk;
        this.random = random;
    }

    public State state() {
        return state;
    }


    /** @return ServerHello and the server's Finished, to be sent in this order */
    public List<Frame> onClientHello(Frame frame) throws ProtocolException {
        acceptClientHello(frame);
        return answerClientHello();
    }

    /**
     * The first half of {@link #onClientHello}, cheap: Table 6 steps a to e, nothing drawn or computed yet.
     *
     * @return the suite the answer will use
     */
    public Suite acceptClientHello(Frame frame) throws ProtocolException {
        requireState(State.AWAIT_CLIENT_HELLO, frame, FrameType.CLIENT_HELLO);
        if (accepted != null) {
            throw new IllegalStateException("a ClientHello was accepted already");
        }
        accepted = ClientHello.decodeAsServer(frame.body(), offered);
        clientHelloFrame = frame.encode();
        return accepted.suite();
    }

    /**
     * The second half of {@link #onClientHello}, the expensive one: the key exchange (Table 6 step f), the keys, and
     * ServerHello and Finished. Touches only this object, so it may run on another thread than the connection's, as
     * long as nothing else uses this handshake meanwhile.
     */
    public List<Frame> answerClientHello() throws ProtocolException {
        if (state != State.AWAIT_CLIENT_HELLO || accepted == null) {
            throw new IllegalStateException("no accepted ClientHello to answer in state " + state);
        }
        suite = accepted.suite();
        KeyExchange exchange = suite.newKeyExchange(random, psk);
        byte[] serverRandom = random.nextBytes(ServerHello.RANDOM_LENGTH);
        // The peer's share is validated before anything is sent: a bad share gets its alert, not a hello.
        sharedSecret = KeyAgreement.sharedSecret(exchange, accepted.hello().keyShare());
        Frame serverHello = new ServerHello(suite, serverRandom, exchange.publicShare()).toFrame();
        serverHelloFrame = serverHello.encode();
        secrets = KeySchedule.derive(sharedSecret, clientHelloFrame, serverHelloFrame);
        Frame serverFinished = new Finished(secrets.serverVerifyData()).toFrame();
        serverFinishedFrame = serverFinished.encode();
        state = State.AWAIT_CLIENT_FINISHED;
        return List.of(serverHello, serverFinished);
    }

    public HandshakeResult onClientFinished(Frame frame) throws ProtocolException {
        requireState(State.AWAIT_CLIENT_FINISHED, frame, FrameType.FINISHED);
        Finished finished = Finished.decode(frame.body());
        byte[] th2 = KeySchedule.transcriptHash2(clientHelloFrame, serverHelloFrame, serverFinishedFrame);
        finished.verify(KeySchedule.clientVerifyData(secrets, th2), "client");
        result = new HandshakeResult(suite, clientHelloFrame, serverHelloFrame, serverFinishedFrame,
                frame.encode(), sharedSecret, secrets, th2);
        state = State.COMPLETE;
        return result;
    }

    /** The suite chosen, once the ClientHello was accepted. */
    public Optional<Suite> suite() {
        return Optional.ofNullable(suite);
    }

    private void requireState(State expected, Frame frame, FrameType type) {
        if (state != expected || frame.type() != type) {
            throw new IllegalStateException("driver fed " + frame.type() + " in state " + state);
        }
    }
}
