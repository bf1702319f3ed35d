package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.handshake.Suite;
import io.secho.net.GracefulClose;
import io.secho.session.ClientEvent;
import io.secho.session.ClientSession;
import io.secho.session.Timeouts;
import io.secho.wire.Direction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reference client: one established session. {@link #echo} sends a message and returns its reply;
 * {@link #send} and {@link #reply} do the same in two steps, so that requests can be pipelined; {@link #close}
 * ends the session with the authenticated close in both directions.
 *
 * <p>A thin blocking loop around a {@link ClientSession}, which is the protocol (Table 9): the socket is read with
 * the session's next deadline as its timeout, what arrives is fed to the session, what the session has to send is
 * written. Every failure ends the connection before it is reported, with the closing procedure the session asks
 * for (REQ-ALERT-4, REQ-CLOSE-12). A session that failed sends nothing more, and {@link #close} then does nothing.
 */
public final class SechoClient implements AutoCloseable {
    /** Receives, at {@link #close(ReplySink)}, the replies still owed when the session is closed. */
    @FunctionalInterface
    public interface ReplySink {
        void accept(byte[] reply) throws IOException;
    }

    /** The largest reply frame fits in one read. */
    private static final int READ_BUFFER = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ClientSession session;
    private final ClientConfig config;
    private final byte[] readBuffer = new byte[READ_BUFFER];
    /** The connection is over (or being ended): nothing is sent or read any more. */
    private boolean ended;

    private SechoClient(Socket socket, ClientSession session, ClientConfig config) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.session = session;
        this.config = config;
    }

    /**
     * Connects and completes the handshake, trying the configured suites in order.
     *
     * @throws SessionException if no suite could be agreed or the handshake failed
     * @throws SocketTimeoutException if the server did not complete its part of the handshake in time (REQ-LIM-8)
     */
    public static SechoClient connect(ClientConfig config) throws IOException, SessionException {
        SessionException last = null;
        for (Suite suite : config.suites()) {
            try {
                return connect(config, suite);
            } catch (SessionException e) {
                last = e;
                // REQ-HS-5: the next suite goes on a new connection, with a new ClientHello.
                if (e.peerAlert().filter(a -> a == AlertCode.UNSUPPORTED_SUITE).isEmpty()) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static SechoClient connect(ClientConfig config, Suite suite) throws IOException, SessionException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            connect(socket, config);
            ClientSession session = new ClientSession(suite, config.psk(), config.random(), config.timeout(),
                    Timeouts.MAX_DRAIN);
            SechoClient client = new SechoClient(socket, session, config);
            session.connected(System.nanoTime());
            while (client.session.state() != ClientSession.State.ESTABLISHED) {
                ClientEvent event = client.session.nextEvent();
                if (event instanceof ClientEvent.Failed failed) {
                    throw client.fail(failed.failure());
                }
                client.pump();
            }
            client.writeOutput(); // our Finished (REQ-FIN-4)
            return client;
        } catch (IOException | RuntimeException e) {
            // A transport failure (reset, broken pipe): nothing left to tell the server.
            GracefulClose.closeQuietly(socket);
            throw e;
        }
    }

    /** A connection attempt that times out is a failure to connect, not a server that stopped answering. */
    private static void connect(Socket socket, ClientConfig config) throws IOException {
        try {
            socket.connect(new InetSocketAddress(config.host(), config.port()), (int) config.timeout().toMillis());
        } catch (SocketTimeoutException e) {
            ConnectException timedOut = new ConnectException("no answer to the connection attempt in time");
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    public Suite suite() {
        return session.suite();
    }

    /** Sends one message and waits for its one reply. */
    public byte[] echo(byte[] request) throws IOException, SessionException {
        send(request);
        return reply();
    }

    /** Sends one message (UTF-8) and returns its reply, which has passed the UTF-8 check (REQ-ECHO-13). */
    public String echo(String request) throws IOException, SessionException {
        return new String(echo(request.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * Sends one message without waiting for its reply; {@link #reply} returns the replies in order. Anything the
     * server sent while no request was outstanding is dealt with first (REQ-CLOSE-9, REQ-CLOSE-10).
     */
    public void send(byte[] request) throws IOException, SessionException {
        requireOpen();
        if (request.length > Direction.CLIENT_TO_SERVER.maxDataPayload()) {
            throw new IllegalArgumentException("message of " + request.length + " bytes exceeds the limit of "
                    + Direction.CLIENT_TO_SERVER.maxDataPayload());
        }
        rejectUnsolicitedInput();
        session.send(request, System.nanoTime());
        writeOutput();
    }

    /**
     * The reply to the oldest request not yet answered: exactly the payload of the data record that answers it,
     * once that record has passed every check (REQ-ECHO-12), well-formed UTF-8 included (REQ-ECHO-13).
     */
    public byte[] reply() throws IOException, SessionException {
        requireOpen();
        if (session.outstanding() == 0) {
            throw new IllegalStateException("no request is waiting for its reply");
        }
        ClientEvent event = nextEvent();
        if (event instanceof ClientEvent.Reply reply) {
            return reply.payload();
        }
        throw unexpected(event);
    }

    /** Sends Close and waits for the server's Close; replies still owed are read and dropped. */
    @Override
    public void close() throws IOException, SessionException {
        close(reply -> { });
    }

    /**
     * Sends Close (REQ-CLOSE-1), then reads until the server's Close (REQ-CLOSE-2), giving each reply still owed to
     * {@code owed} in order. Anything but those replies and that Close fails the session. Does nothing when the
     * session is already over.
     */
    public void close(ReplySink owed) throws IOException, SessionException {
        if (ended) {
            return;
        }
        rejectUnsolicitedInput();
        session.close(System.nanoTime());
        writeOutput();
        while (true) {
            ClientEvent event = nextEvent();
            if (event instanceof ClientEvent.Closed) {
                finishClosing(); // the server's Close: FIN, drain, close (REQ-CLOSE-12)
                return;
            }
            if (!(event instanceof ClientEvent.Reply reply)) {
                throw unexpected(event);
            }
            try {
                owed.accept(reply.payload());
            } catch (IOException e) {
                abandon();
                throw e;
            }
        }
    }

    /**
     * REQ-CLOSE-9 and REQ-CLOSE-10 for a client that waits for each reply: with no request outstanding, any
     * complete or partial frame already here was sent unasked. It is read and judged (an alert ends the session
     * as any alert does); a data record or a Close is unexpected_message.
     */
    private void rejectUnsolicitedInput() throws IOException, SessionException {
        if (session.outstanding() > 0 || ended) {
            return;
        }
        ClientEvent already = session.nextEvent();
        if (already != null) {
            // Read together with the last reply: the session has judged it already.
            throw unexpected(already);
        }
        int pending;
        try {
            pending = in.available();
        } catch (IOException e) {
            abandon();
            throw e;
        }
        if (pending == 0) {
            return;
        }
        do {
            pump();
            ClientEvent event = session.nextEvent();
            if (event != null) {
                throw unexpected(event);
            }
        } while (session.hasPartialFrame());
    }

    /** The next event, reading (each wait bounded by the session's timers, REQ-LIM-8) until there is one. */
    private ClientEvent nextEvent() throws IOException {
        while (true) {
            ClientEvent event = session.nextEvent();
            if (event != null) {
                return event;
            }
            if (session.isDone()) {
                throw new IOException("the connection is closed");
            }
            pump();
        }
    }

    /**
     * One turn of the loop: write what the session has, half-close if it asks, then one read bounded by its next
     * deadline, or the tick when that deadline has come.
     */
    private void pump() throws IOException {
        writeOutput();
        if (session.wantsHalfClose()) {
            socket.shutdownOutput();
            session.halfClosed(System.nanoTime());
        }
        if (session.isDone()) {
            return;
        }
        long now = System.nanoTime();
        long deadline = session.nextDeadline();
        // What has arrived is judged before a timer that ran out meanwhile: a slow client is no slow server.
        if (deadline != Long.MAX_VALUE && deadline - now <= 0 && in.available() == 0) {
            session.tick(now);
            return;
        }
        // No deadline: a frame sent unasked is being read; its rest gets one client timeout, as any wait.
        long nanos = deadline == Long.MAX_VALUE ? config.timeout().toNanos() : deadline - now;
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000)));
        int n;
        try {
            n = in.read(readBuffer);
        } catch (SocketTimeoutException e) {
            if (deadline == Long.MAX_VALUE) {
                abandon();
                throw new SocketTimeoutException("the rest of a frame the server sent unasked");
            }
            session.tick(System.nanoTime());
            return;
        } catch (IOException e) {
            // A reset or another transport error: handled as a truncation (REQ-CLOSE-8), nothing to send.
            abandon();
            throw e;
        }
        if (n < 0) {
            session.receiveEof(System.nanoTime());
        } else {
            session.receive(ByteBuffer.wrap(readBuffer, 0, n), System.nanoTime());
        }
    }

    private void writeOutput() throws IOException {
        if (!session.hasOutput()) {
            return;
        }
        try {
            for (ByteBuffer buffer : session.pendingOutput()) {
                out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                buffer.position(buffer.limit());
            }
            out.flush();
        } catch (IOException e) {
            abandon();
            throw e;
        }
    }

    /** Anything but the awaited reply or Close is a failure (the only other event), reported once the connection ended. */
    private SessionException unexpected(ClientEvent event) throws SocketTimeoutException {
        if (event instanceof ClientEvent.Failed failed) {
            return fail(failed.failure());
        }
        throw new IllegalStateException("unexpected event " + event);
    }

    /**
     * Ends the connection as the session says (its alert if it sent one, FIN, drain, close), then the failure as the
     * user sees it: a {@link SessionException}, or a {@link SocketTimeoutException} for a wait that ran out.
     */
    private SessionException fail(ClientEvent.Failure failure) throws SocketTimeoutException {
        finishClosing();
        Suite suite = session.suite();
        if (failure instanceof ClientEvent.Failure.AlertSent sent) {
            return SessionException.sent(suite, sent.cause());
        }
        if (failure instanceof ClientEvent.Failure.AlertReceived received) {
            return SessionException.received(suite, received.alert());
        }
        if (failure instanceof ClientEvent.Failure.Truncated truncated) {
            return SessionException.truncated(suite, truncated.what());
        }
        if (failure instanceof ClientEvent.Failure.RepliesLost lost) {
            return SessionException.protocol(suite, lost.what());
        }
        throw new SocketTimeoutException(((ClientEvent.Failure.TimedOut) failure).awaited());
    }

    /** The closing procedure to its end; a transport failure on the way only ends it sooner. */
    private void finishClosing() {
        ended = true;
        try {
            while (!session.isDone()) {
                pump();
            }
        } catch (IOException ignored) {
            // The peer reset or is gone: the connection is over either way.
        } finally {
            GracefulClose.closeQuietly(socket);
        }
    }

    /** The transport is broken: close at once, nothing more to send. */
    private void abandon() {
        ended = true;
        session.transportFailed();
        GracefulClose.closeQuietly(socket);
    }

    private void requireOpen() {
        if (ended || session.closeSent()) {
            throw new IllegalStateException("session is closed");
        }
    }
}
