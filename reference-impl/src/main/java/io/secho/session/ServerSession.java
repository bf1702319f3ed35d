package io.secho.session;

import io.secho.alert.AlertCode;
import io.secho.wire.AlertMessage;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.echo.EchoTransform;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import io.secho.wire.ReceivedFrame;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's side of one connection, without I/O: exactly the state machine of Table 8 (REQ-HS-10). Its driver
 * feeds it what arrived ({@link #receive}, {@link #receiveEof}) and the time ({@link #tick}), writes what
 * {@link #pendingOutput} holds, half-closes when {@link #wantsHalfClose} says so and closes the socket once
 * {@link #isDone}. The session holds no socket, thread or clock: every method takes the time, in
 * {@link System#nanoTime} units, from its caller.
 *
 * <p>It owns both timers (handshake REQ-LIM-1, idle REQ-LIM-3), the stalled-writer bound (REQ-LIM-7), the
 * alert-encryption rule (REQ-ALERT-2), CLOSED with at most one alert (REQ-ALERT-3) and the drain of the closing
 * procedure (REQ-ALERT-4, REQ-CLOSE-12). Not thread-safe: one driver thread at a time.
 */
public final class ServerSession {
    /** The states of Table 8. */
    public enum State {
        AWAIT_CLIENT_HELLO(FrameType.CLIENT_HELLO, FrameType.ALERT),
        AWAIT_CLIENT_FINISHED(FrameType.FINISHED, FrameType.ALERT),
        ESTABLISHED(FrameType.RECORD, FrameType.ALERT),
        /** Processes no frame: input is discarded. */
        CLOSED;

        private final Set<FrameType> allowed;

        State(FrameType... allowed) {
            this.allowed = FrameDecoder.typeSet(allowed);
        }

        /**
         * The column "Allowed frame types" of Table 8: the types that pass header step 2 (REQ-FRM-8); a plaintext
         * alert in every state but CLOSED.
         */
        public Set<FrameType> allowedFrames() {
            return allowed;
        }
    }

    /** What every session of one server shares. */
    /**
     * @param deferredKeyAgreement the suites whose key agreement the session hands to its driver to run elsewhere
     *                             (see {@link #takeKeyAgreement}) instead of doing it inside {@link #receive}
     */
    public record Settings(Set<Suite> suites, Optional<PreSharedKey> psk, RandomBytes random,
                           Duration handshakeTimeout, Duration idleTimeout, Duration drainTime,
                           Set<Suite> deferredKeyAgreement) {
        public Settings {
            suites = Set.copyOf(suites);
            deferredKeyAgreement = Set.copyOf(deferredKeyAgreement);
        }

        /** Every key agreement done inside {@link #receive}, as tests and the vectors want it. */
        public Settings(Set<Suite> suites, Optional<PreSharedKey> psk, RandomBytes random, Duration handshakeTimeout,
                        Duration idleTimeout, Duration drainTime) {
            this(suites, psk, random, handshakeTimeout, idleTimeout, drainTime, Set.of());
        }
    }

    /**
     * A deferred key agreement (the second half of the ClientHello's processing): {@link #run} may go on any thread,
     * then {@link ServerSession#keyAgreementDone} on the session's own.
     */
    public static final class KeyAgreementTask implements Runnable {
        private final ServerHandshake handshake;
        private List<Frame> flight;
        private ProtocolException refused;
        private RuntimeException failed;

        private KeyAgreementTask(ServerHandshake handshake) {
            this.handshake = handshake;
        }

        @Override
        public void run() {
            try {
                flight = handshake.answerClientHello();
            } catch (ProtocolException e) {
                refused = e;
            } catch (RuntimeException e) {
                failed = e;
            }
        }
    }

    private static final long NOT_STALLED = Long.MAX_VALUE;

    private final Settings settings;
    private final FrameDecoder decoder = new FrameDecoder(Direction.CLIENT_TO_SERVER);
    private final Outbox outbox = new Outbox();
    private final Closing closing;
    private State state;
    private ServerHandshake handshake;
    private Suite suite;
    private RecordSealer sealer;
    private RecordOpener opener;
    /** The handshake deadline before ESTABLISHED, the idle deadline in it. */
    private long timerDeadline;
    private long stalledSince = NOT_STALLED;
    private ConnectionEnd end;
    /** The key agreement the driver runs elsewhere, from the ClientHello until its answer is back. */
    private KeyAgreementTask agreement;
    private boolean agreementTaken;
    /** Input that came after the ClientHello while its key agreement runs; processed once it is back. */
    private byte[] held;

    /**
     * A session for a connection accepted at {@code nowNanos}: the handshake timer starts now (REQ-LIM-1). It sends
     * nothing before a ClientHello has come but the alerts of REQ-HS-2 (timeout, busy, a failed header check).
     */
    public ServerSession(Settings settings, long nowNanos) {
        this.settings = settings;
        this.closing = new Closing(settings.drainTime().toNanos());
        this.state = State.AWAIT_CLIENT_HELLO;
        this.handshake = new ServerHandshake(settings.suites(), settings.psk(), settings.random());
        this.timerDeadline = nowNanos + settings.handshakeTimeout().toNanos();
    }

    /**
     * A connection beyond the server's limit: the plaintext {@code busy} alert as its only bytes, without reading a
     * ClientHello, then the closing procedure (REQ-LIM-4).
     */
    public static ServerSession busy(Settings settings, long nowNanos, String detail) {
        ServerSession session = new ServerSession(settings, nowNanos);
        session.handshake = null;
        session.sendAlert(AlertCode.BUSY, detail);
        return session;
    }

    public State state() {
        return state;
    }

    /** Feeds received bytes; all of them are consumed, processed in order or, once CLOSED, discarded. */
    public void receive(ByteBuffer in, long nowNanos) {
        while (in.hasRemaining()) {
            if (state == State.CLOSED) {
                closing.discard(in);
                return;
            }
            if (agreement != null) {
                hold(in);
                return;
            }
            try {
                // REQ-FRM-5: frames strictly in arrival order, the bytes after one kept for the next.
                ReceivedFrame frame = decoder.next(in, state.allowedFrames());
                if (frame == null) {
                    return;
                }
                onFrame(frame, nowNanos);
                if (agreement != null) {
                    hold(in);
                    return;
                }
            } catch (ProtocolException e) {
                sendAlert(e.alert(), e.getMessage());
            } catch (PeerAlertException e) {
                // REQ-ALERT-8, REQ-ALERT-9: nothing in answer; the closing procedure (REQ-CLOSE-12).
                finish(new ConnectionEnd.PeerAlert(e.getMessage() + (sealer == null ? handshakeAlertHint(e) : "")));
            } catch (RuntimeException e) {
                // REQ-ALERT-6: a bug of ours costs this connection only, and the peer still gets an alert.
                sendAlert(AlertCode.INTERNAL_ERROR, e.toString());
            }
        }
    }

    /** Convenience for whole arrays, as tests and the vectors hold them. */
    public void receive(byte[] bytes, long nowNanos) {
        receive(ByteBuffer.wrap(bytes), nowNanos);
    }

    /** The peer's FIN: a truncation unless the session is over already (REQ-CLOSE-6, REQ-CLOSE-7). */
    public void receiveEof(long nowNanos) {
        if (state != State.CLOSED) {
            finish(new ConnectionEnd.Truncated(sealer == null ? "peer closed during the handshake"
                    : decoder.midFrame() ? "connection closed in the middle of a frame" : "connection closed between frames"));
        }
        closing.eof();
    }

    /** Lets time pass: fires whichever timer is due. */
    public void tick(long nowNanos) {
        if (stalledSince != NOT_STALLED && nowNanos - stalledSince >= settings.idleTimeout().toNanos()) {
            // REQ-LIM-7: the peer has not taken our output for the idle timeout; nothing more can reach it.
            abort("stalled writer: a write was blocked for more than " + settings.idleTimeout().toMillis()
                    + " ms (the idle timeout), the peer stopped reading");
            return;
        }
        if (state == State.CLOSED) {
            closing.tick(nowNanos);
            return;
        }
        if (stalledSince == NOT_STALLED && nowNanos - timerDeadline >= 0) {
            if (state == State.ESTABLISHED) {
                // REQ-LIM-3: encrypted timeout after the idle time without a complete frame.
                sendAlert(AlertCode.TIMEOUT, "idle for " + settings.idleTimeout().toMillis() + " ms");
            } else {
                // REQ-LIM-1: plaintext timeout when no valid client Finished came in time.
                sendAlert(AlertCode.TIMEOUT, "handshake not complete within "
                        + settings.handshakeTimeout().toMillis() + " ms");
            }
        }
    }

    /**
     * The earliest time at which {@link #tick} has something to do, or {@link Long#MAX_VALUE}. While our output is
     * stalled the idle timer waits: the session reads nothing then (see {@link #wantsRead}), so only the
     * stalled-writer bound applies.
     */
    public long nextDeadline() {
        long deadline = closing.deadline();
        if (stalledSince != NOT_STALLED) {
            deadline = Math.min(deadline, stalledSince + settings.idleTimeout().toNanos());
        } else if (state != State.CLOSED) {
            deadline = Math.min(deadline, timerDeadline);
        }
        return deadline;
    }

    /**
     * The bytes to write, in order, as buffers the driver writes from; empty when everything has been written. Only
     * whole frames as the codecs encoded them (REQ-FRM-1, REQ-FRM-3).
     */
    /** Whether bytes are waiting to be written: the same as a non-empty {@link #pendingOutput}, without the array. */
    public boolean hasOutput() {
        return !outbox.isEmpty();
    }

    public ByteBuffer[] pendingOutput() {
        return outbox.all();
    }

    /** Everything to write, as one array, now counted as written: for tests and the vectors. */
    public byte[] takeOutput() {
        stalledSince = NOT_STALLED;
        return outbox.take();
    }

    /**
     * The driver wrote what it could of {@link #pendingOutput}. Output left over means the peer is not reading as fast
     * as we write: the REQ-LIM-7 clock starts, and runs until all of it has been taken.
     */
    public void outputWritten(long nowNanos) {
        if (outbox.isEmpty()) {
            stalledSince = NOT_STALLED;
        } else if (stalledSince == NOT_STALLED) {
            stalledSince = nowNanos;
        }
    }

    /**
     * Whether the driver should read. Not while output is pending: what the peer sends meanwhile stays in its and
     * our kernel buffers, so the memory held per connection stays bounded however fast it sends (REQ-LIM-6).
     */
    public boolean wantsRead() {
        return !closing.done() && outbox.isEmpty() && (agreement == null || state == State.CLOSED);
    }

    /**
     * The key agreement to run elsewhere, once: a ClientHello of a deferred suite passed Table 6 steps a to e, and
     * its answer (step f, the keys, ServerHello and Finished) waits for it. Null otherwise. Until
     * {@link #keyAgreementDone}, the session reads nothing and its timers run on (REQ-LIM-1).
     */
    public KeyAgreementTask takeKeyAgreement() {
        if (agreement == null || agreementTaken) {
            return null;
        }
        agreementTaken = true;
        return agreement;
    }

    /** The task of {@link #takeKeyAgreement} has run: its answer is sent, then the input held meanwhile processed. */
    public void keyAgreementDone(long nowNanos) {
        KeyAgreementTask done = agreement;
        agreement = null;
        if (done == null || state != State.AWAIT_CLIENT_HELLO) {
            return; // the session ended meanwhile (a timeout, an abort): the answer goes nowhere
        }
        if (done.refused != null) {
            sendAlert(done.refused.alert(), done.refused.getMessage());
        } else if (done.failed != null) {
            sendAlert(AlertCode.INTERNAL_ERROR, done.failed.toString()); // REQ-ALERT-6
        } else {
            sendFlight(done.flight);
        }
        byte[] rest = held;
        held = null;
        if (rest != null) {
            receive(rest, nowNanos);
        }
    }

    /** Time to send FIN: the session is CLOSED and its last bytes are written (REQ-ALERT-4). */
    public boolean wantsHalfClose() {
        return closing.wantsHalfClose(outbox.isEmpty());
    }

    /** The driver half-closed: the drain begins, at most the drain time (REQ-ALERT-4, REQ-CLOSE-3). */
    public void halfClosed(long nowNanos) {
        closing.halfClosed(nowNanos);
    }

    /** Time to close the socket. */
    public boolean isDone() {
        return closing.done();
    }

    /** The server gives the connection up (stalled writer, shutdown): no more bytes, a plain close. */
    public void abort(String reason) {
        if (state == State.CLOSED) {
            closing.begin(false);
            closing.abandon();
            return;
        }
        finish(new ConnectionEnd.Aborted(reason));
    }

    /** A read or write failed (a reset, REQ-CLOSE-8): nothing can be sent any more. */
    public void transportFailed(String detail) {
        if (state == State.CLOSED) {
            closing.abandon();
            return;
        }
        finish(new ConnectionEnd.Failed(detail));
    }

    /** How the connection ended, once it is CLOSED. */
    public Optional<ConnectionEnd> end() {
        return Optional.ofNullable(end);
    }

    /** The suite chosen, once a ClientHello was accepted. */
    public Optional<Suite> suite() {
        return Optional.ofNullable(suite);
    }

    /** Records that passed the tag and sequence checks. */
    public long recordsIn() {
        return opener == null ? 0 : opener.expectedSequence();
    }

    public long recordsOut() {
        return sealer == null ? 0 : sealer.nextSequence();
    }

    private void onFrame(ReceivedFrame frame, long nowNanos) throws ProtocolException, PeerAlertException {
        if (frame.type() == FrameType.ALERT) {
            // REQ-ALERT-8, REQ-ALERT-10: any alert ends the session, a malformed one too, unanswered.
            throw AlertMessage.received(frame.toFrame());
        }
        switch (state) {
            case AWAIT_CLIENT_HELLO -> {
                // REQ-HS-6, REQ-HS-7, REQ-FIN-1: Table 6 in order, then ServerHello and Finished together;
                // REQ-HS-4: the suite is the client's proposal or none (unsupported_suite).
                Suite proposed = handshake.acceptClientHello(frame.toFrame());
                if (settings.deferredKeyAgreement().contains(proposed)) {
                    agreement = new KeyAgreementTask(handshake);
                    return;
                }
                sendFlight(handshake.answerClientHello());
            }
            case AWAIT_CLIENT_FINISHED -> {
                // REQ-FIN-6, REQ-FIN-7: records are neither sent nor opened before the client's Finished verified.
                HandshakeResult result = handshake.onClientFinished(frame.toFrame());
                // REQ-KS-4: the server seals with s2c and opens with c2s.
                sealer = new RecordSealer(result.secrets().serverToClient(), Direction.SERVER_TO_CLIENT);
                opener = new RecordOpener(result.secrets().clientToServer());
                handshake = null;
                state = State.ESTABLISHED;
                timerDeadline = nowNanos + settings.idleTimeout().toNanos();
            }
            case ESTABLISHED -> {
                // REQ-LIM-3: a complete frame restarts the idle timer; partial frames never get here.
                timerDeadline = nowNanos + settings.idleTimeout().toNanos();
                // REQ-REC-5, REQ-REC-7: Table 12 in order; a record that fails is a ProtocolException, and nothing
                // of its plaintext reaches the echo (REQ-ALERT-7: its only answer is the encrypted alert).
                onRecord(opener.open(frame));
            }
            default -> throw new IllegalStateException("frame in state " + state);
        }
    }

    private void sendFlight(List<Frame> flight) {
        for (Frame reply : flight) {
            outbox.add(reply.encode());
        }
        suite = handshake.suite().orElseThrow();
        state = State.AWAIT_CLIENT_FINISHED;
    }

    /**
     * Keeps input that comes while the key agreement runs, in order: the rest of the read that brought the ClientHello,
     * as a rule, since {@link #wantsRead} stops the driver's reads meanwhile.
     */
    private void hold(ByteBuffer in) {
        int before = held == null ? 0 : held.length;
        byte[] more = held == null ? new byte[in.remaining()] : Arrays.copyOf(held, before + in.remaining());
        in.get(more, before, in.remaining());
        held = more;
    }

    private void onRecord(InnerPlaintext record) throws ProtocolException, PeerAlertException {
        switch (record.type()) {
            case ALERT -> throw new PeerAlertException(record.payload()[0] & 0xff, true);
            case CLOSE -> {
                // REQ-CLOSE-3, REQ-CLOSE-4: exactly one Close in answer, then nothing; the closing procedure.
                outbox.add(sealer.sealEncoded(InnerType.CLOSE, new byte[0]));
                finish(new ConnectionEnd.CleanClose());
            }
            // REQ-ECHO-1, REQ-ECHO-2: one reply per data record that passed every check, in order; REQ-ECHO-7 in
            // EchoTransform (bad_payload). REQ-ECHO-3, REQ-ECHO-6: any payload, empty too, is only text to echo;
            // only a Close record ends the session.
            case DATA -> outbox.add(sealer.sealEncoded(InnerType.DATA, EchoTransform.apply(record.payload())));
            default -> throw new IllegalStateException("inner type " + record.type());
        }
    }

    /**
     * The one alert of this connection (REQ-ALERT-1, REQ-ALERT-3): plaintext until the client's Finished verified,
     * encrypted after (REQ-ALERT-2), then CLOSED and the closing procedure (REQ-ALERT-4, REQ-ALERT-11).
     */
    private void sendAlert(AlertCode alert, String detail) {
        boolean encrypted = sealer != null;
        try {
            outbox.add(encrypted ? sealer.sealEncoded(InnerType.ALERT, AlertMessage.encode(alert))
                    : AlertMessage.plaintextFrame(alert).encode());
        } catch (RuntimeException e) {
            // REQ-REC-4: a sealer out of sequence numbers sends nothing more, not even the alert.
            finish(new ConnectionEnd.Failed("could not send " + alert.wireName() + " (" + detail + "): " + e.getMessage()));
            return;
        }
        finish(new ConnectionEnd.AlertSent(alert, encrypted, detail));
    }

    /** Into CLOSED: no frame is processed any more, input is discarded (Table 8, REQ-CLOSE-4). */
    private void finish(ConnectionEnd how) {
        state = State.CLOSED;
        end = how;
        handshake = null;
        closing.begin(how.graceful());
    }

    /**
     * A client sends handshake_failure when our Finished does not verify; with psk that almost always means it
     * holds another key, which is what the operator reading the log needs to know.
     */
    private String handshakeAlertHint(PeerAlertException e) {
        boolean finishedRejected = e.alert().filter(alert -> alert == AlertCode.HANDSHAKE_FAILURE).isPresent();
        return finishedRejected && suite == Suite.PSK
                ? ": the client did not accept our Finished, so it holds another pre-shared key (a wrong key?)" : "";
    }
}
