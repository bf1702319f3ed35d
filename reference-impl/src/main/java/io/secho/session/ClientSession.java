package io.secho.session;

import io.secho.alert.AlertCode;
import io.secho.wire.AlertMessage;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.echo.EchoTransform;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.FrameType;
import io.secho.wire.ReceivedFrame;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;

/**
 * The client's side of one connection, without I/O: exactly the state machine of Table 9 (REQ-HS-11). Its driver
 * feeds it what arrived ({@link #receive}, {@link #receiveEof}) and the time ({@link #tick}), passes on the user's
 * messages ({@link #send}, {@link #close}), writes what {@link #pendingOutput} holds, and hands the user the
 * {@link ClientEvent}s. Every wait for the server has its own timer (REQ-LIM-8); the alert-encryption rule
 * (REQ-ALERT-2), CLOSED and the drain (REQ-CLOSE-12) live here. Time is passed in, in {@link System#nanoTime}
 * units. Not thread-safe.
 */
public final class ClientSession {
    /** The states of Table 9; "(start)" is a session not yet {@link #connected}, whose state is null. */
    public enum State {
        AWAIT_SERVER_HELLO(FrameType.SERVER_HELLO, FrameType.ALERT),
        AWAIT_SERVER_FINISHED(FrameType.FINISHED, FrameType.ALERT),
        ESTABLISHED(FrameType.RECORD, FrameType.ALERT),
        /** Processes no frame: input is discarded. */
        CLOSED;

        private final Set<FrameType> allowed;

        State(FrameType... allowed) {
            this.allowed = FrameDecoder.typeSet(allowed);
        }

        /**
         * The column "Allowed frame types" of Table 9: the types that pass header step 2 (REQ-FRM-8); a plaintext
         * alert in every state but CLOSED.
         */
        public Set<FrameType> allowedFrames() {
            return allowed;
        }
    }

    private static final long NO_DEADLINE = Closing.NO_DEADLINE;

    private final Suite suite;
    private final long waitNanos;
    private final FrameDecoder decoder = new FrameDecoder(Direction.SERVER_TO_CLIENT);
    private final Outbox outbox = new Outbox();
    private final Closing closing;
    private final ArrayDeque<ClientEvent> events = new ArrayDeque<>();
    /** REQ-LIM-8: the deadline of each outstanding request, oldest first (replies answer in order). */
    private final ArrayDeque<Long> requestDeadlines = new ArrayDeque<>();
    private State state;
    private ClientHandshake handshake;
    private RecordSealer sealer;
    private RecordOpener opener;
    /** The wait for the ServerHello, then for the server's Finished. */
    private long handshakeDeadline;
    /** The wait for the server's Close, once ours is sent. */
    private long closeDeadline = NO_DEADLINE;
    private boolean closeSent;

    /**
     * A session for one connection: its key share is drawn here, before the connection exists, so that the wait
     * timer started by {@link #connected} counts the server's time only. Until then the session is in Table 9's
     * "(start)" and has nothing to send.
     *
     * @param waitTimeout the bound on each wait for the server, at most 30 s (REQ-LIM-8)
     */
    public ClientSession(Suite suite, Optional<PreSharedKey> psk, RandomBytes random, Duration waitTimeout,
                         Duration drainTime) {
        this.suite = suite;
        this.waitNanos = waitTimeout.toNanos();
        this.closing = new Closing(drainTime.toNanos());
        this.handshake = new ClientHandshake(suite, psk, random);
    }

    /**
     * Table 9's first row: the TCP connection is established at {@code nowNanos}. Sends the ClientHello as the first
     * frame (REQ-HS-1) and starts the wait timer for the ServerHello (REQ-LIM-8).
     */
    public void connected(long nowNanos) {
        if (state != null) {
            throw new IllegalStateException("already connected");
        }
        // REQ-HS-5: the one ClientHello of this connection; another suite means another session.
        outbox.add(handshake.clientHello().encode());
        state = State.AWAIT_SERVER_HELLO;
        handshakeDeadline = nowNanos + waitNanos;
    }

    public State state() {
        return state;
    }

    public Suite suite() {
        return suite;
    }

    /** Requests sent and not yet answered. */
    public int outstanding() {
        return requestDeadlines.size();
    }

    public boolean closeSent() {
        return closeSent;
    }

    /** The next event for the user, or null. */
    public ClientEvent nextEvent() {
        return events.pollFirst();
    }

    /** Feeds received bytes; all of them are consumed, processed in order or, once CLOSED, discarded. */
    public void receive(ByteBuffer in, long nowNanos) {
        if (state == null) {
            throw new IllegalStateException("not connected yet");
        }
        while (in.hasRemaining()) {
            if (state == State.CLOSED) {
                closing.discard(in);
                return;
            }
            try {
                ReceivedFrame frame = decoder.next(in, state.allowedFrames());
                if (frame == null) {
                    return;
                }
                onFrame(frame, nowNanos);
            } catch (ProtocolException e) {
                sendAlert(e);
            } catch (PeerAlertException e) {
                // REQ-ALERT-8, REQ-ALERT-9: report it, send nothing; the closing procedure (REQ-CLOSE-12).
                fail(new ClientEvent.Failure.AlertReceived(e));
            }
        }
    }

    public void receive(byte[] bytes, long nowNanos) {
        receive(ByteBuffer.wrap(bytes), nowNanos);
    }

    /** True while part of a frame has arrived and the rest is still to come. */
    public boolean hasPartialFrame() {
        return state != State.CLOSED && decoder.midFrame();
    }

    /** The server's FIN: a truncation unless the session is over (REQ-CLOSE-6, REQ-CLOSE-7: nothing sent). */
    public void receiveEof(long nowNanos) {
        if (state != State.CLOSED) {
            fail(new ClientEvent.Failure.Truncated(state != State.ESTABLISHED
                    ? "the server closed the connection during the handshake"
                    : decoder.midFrame() ? "the server closed the connection in the middle of a frame, without Close"
                    : "the server closed the connection without Close"));
        }
        closing.eof();
    }

    /**
     * The user's message (Table 9, "application sends a message"): one data record (REQ-ECHO-4), now outstanding
     * with a wait timer of its own (REQ-LIM-8).
     */
    public void send(byte[] message, long nowNanos) {
        requireOpen();
        if (message.length > Direction.CLIENT_TO_SERVER.maxDataPayload()) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds the limit of "
                    + Direction.CLIENT_TO_SERVER.maxDataPayload());
        }
        outbox.add(sealer.sealEncoded(InnerType.DATA, message));
        requestDeadlines.addLast(nowNanos + waitNanos);
    }

    /** The user ends the session: Close as our last record (REQ-CLOSE-1), then wait for the server's (REQ-CLOSE-2). */
    public void close(long nowNanos) {
        requireOpen();
        outbox.add(sealer.sealEncoded(InnerType.CLOSE, new byte[0]));
        closeSent = true;
        closeDeadline = nowNanos + waitNanos;
    }

    /** Lets time pass: a wait for the server that ran out fails the session (REQ-LIM-8), the drain ends. */
    public void tick(long nowNanos) {
        if (state == State.CLOSED) {
            closing.tick(nowNanos);
            return;
        }
        if (nowNanos - waitDeadline() < 0) {
            return;
        }
        boolean handshaking = state != State.ESTABLISHED;
        String awaited = state == State.AWAIT_SERVER_HELLO ? "the server's hello"
                : state == State.AWAIT_SERVER_FINISHED ? "the server's Finished"
                : outstanding() > 0 ? "the server's reply" : "the server's Close";
        // REQ-LIM-8 allows the alert timeout: plaintext before ESTABLISHED, encrypted in it; none after our Close,
        // which was our last record (REQ-CLOSE-1).
        if (handshaking) {
            outbox.add(AlertMessage.plaintextFrame(AlertCode.TIMEOUT).encode());
        } else if (!closeSent) {
            outbox.add(sealer.sealEncoded(InnerType.ALERT, AlertMessage.encode(AlertCode.TIMEOUT)));
        }
        fail(new ClientEvent.Failure.TimedOut(awaited, handshaking));
    }

    /** The earliest time at which {@link #tick} has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return state == State.CLOSED ? closing.deadline() : waitDeadline();
    }

    /** Whether bytes are waiting to be written: the same as a non-empty {@link #pendingOutput}, without the array. */
    public boolean hasOutput() {
        return !outbox.isEmpty();
    }

    public ByteBuffer[] pendingOutput() {
        return outbox.all();
    }

    /** Everything to write, as one array, now counted as written. */
    public byte[] takeOutput() {
        return outbox.take();
    }

    public boolean wantsHalfClose() {
        return closing.wantsHalfClose(outbox.isEmpty());
    }

    public void halfClosed(long nowNanos) {
        closing.halfClosed(nowNanos);
    }

    /** Time to close the socket. */
    public boolean isDone() {
        return closing.done();
    }

    /** A read or write failed (a reset: REQ-CLOSE-8): nothing more is sent, the socket is closed at once. */
    public void transportFailed() {
        state = State.CLOSED;
        handshake = null;
        closing.abandon();
    }

    private long waitDeadline() {
        if (state == null) {
            return NO_DEADLINE;
        }
        if (state != State.ESTABLISHED) {
            return handshakeDeadline;
        }
        long deadline = closeDeadline;
        Long oldest = requestDeadlines.peekFirst();
        return oldest == null ? deadline : Math.min(deadline, oldest);
    }

    private void onFrame(ReceivedFrame frame, long nowNanos) throws ProtocolException, PeerAlertException {
        if (frame.type() == FrameType.ALERT) {
            // REQ-ALERT-8, REQ-ALERT-10: any alert ends the session, a malformed one too, unanswered.
            throw AlertMessage.received(frame.toFrame());
        }
        switch (state) {
            case AWAIT_SERVER_HELLO -> {
                // REQ-HS-8: Table 7 in order; then the wait timer restarts for the server's Finished.
                handshake.onServerHello(frame.toFrame());
                state = State.AWAIT_SERVER_FINISHED;
                handshakeDeadline = nowNanos + waitNanos;
            }
            case AWAIT_SERVER_FINISHED -> {
                // REQ-FIN-3, REQ-FIN-4, REQ-FIN-5: our Finished only after the server's verified, as our next frame,
                // sent as the handshake encoded it (never parsed back).
                HandshakeResult result = handshake.onServerFinished(frame.toFrame());
                outbox.add(result.clientFinishedFrame());
                // REQ-KS-4: the client seals with c2s and opens with s2c.
                sealer = new RecordSealer(result.secrets().clientToServer(), Direction.CLIENT_TO_SERVER);
                opener = new RecordOpener(result.secrets().serverToClient());
                handshake = null;
                state = State.ESTABLISHED;
            }
            // REQ-REC-5, REQ-REC-7: Table 12 in order; nothing of a record that fails is delivered.
            case ESTABLISHED -> onRecord(opener.open(frame));
            default -> throw new IllegalStateException("frame in state " + state);
        }
    }

    private void onRecord(InnerPlaintext record) throws ProtocolException, PeerAlertException {
        int owed = outstanding();
        switch (record.type()) {
            case ALERT -> throw new PeerAlertException(record.payload()[0] & 0xff, true);
            case CLOSE -> {
                if (!closeSent) {
                    // REQ-CLOSE-10: the server never starts a close (REQ-CLOSE-5).
                    throw new ProtocolException(AlertCode.UNEXPECTED_MESSAGE, "the server sent Close before the client did"
                            + (owed > 0 ? ", with " + replies(owed) + " owed" : ""));
                }
                if (owed > 0) {
                    // REQ-CLOSE-11: the replies owed are lost; report it, send nothing further.
                    fail(new ClientEvent.Failure.RepliesLost("the server sent its Close with " + replies(owed)
                            + " still owed"));
                    return;
                }
                // REQ-CLOSE-2: the session ended cleanly; nothing more is sent or processed (REQ-CLOSE-12).
                enterClosed(true);
                events.addLast(new ClientEvent.Closed());
            }
            case DATA -> {
                if (owed == 0) {
                    // REQ-CLOSE-9: a data record with no request outstanding; the payload goes nowhere.
                    throw new ProtocolException(AlertCode.UNEXPECTED_MESSAGE, closeSent
                            ? "the server sent a data record after the client's Close, with no request outstanding"
                            : "the server sent a data record when no request was outstanding");
                }
                byte[] payload = record.payload();
                try {
                    EchoTransform.decodeStrictUtf8(payload);
                } catch (ProtocolException e) {
                    // REQ-ECHO-13: encrypted bad_payload, and the payload goes nowhere (REQ-ECHO-12).
                    throw new ProtocolException(AlertCode.BAD_PAYLOAD, "the reply is not well-formed UTF-8");
                }
                // REQ-ECHO-12: exactly the payload that answers the oldest request; its wait timer stops.
                requestDeadlines.pollFirst();
                events.addLast(new ClientEvent.Reply(payload));
            }
            default -> throw new IllegalStateException("inner type " + record.type());
        }
    }

    /**
     * The one alert of this connection (REQ-ALERT-3): plaintext until the server's Finished verified, encrypted
     * after (REQ-ALERT-2); then CLOSED and the closing procedure (REQ-ALERT-4).
     */
    private void sendAlert(ProtocolException e) {
        boolean encrypted = sealer != null;
        outbox.add(encrypted ? sealer.sealEncoded(InnerType.ALERT, AlertMessage.encode(e.alert()))
                : AlertMessage.plaintextFrame(e.alert()).encode());
        fail(new ClientEvent.Failure.AlertSent(e, encrypted));
    }

    private void fail(ClientEvent.Failure failure) {
        enterClosed(true);
        events.addLast(new ClientEvent.Failed(failure));
    }

    /** CLOSED: no frame is processed any more; input is discarded (Table 9). */
    private void enterClosed(boolean graceful) {
        state = State.CLOSED;
        handshake = null;
        closing.begin(graceful);
    }

    private void requireOpen() {
        if (state != State.ESTABLISHED || closeSent) {
            throw new IllegalStateException("session is " + (closeSent ? "closing" : state.toString()));
        }
    }

    private static String replies(int n) {
        return n + " repl" + (n == 1 ? "y" : "ies");
    }
}
