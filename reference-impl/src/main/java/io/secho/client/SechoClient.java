package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.alert.AlertMessage;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.net.DeadlineInputStream;
import io.secho.net.GracefulClose;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordChannel;
import io.secho.wire.Direction;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import io.secho.wire.FrameWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The reference client: one established session. {@link #echo} sends a message and returns the reply;
 * {@link #close} ends the session with the authenticated close in both directions.
 */
public final class SechoClient implements AutoCloseable {
    private final Socket socket;
    private final DeadlineInputStream input;
    private final RecordChannel channel;
    private final ClientConfig config;
    private final Suite suite;
    private boolean closed;

    private SechoClient(Socket socket, DeadlineInputStream input, RecordChannel channel, ClientConfig config,
                        Suite suite) {
        this.socket = socket;
        this.input = input;
        this.channel = channel;
        this.config = config;
        this.suite = suite;
    }

    /**
     * Connects and completes the handshake, trying the configured suites in order.
     *
     * @throws SessionException if no suite could be agreed or the handshake failed
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
            FrameReader reader = new FrameReader(new BufferedInputStream(input), Direction.SERVER_TO_CLIENT);
            FrameWriter writer = new FrameWriter(new BufferedOutputStream(socket.getOutputStream()));
            input.setDeadlineIn(config.timeout().toNanos());
            HandshakeResult handshake = handshake(suite, config, reader, writer, socket);
            return new SechoClient(socket, input, RecordChannel.forClient(handshake, reader, writer), config, suite);
        } catch (IOException | SessionException | RuntimeException e) {
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

    private static HandshakeResult handshake(Suite suite, ClientConfig config, FrameReader reader, FrameWriter writer,
                                             Socket socket) throws IOException, SessionException {
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
            // Before the server's Finished verified, our alerts go in plaintext.
            writer.write(AlertMessage.plaintextFrame(e.alert()));
            writer.flush();
            GracefulClose.halfCloseDrainAndClose(socket, GracefulClose.DRAIN_TIME);
            throw SessionException.sent(suite, e);
        } catch (PeerAlertException e) {
            throw SessionException.received(suite, e);
        } catch (EndOfStreamException e) {
            throw SessionException.truncated(suite, "the server closed the connection during the handshake");
        }
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
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        if (request.length > Direction.CLIENT_TO_SERVER.maxDataPayload()) {
            throw new IllegalArgumentException("message of " + request.length + " bytes exceeds the limit of "
                    + Direction.CLIENT_TO_SERVER.maxDataPayload());
        }
        channel.send(InnerType.DATA, request);
        channel.flush();
        InnerPlaintext reply = receive();
        if (reply.type() != InnerType.DATA) {
            abort(AlertCode.UNEXPECTED_MESSAGE);
            throw SessionException.protocol(suite, "the server sent " + reply.type() + " instead of an echo");
        }
        return reply.payload();
    }

    public String echo(String request) throws IOException, SessionException {
        return new String(echo(request.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** Sends Close and waits for the server's Close; anything else is reported. */
    @Override
    public void close() throws IOException, SessionException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.send(InnerType.CLOSE, new byte[0]);
            channel.flush();
            InnerPlaintext reply = receive();
            if (reply.type() != InnerType.CLOSE) {
                throw SessionException.protocol(suite, "the server answered Close with " + reply.type());
            }
        } finally {
            GracefulClose.closeQuietly(socket);
        }
    }

    private InnerPlaintext receive() throws IOException, SessionException {
        input.setDeadlineIn(config.timeout().toNanos());
        try {
            return channel.receive();
        } catch (ProtocolException e) {
            abort(e.alert());
            throw SessionException.sent(suite, e);
        } catch (PeerAlertException e) {
            closed = true;
            GracefulClose.closeQuietly(socket);
            throw SessionException.received(suite, e);
        } catch (EndOfStreamException e) {
            closed = true;
            GracefulClose.closeQuietly(socket);
            throw SessionException.truncated(suite, "the server closed the connection without Close");
        }
    }

    private void abort(AlertCode alert) {
        closed = true;
        try {
            channel.sendAlert(alert);
        } catch (IOException ignored) {
            // The alert is a courtesy; the close below ends the session either way.
        }
        GracefulClose.halfCloseDrainAndClose(socket, GracefulClose.DRAIN_TIME);
    }
}
