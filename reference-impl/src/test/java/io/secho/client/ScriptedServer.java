package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.AlertMessage;
import io.secho.wire.Direction;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test server on a free loopback port that serves one connection by a script: the handshake done right (or
 * stopped after the ServerHello), then whatever the script sends, misbehaving on purpose. It writes down each
 * frame the client sends (records opened with the client's keys) and how the client ended the connection, as
 * lines such as {@code data:a}, {@code close}, {@code alert:unexpected_message}, {@code plaintext-alert:timeout},
 * {@code FIN}, {@code RESET}
 * (a reset, or a FIN followed by a reset).
 */
public final class ScriptedServer implements AutoCloseable {
    public static final PreSharedKey PSK = PreSharedKey.fromHex(
            "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
    /** How long the server waits for the client's next frame or its end before it writes STILL_OPEN. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** What the server does with its one connection. */
    @FunctionalInterface
    public interface Script {
        void run(Connection connection) throws Exception;
    }

    private final ServerSocket listening;
    private final CompletableFuture<List<String>> seen;

    private ScriptedServer(ServerSocket listening, CompletableFuture<List<String>> seen) {
        this.listening = listening;
        this.seen = seen;
    }

    public static ScriptedServer start(Script script) throws IOException {
        ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Socket socket = listening.accept()) {
                socket.setTcpNoDelay(true);
                Connection connection = new Connection(socket);
                try {
                    script.run(connection);
                } catch (Throwable e) {
                    connection.events.add("SCRIPT FAILED: " + e);
                }
                seen.complete(List.copyOf(connection.events));
            } catch (Throwable e) {
                seen.completeExceptionally(e);
            }
        }, "scripted-server");
        thread.setDaemon(true);
        thread.start();
        return new ScriptedServer(listening, seen);
    }

    public int port() {
        return listening.getLocalPort();
    }

    /** Everything the script wrote down, once it has run to its end. */
    public List<String> seen() throws InterruptedException, ExecutionException, TimeoutException {
        return seen.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }

    /** One connection, as the script sees it. */
    public static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final FrameReader reader;
        private final List<String> events = new ArrayList<>();
        private RecordSealer sealer;
        private RecordOpener opener;
        private boolean outputShut;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.reader = new FrameReader(in, Direction.CLIENT_TO_SERVER);
        }

        /** The whole handshake, every suite offered (psk with {@link #PSK}). */
        public Connection handshake() throws Exception {
            ServerHandshake handshake = serverHello(true);
            HandshakeResult result = handshake.onClientFinished(readFrame());
            sealer = new RecordSealer(result.secrets().serverToClient(), Direction.SERVER_TO_CLIENT);
            opener = new RecordOpener(result.secrets().clientToServer());
            return this;
        }

        /** Reads the ClientHello and sends the ServerHello, and the server's Finished only if told so. */
        public ServerHandshake serverHello(boolean withFinished) throws Exception {
            ServerHandshake handshake = new ServerHandshake(EnumSet.allOf(Suite.class), Optional.of(PSK),
                    new SystemRandomBytes());
            List<Frame> reply = handshake.onClientHello(readFrame());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(reply.get(0).encode());
            if (withFinished) {
                bytes.write(reply.get(1).encode());
            }
            send(bytes.toByteArray());
            return handshake;
        }

        private Frame readFrame() throws Exception {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            return reader.read(EnumSet.allOf(FrameType.class));
        }

        /** The handshake, the client's first request answered with "A", and the client's next frame. */
        public Connection answerFirst() throws Exception {
            handshake().next();
            send(data("A"));
            next();
            return this;
        }

        /** Reads the client's first frame and writes down its type, nothing more. */
        public Connection clientHello() throws Exception {
            events.add("frame:" + readFrame().type());
            return this;
        }

        /** A sealed record of ours, not yet sent: scripts concatenate them to send several in one write. */
        public byte[] record(InnerType type, byte[] payload) {
            return sealer.sealEncoded(type, payload);
        }

        public byte[] data(String payload) {
            return record(InnerType.DATA, payload.getBytes(StandardCharsets.UTF_8));
        }

        public byte[] close() {
            return record(InnerType.CLOSE, new byte[0]);
        }

        public byte[] alert(AlertCode alert) {
            return record(InnerType.ALERT, AlertMessage.encode(alert));
        }

        public void send(byte[]... parts) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                bytes.write(part);
            }
            out.write(bytes.toByteArray());
            out.flush();
        }

        /** Sends the server's FIN. */
        public void finish() throws IOException {
            outputShut = true;
            socket.shutdownOutput();
        }

        /** Writes down the client's next frame (or how it ended) and returns that line. */
        public String next() throws Exception {
            String event = nextEvent();
            events.add(event);
            return event;
        }

        /** Writes down the client's frames until it ends the connection (or {@link #PATIENCE} runs out). */
        public void untilEnd() throws Exception {
            String event;
            do {
                event = next();
            } while (!event.equals("FIN") && !event.equals("RESET") && !event.equals("STILL_OPEN"));
        }

        /**
         * Java's close() of a socket with unread input sends FIN and then a reset at once, so EOF alone does not
         * show that the client drained. Two probe bytes do: a client still draining (REQ-CLOSE-12) takes them; a
         * socket already closed answers the first with a reset, and the second write fails. A reset arriving later
         * than the probe goes unseen, which can make a test pass, never fail.
         */
        private boolean resetAfterFin() throws InterruptedException {
            if (outputShut) {
                return false;
            }
            try {
                for (int probe = 0; probe < 2; probe++) {
                    Thread.sleep(100);
                    out.write(0);
                    out.flush();
                }
                finish();
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        private String nextEvent() throws Exception {
            Frame frame;
            try {
                frame = readFrame();
            } catch (EndOfStreamException e) {
                return resetAfterFin() ? "RESET" : "FIN";
            } catch (SocketTimeoutException e) {
                return "STILL_OPEN";
            } catch (SocketException e) {
                return "RESET";
            }
            if (frame.type() == FrameType.ALERT) {
                return "plaintext-alert:" + name(frame.body()[0]);
            }
            if (frame.type() != FrameType.RECORD || opener == null) {
                return "frame:" + frame.type();
            }
            InnerPlaintext inner;
            try {
                inner = opener.open(frame);
            } catch (ProtocolException e) {
                return "bad record: " + e.getMessage();
            }
            if (inner.type() == InnerType.DATA) {
                return "data:" + new String(inner.payload(), StandardCharsets.UTF_8);
            }
            return inner.type() == InnerType.CLOSE ? "close" : "alert:" + name(inner.payload()[0]);
        }

        private static String name(byte code) {
            return AlertCode.fromCode(code & 0xff).map(AlertCode::wireName).orElse("unknown " + (code & 0xff));
        }
    }
}
