package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.net.DeadlineInputStream;
import io.secho.net.GracefulClose;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordChannel;
import io.secho.session.Timeouts;
import io.secho.wire.AlertMessage;
import io.secho.wire.Direction;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import io.secho.wire.FrameWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The reference client: one established session. {@link #echo} sends a message and returns its reply;
 * {@link #send} and {@link #reply} do the same in two steps, so that requests can be pipelined; {@link #close}
 * ends the session with the authenticated close in both directions.
 *
 * <p>Every failure ends the connection before it is reported: with our alert and the closing procedure when we
 * detected it (REQ-ALERT-4), with the closing procedure alone after the server's alert, its Close or a
 * truncation (REQ-CLOSE-12). A payload is returned only once its record passed every check, UTF-8 included
 * (REQ-ECHO-12, REQ-ECHO-13). A session that failed sends nothing more, and {@link #close} then does nothing.
 */
public final class SechoClient implements AutoCloseable {
    /** Receives, at {@link #close(ReplySink)}, the replies still owed when the session is closed. */
    @FunctionalInterface
    public interface ReplySink {
        void accept(byte[] reply) throws IOException;
    }

    private final Socket socket;
    private final DeadlineInputStream input;
    private final InputStream buffered;
    private final RecordChannel channel;
    private final ClientConfig config;
    private final Suite suite;
    /** Requests sent and not yet answered. */
    private int outstanding;
    private boolean closeSent;
    /** The connection is over (or being ended): nothing is sent or read any more. */
    private boolean ended;

    private SechoClient(Socket socket, DeadlineInputStream input, InputStream buffered, RecordChannel channel,
                        ClientConfig config, Suite suite) {
        this.socket = socket;
        this.input = input;
        this.buffered = buffered;
        this.channel = channel;
        this.config = config;
        this.suite = suite;
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
            DeadlineInputStream input = new DeadlineInputStream(socket);
            BufferedInputStream buffered = new BufferedInputStream(input);
            FrameReader reader = new FrameReader(buffered, Direction.SERVER_TO_CLIENT);
            FrameWriter writer = new FrameWriter(new BufferedOutputStream(socket.getOutputStream()));
            // REQ-LIM-8: one bound for the ServerHello and the server's Finished together.
            input.setDeadlineIn(config.timeout().toNanos());
            HandshakeResult handshake = handshake(suite, reader, writer, socket, config);
            return new SechoClient(socket, input, buffered, RecordChannel.forClient(handshake, reader, writer), config,
                    suite);
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

    private static HandshakeResult handshake(Suite suite, FrameReader reader, FrameWriter writer, Socket socket,
                                             ClientConfig config) throws IOException, SessionException {
        ClientHandshake handshake = new ClientHandshake(suite, config.psk(), config.random());
        writer.write(handshake.clientHello());
        writer.flush();
        try {
            handshake.onServerHello(readHandshakeFrame(reader, handshake));
            HandshakeResult result = handshake.onServerFinished(readHandshakeFrame(reader, handshake));
            writer.write(Frame.parse(result.clientFinishedFrame()));
            writer.flush();
            return result;
        } catch (ProtocolException e) {
            // Before the server's Finished verified, our alerts go in plaintext (REQ-ALERT-2).
            sendPlaintextAlertAndEnd(writer, socket, e.alert());
            throw SessionException.sent(suite, e);
        } catch (PeerAlertException e) {
            GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN); // REQ-ALERT-9, REQ-CLOSE-12
            throw SessionException.received(suite, e);
        } catch (EndOfStreamException e) {
            GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN); // REQ-CLOSE-7, REQ-CLOSE-12
            throw SessionException.truncated(suite, "the server closed the connection during the handshake");
        } catch (SocketTimeoutException e) {
            // REQ-LIM-8: the wait for the ServerHello or the server's Finished is over; say so, then the closing
            // procedure.
            sendPlaintextAlertAndEnd(writer, socket, AlertCode.TIMEOUT);
            throw e;
        }
    }

    private static void sendPlaintextAlertAndEnd(FrameWriter writer, Socket socket, AlertCode alert) {
        try {
            writer.write(AlertMessage.plaintextFrame(alert));
            writer.flush();
        } catch (IOException ignored) {
            // The alert is a courtesy; the closing procedure below ends the connection either way.
        }
        GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN);
    }

    private static Frame readHandshakeFrame(FrameReader reader, ClientHandshake handshake)
            throws IOException, ProtocolException, PeerAlertException {
        Frame frame = reader.read(handshake.expectedFrames());
        if (frame.type() == FrameType.ALERT) {
            throw AlertMessage.received(frame);
        }
        return frame;
    }

    public Suite suite() {
        return suite;
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
        guarded(() -> {
            channel.send(InnerType.DATA, request);
            channel.flush();
        });
        outstanding++;
    }

    /**
     * The reply to the oldest request not yet answered: exactly the payload of the data record that answers it,
     * once that record has passed every check (REQ-ECHO-12), well-formed UTF-8 included (REQ-ECHO-13).
     */
    public byte[] reply() throws IOException, SessionException {
        requireOpen();
        if (outstanding == 0) {
            throw new IllegalStateException("no request is waiting for its reply");
        }
        InnerPlaintext record = receive("the server's reply");
        if (record.type() == InnerType.CLOSE) {
            // REQ-CLOSE-10: the server never starts a close (REQ-CLOSE-5).
            throw fail(AlertCode.UNEXPECTED_MESSAGE, "the server sent Close before the client did, with "
                    + outstanding + " repl" + (outstanding == 1 ? "y" : "ies") + " owed");
        }
        return answered(record);
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
        guarded(() -> {
            channel.send(InnerType.CLOSE, new byte[0]);
            channel.flush();
        });
        closeSent = true;
        while (true) {
            InnerPlaintext record = receive(outstanding > 0 ? "the server's reply" : "the server's Close");
            if (record.type() == InnerType.CLOSE) {
                // The server's Close: nothing more is sent or processed; FIN, drain, close (REQ-CLOSE-12).
                endGracefully();
                if (outstanding > 0) {
                    // REQ-CLOSE-11: replies were owed; the session failed, and we send nothing further.
                    throw SessionException.protocol(suite, "the server sent its Close with " + outstanding + " repl"
                            + (outstanding == 1 ? "y" : "ies") + " still owed");
                }
                return;
            }
            if (outstanding == 0) {
                // REQ-CLOSE-9: a data record when no request is outstanding, here after our Close.
                throw fail(AlertCode.UNEXPECTED_MESSAGE,
                        "the server sent a data record after the client's Close, with no request outstanding");
            }
            byte[] reply = answered(record);
            guarded(() -> owed.accept(reply));
        }
    }

    /** A data record that answers the oldest request: checked for UTF-8 before anyone sees it. */
    private byte[] answered(InnerPlaintext record) throws SessionException {
        byte[] payload = record.payload();
        try {
            EchoTransform.decodeStrictUtf8(payload);
        } catch (ProtocolException e) {
            // REQ-ECHO-13: encrypted bad_payload, and the payload goes nowhere (REQ-ECHO-12).
            throw fail(AlertCode.BAD_PAYLOAD, "the reply is not well-formed UTF-8");
        }
        outstanding--;
        return payload;
    }

    /**
     * REQ-CLOSE-9 and REQ-CLOSE-10 for a client that waits for each reply: with no request outstanding, any
     * complete or partial frame already here was sent unasked. It is read and judged (an alert ends the session
     * as any alert does); a data record or a Close is unexpected_message.
     */
    private void rejectUnsolicitedInput() throws IOException, SessionException {
        if (outstanding > 0 || ended) {
            return;
        }
        int pending;
        try {
            pending = buffered.available();
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
            ended = true;
            throw e;
        }
        if (pending == 0) {
            return;
        }
        InnerPlaintext record = receive("the rest of a frame the server sent unasked");
        throw fail(AlertCode.UNEXPECTED_MESSAGE, record.type() == InnerType.CLOSE
                ? "the server sent Close before the client did"
                : "the server sent a data record when no request was outstanding");
    }

    /** The next data or close record, each wait bounded (REQ-LIM-8); every failure ends the connection first. */
    private InnerPlaintext receive(String awaited) throws IOException, SessionException {
        input.setDeadlineIn(config.timeout().toNanos());
        try {
            return channel.receive();
        } catch (ProtocolException e) {
            throw fail(e);
        } catch (PeerAlertException e) {
            endGracefully(); // REQ-ALERT-9: nothing in answer; REQ-CLOSE-12: FIN, drain, close
            throw SessionException.received(suite, e);
        } catch (EndOfStreamException e) {
            endGracefully(); // REQ-CLOSE-6, REQ-CLOSE-7, REQ-CLOSE-12
            throw SessionException.truncated(suite, e.midFrame()
                    ? "the server closed the connection in the middle of a frame, without Close"
                    : "the server closed the connection without Close");
        } catch (SocketTimeoutException e) {
            // REQ-LIM-8: report it, after the encrypted alert timeout (unless our Close was our last record,
            // REQ-CLOSE-1) and the closing procedure.
            if (closeSent) {
                endGracefully();
            } else {
                sendAlertAndEnd(AlertCode.TIMEOUT);
            }
            SocketTimeoutException timedOut = new SocketTimeoutException(awaited);
            timedOut.initCause(e);
            throw timedOut;
        } catch (IOException e) {
            // A reset or another transport error: handled as a truncation (REQ-CLOSE-8), nothing to send.
            ended = true;
            GracefulClose.closeQuietly(socket);
            throw e;
        }
    }

    private SessionException fail(ProtocolException e) {
        sendAlertAndEnd(e.alert());
        return SessionException.sent(suite, e);
    }

    private SessionException fail(AlertCode alert, String what) {
        return fail(new ProtocolException(alert, what));
    }

    /** Our encrypted alert, then the closing procedure (REQ-ALERT-2, REQ-ALERT-3, REQ-ALERT-4). */
    private void sendAlertAndEnd(AlertCode alert) {
        ended = true;
        try {
            channel.sendAlert(alert);
        } catch (IOException ignored) {
            // The alert is a courtesy; the closing procedure below ends the connection either way.
        }
        GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN);
    }

    /** The closing procedure without a word of ours: never a reset while input is unread (REQ-CLOSE-12). */
    private void endGracefully() {
        ended = true;
        GracefulClose.halfCloseDrainAndClose(socket, Timeouts.MAX_DRAIN);
    }

    private void requireOpen() {
        if (ended || closeSent) {
            throw new IllegalStateException("session is closed");
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    /** A write (or a delivery) that fails ends the connection at once: the transport is broken. */
    private void guarded(Io io) throws IOException {
        try {
            io.run();
        } catch (IOException e) {
            ended = true;
            GracefulClose.closeQuietly(socket);
            throw e;
        }
    }
}
