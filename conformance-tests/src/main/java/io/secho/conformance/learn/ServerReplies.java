package io.secho.conformance.learn;

import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.EchoRule;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.HmacSha256;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.KeySchedule;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RecordOpener;
import io.secho.conformance.peer.ServerHello;
import io.secho.conformance.peer.SessionSecrets;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.peer.TrafficKeys;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * The client's view of one connection, for the output abstraction: what the mapper sent that decides how a
 * server frame reads (the last ClientHello, the requests awaiting their echo) and what it derived from the
 * server's frames (keys, transcript). {@link #classify} names one received frame as an output event.
 */
final class ServerReplies {
    /** The shared secret from the server's share, as the ClientHello's key exchange computes it. */
    @FunctionalInterface
    interface SecretFromShare {
        byte[] secret(byte[] serverShare) throws ProtocolException;
    }

    private record SentHello(Suite suite, byte[] frame, SecretFromShare secret) {
    }

    private SentHello hello;
    private byte[] serverHelloFrame;
    private SessionSecrets secrets;
    private byte[] serverFinishedFrame;
    private RecordOpener opener;
    /** Increases with each key derivation: a second accepted hello means new keys and seqs from 0. */
    private int keyGeneration;
    private final Deque<byte[]> awaitedEchoes = new ArrayDeque<>();

    /** The ClientHello frame just sent; the next ServerHello answers it (REQ-KS-1: th1 covers these bytes). */
    void helloSent(Suite suite, byte[] frame, SecretFromShare secret) {
        hello = new SentHello(suite, frame.clone(), secret);
    }

    /** A data request went out: the next data record must be its echo (REQ-ECHO-1, in order). */
    void requestSent(byte[] payload) {
        awaitedEchoes.add(EchoRule.expectedReply(payload).orElseThrow(
                () -> new IllegalArgumentException("a request with no echo is no Data(valid)")));
    }

    /** The client's records' keys (REQ-KS-4), once a ServerHello gave the secret. */
    Optional<TrafficKeys> clientToServer() {
        return Optional.ofNullable(secrets).map(SessionSecrets::clientToServer);
    }

    int keyGeneration() {
        return keyGeneration;
    }

    /** REQ-FIN-4: HMAC(c_fin, th2), once the server's Finished came. */
    Optional<byte[]> clientVerifyData() {
        if (secrets == null || serverFinishedFrame == null) {
            return Optional.empty();
        }
        byte[] th2 = KeySchedule.transcriptHash2(hello.frame(), serverHelloFrame, serverFinishedFrame);
        return Optional.of(KeySchedule.clientVerifyData(secrets, th2));
    }

    /** The event one complete frame of a known type stands for. */
    String classify(Frame frame) {
        return switch (frame.type()) {
            case SERVER_HELLO -> serverHello(frame);
            case FINISHED -> serverFinished(frame);
            case ALERT -> AlertMessage.code(frame.body()).map(code -> ServerOutputs.alert(code, false))
                    .orElse(ServerOutputs.GARBAGE);
            case RECORD -> record(frame);
            case CLIENT_HELLO -> ServerOutputs.GARBAGE;
        };
    }

    /** Table 7 as a client runs it (REQ-HS-8), then the key schedule (REQ-KS-1 to REQ-KS-3). */
    private String serverHello(Frame frame) {
        if (hello == null) {
            return ServerOutputs.SERVER_HELLO_BAD;
        }
        try {
            ServerHello accepted = ServerHello.decodeAsClient(frame.body(), hello.suite());
            byte[] secret = hello.secret().secret(accepted.keyShare());
            serverHelloFrame = frame.encode();
            secrets = KeySchedule.derive(secret, hello.frame(), serverHelloFrame);
            Arrays.fill(secret, (byte) 0);
            serverFinishedFrame = null;
            opener = new RecordOpener(secrets.serverToClient());
            keyGeneration++;
            awaitedEchoes.clear();
            return ServerOutputs.SERVER_HELLO;
        } catch (ProtocolException e) {
            return ServerOutputs.SERVER_HELLO_BAD;
        }
    }

    /** REQ-FIN-1 and REQ-FIN-3, compared in constant time (REQ-FIN-8). */
    private String serverFinished(Frame frame) {
        if (secrets == null || serverFinishedFrame != null
                || !HmacSha256.constantTimeEquals(secrets.serverVerifyData(), frame.body())) {
            return ServerOutputs.FINISHED_WRONG;
        }
        serverFinishedFrame = frame.encode();
        return ServerOutputs.FINISHED;
    }

    /** Table 12 without step 6: a reply that is not UTF-8 is a wrong echo, not a refused record. */
    private String record(Frame frame) {
        if (opener == null) {
            return ServerOutputs.GARBAGE;
        }
        InnerPlaintext inner;
        try {
            inner = opener.open(frame);
        } catch (ProtocolException e) {
            return ServerOutputs.GARBAGE;
        }
        return switch (inner.type()) {
            case DATA -> {
                byte[] awaited = awaitedEchoes.poll();
                yield awaited != null && Arrays.equals(awaited, inner.payload()) ? ServerOutputs.ECHO
                        : ServerOutputs.DATA_WRONG;
            }
            case CLOSE -> ServerOutputs.CLOSE;
            case ALERT -> ServerOutputs.alert(inner.payload()[0] & 0xff, true);
        };
    }
}
