package io.secho.server;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.net.DeadlineInputStream;
import io.secho.net.GracefulClose;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordChannel;
import io.secho.wire.AlertMessage;
import io.secho.wire.Direction;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import io.secho.wire.FrameWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * One client connection, start to end, on its own thread: handshake, echo loop, and exactly one log
 * line. Whatever the peer sends, this ends in an alert or a close, never in an exception that escapes.
 */
final class ServerConnection implements Runnable {
    /**
     * One whole largest request frame, so a full-size record arrives in one read; a larger buffer would only
     * cost memory, which a server holding thousands of idle connections pays per connection.
     */
    private static final int INPUT_BUFFER = FrameLimits.HEADER_LENGTH + Direction.CLIENT_TO_SERVER.maxRecordBody();
    /**
     * Enough for the ServerHello and Finished together (one segment). Larger records, such as echo
     * replies, bypass the buffer in one write of their own, so a bigger buffer would not save a write.
     */
    private static final int OUTPUT_BUFFER = 4096;

    private final long id;
    private final Socket socket;
    private final ServerConfig config;
    private StallTrackingOutputStream output;
    private Optional<Suite> suite = Optional.empty();
    /** Why the server closed this connection's socket from outside, if it did: the log names that, not the error it causes. */
    private volatile String abortReason;
    private long recordsIn;
    private long recordsOut;

    ServerConnection(long id, Socket socket, ServerConfig config) {
        this.id = id;
        this.socket = socket;
        this.config = config;
    }

    @Override
    public void run() {
        long startNanos = System.nanoTime();
        ConnectionEnd end;
        try {
            end = serve();
        } catch (IOException e) {
            end = new ConnectionEnd.Failed("could not set up streams: " + e.getMessage());
        }
        String aborted = abortReason;
        if (aborted != null && end instanceof ConnectionEnd.Failed) {
            // The failure ("Socket closed", "Broken pipe") is only the abort seen from this thread.
            end = new ConnectionEnd.Aborted(aborted);
        }
        if (end.sentFinalMessage()) {
            GracefulClose.halfCloseDrainAndClose(socket, config.drainTime());
        } else {
            GracefulClose.closeQuietly(socket);
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        // Plain concatenation rather than String.format: the same line, without a formatter per connection.
        config.log().accept("secho: conn " + id + " from " + socket.getRemoteSocketAddress() + " suite="
                + suite.map(Suite::wireName).orElse("-")
                + " records in=" + recordsIn + " out=" + recordsOut + " time=" + millis + "ms end=" + end.describe());
    }

    /** Called by the reaper: the peer has not read our output for too long. */
    boolean writeStalledLongerThan(long limitNanos, long nowNanos) {
        StallTrackingOutputStream out = output;
        return out != null && out.stalledLongerThan(limitNanos, nowNanos);
    }

    /** Ends the connection from another thread; {@code reason} is what its log line will say. */
    void abort(String reason) {
        abortReason = reason;
        GracefulClose.closeQuietly(socket);
    }

    private ConnectionEnd serve() throws IOException {
        socket.setTcpNoDelay(true);
        DeadlineInputStream input = new DeadlineInputStream(socket);
        input.setDeadlineIn(config.handshakeTimeout().toNanos());
        output = new StallTrackingOutputStream(socket.getOutputStream());
        FrameReader reader = new FrameReader(new BufferedInputStream(input, INPUT_BUFFER), Direction.CLIENT_TO_SERVER);
        FrameWriter writer = new FrameWriter(new BufferedOutputStream(output, OUTPUT_BUFFER));
        RecordChannel channel = null;
        try {
            HandshakeResult handshake = handshake(reader, writer);
            channel = RecordChannel.forServer(handshake, reader, writer);
            return echoLoop(channel, input);
        } catch (ProtocolException e) {
            return sendAlert(e.alert(), e.getMessage(), channel, writer);
        } catch (PeerAlertException e) {
            return new ConnectionEnd.PeerAlert(e.getMessage() + (channel == null ? handshakeAlertHint(e) : ""));
        } catch (SocketTimeoutException e) {
            return channel == null
                    ? sendAlert(AlertCode.TIMEOUT, "handshake not complete within "
                            + config.handshakeTimeout().toMillis() + " ms", null, writer)
                    : sendAlert(AlertCode.TIMEOUT, "idle for " + config.idleTimeout().toMillis() + " ms", channel, writer);
        } catch (EndOfStreamException e) {
            return new ConnectionEnd.Truncated(channel == null ? "peer closed during the handshake" : e.getMessage());
        } catch (IOException e) {
            return new ConnectionEnd.Failed(e.getMessage());
        } catch (RuntimeException e) {
            // A bug of ours must cost this connection only, and the peer still gets an alert.
            return sendAlert(AlertCode.INTERNAL_ERROR, e.toString(), channel, writer);
        } finally {
            if (channel != null) {
                recordsIn = channel.recordsReceived();
                recordsOut = channel.recordsSent();
            }
        }
    }

    private HandshakeResult handshake(FrameReader reader, FrameWriter writer)
            throws IOException, ProtocolException, PeerAlertException {
        ServerHandshake handshake = new ServerHandshake(config.suites(), config.psk(), config.random());
        Frame clientHello = readHandshakeFrame(reader, handshake);
        for (Frame frame : handshake.onClientHello(clientHello)) {
            writer.write(frame);
        }
        writer.flush();
        suite = handshake.suite();
        return handshake.onClientFinished(readHandshakeFrame(reader, handshake));
    }

    /**
     * A client sends handshake_failure when our Finished does not verify; with psk that almost always means it
     * holds another key, which is what the operator reading the log needs to know.
     */
    private String handshakeAlertHint(PeerAlertException e) {
        boolean finishedRejected = e.alert().filter(alert -> alert == AlertCode.HANDSHAKE_FAILURE).isPresent();
        return finishedRejected && suite.equals(Optional.of(Suite.PSK))
                ? ": the client did not accept our Finished, so it holds another pre-shared key (a wrong key?)" : "";
    }

    private static Frame readHandshakeFrame(FrameReader reader, ServerHandshake handshake)
            throws IOException, ProtocolException, PeerAlertException {
        Frame frame = reader.read(handshake.expectedFrames());
        if (frame.type() == FrameType.ALERT) {
            throw AlertMessage.received(frame);
        }
        return frame;
    }

    private ConnectionEnd echoLoop(RecordChannel channel, DeadlineInputStream input)
            throws IOException, ProtocolException, PeerAlertException {
        while (true) {
            input.setDeadlineIn(config.idleTimeout().toNanos());
            InnerPlaintext request = channel.receive();
            if (request.type() == InnerType.CLOSE) {
                channel.send(InnerType.CLOSE, new byte[0]);
                channel.flush();
                return new ConnectionEnd.CleanClose();
            }
            channel.send(InnerType.DATA, EchoTransform.apply(request.payload()));
            channel.flush();
        }
    }

    private static ConnectionEnd sendAlert(AlertCode alert, String detail, RecordChannel channel, FrameWriter writer) {
        try {
            if (channel == null) {
                writer.write(AlertMessage.plaintextFrame(alert));
                writer.flush();
            } else {
                channel.sendAlert(alert);
            }
            return new ConnectionEnd.AlertSent(alert, channel != null, detail);
        } catch (IOException | RuntimeException e) {
            return new ConnectionEnd.Failed("could not send " + alert.wireName() + " (" + detail + "): " + e.getMessage());
        }
    }
}
