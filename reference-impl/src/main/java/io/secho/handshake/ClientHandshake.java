package io.secho.handshake;

import io.secho.alert.ProtocolException;
import io.secho.crypto.KeyExchange;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;

import java.util.Optional;

/**
 * The client's handshake messages and their cryptography, step by step: START -> AWAIT_SERVER_HELLO ->
 * AWAIT_SERVER_FINISHED -> COMPLETE. Its state only keeps the steps in order; which frames a connection accepts,
 * and everything else of Table 9, is {@link io.secho.session.ClientSession}'s.
 */
public final class ClientHandshake {
    public enum State { START, AWAIT_SERVER_HELLO, AWAIT_SERVER_FINISHED, COMPLETE }

    private final Suite suite;
    private final KeyExchange exchange;
    private final byte[] clientRandom;
    private State state = State.START;
    private byte[] clientHelloFrame;
    private byte[] serverHelloFrame;
    private byte[] sharedSecret;
    private SessionSecrets secrets;

    public ClientHandshake(Suite suite, Optional<PreSharedKey> psk, RandomBytes random) {
        this.suite = suite;
        this.clientRandom = random.nextBytes(ClientHello.RANDOM_LENGTH);
        this.exchange = suite.newKeyExchange(random, psk);
    }

    public Suite suite() {
        return suite;
    }

    public State state() {
        return state;
    }


    public Frame clientHello() {
        if (state != State.START) {
            throw new IllegalStateException("ClientHello already sent");
        }
        Frame hello = new ClientHello(suite, clientRandom, exchange.publicShare()).toFrame();
        clientHelloFrame = hello.encode();
        state = State.AWAIT_SERVER_HELLO;
        return hello;
    }

    public void onServerHello(Frame frame) throws ProtocolException {
        requireState(State.AWAIT_SERVER_HELLO, frame, FrameType.SERVER_HELLO);
        ServerHello hello = ServerHello.decodeAsClient(frame.body(), suite);
        sharedSecret = KeyAgreement.sharedSecret(exchange, hello.keyShare());
        serverHelloFrame = frame.encode();
        secrets = KeySchedule.derive(sharedSecret, clientHelloFrame, serverHelloFrame);
        state = State.AWAIT_SERVER_FINISHED;
    }

    /** Verifies the server's Finished; returns the result, whose client Finished frame must be sent next. */
    public HandshakeResult onServerFinished(Frame frame) throws ProtocolException {
        requireState(State.AWAIT_SERVER_FINISHED, frame, FrameType.FINISHED);
        Finished.decode(frame.body()).verify(secrets.serverVerifyData(), "server");
        byte[] serverFinishedFrame = frame.encode();
        byte[] th2 = KeySchedule.transcriptHash2(clientHelloFrame, serverHelloFrame, serverFinishedFrame);
        Frame clientFinished = new Finished(KeySchedule.clientVerifyData(secrets, th2)).toFrame();
        state = State.COMPLETE;
        return new HandshakeResult(suite, clientHelloFrame, serverHelloFrame, serverFinishedFrame,
                clientFinished.encode(), sharedSecret, secrets, th2);
    }

    private void requireState(State expected, Frame frame, FrameType type) {
        if (state != expected || frame.type() != type) {
            throw new IllegalStateException("driver fed " + frame.type() + " in state " + state);
        }
    }
}
