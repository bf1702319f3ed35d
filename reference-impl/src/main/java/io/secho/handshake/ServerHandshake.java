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
 * The server's handshake as a state machine without I/O: the connection driver feeds it frames and
 * sends what it returns. AWAIT_CLIENT_HELLO -> AWAIT_CLIENT_FINISHED -> COMPLETE.
 */
public final class ServerHandshake {
    public enum State { AWAIT_CLIENT_HELLO, AWAIT_CLIENT_FINISHED, COMPLETE }

    private final Set<Suite> offered;
    private final Optional<PreSharedKey> psk;
    private final RandomBytes random;
    private State state = State.AWAIT_CLIENT_HELLO;
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

    /** The frame types the current state accepts; a plaintext alert is accepted in every state. */
    public Set<FrameType> expectedFrames() {
        switch (state) {
            case AWAIT_CLIENT_HELLO:
                return EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT);
            case AWAIT_CLIENT_FINISHED:
                return EnumSet.of(FrameType.FINISHED, FrameType.ALERT);
            default:
                return EnumSet.of(FrameType.RECORD, FrameType.ALERT);
        }
    }

    /** @return ServerHello and the server's Finished, to be sent in this order */
    public List<Frame> onClientHello(Frame frame) throws ProtocolException {
        requireState(State.AWAIT_CLIENT_HELLO, frame, FrameType.CLIENT_HELLO);
        ClientHello.Accepted accepted = ClientHello.decodeAsServer(frame.body(), offered);
        suite = accepted.suite();
        KeyExchange exchange = suite.newKeyExchange(random, psk);
        byte[] serverRandom = random.nextBytes(ServerHello.RANDOM_LENGTH);
        // The peer's share is validated before anything is sent: a bad share gets its alert, not a hello.
        sharedSecret = KeyAgreement.sharedSecret(exchange, accepted.hello().keyShare());
        Frame serverHello = new ServerHello(suite, serverRandom, exchange.publicShare()).toFrame();
        clientHelloFrame = frame.encode();
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
