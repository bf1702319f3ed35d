package io.secho.lab;

import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;
import io.secho.net.Listening;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference lab server: speaks the lab protocol exactly as the lab's programs do (one read is one
 * message, the 0x0a marker ends the session), and has none of their other faults: each connection runs
 * on its own thread with time limits, a bad record ends only its own connection, and a client that
 * disconnects without the marker is simply gone.
 */
public final class LabServer implements AutoCloseable {
    private static final int BACKLOG = 128;

    private final LabServerConfig config;
    private final ServerSocket serverSocket;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private LabServer(LabServerConfig config, ServerSocket serverSocket) {
        this.config = config;
        this.serverSocket = serverSocket;
        this.slots = new Semaphore(config.maxConnections());
        this.workers = Executors.newCachedThreadPool(Listening.daemonThreads("secho-lab-conn"));
        this.acceptor = Listening.daemonThreads("secho-lab-acceptor").newThread(this::acceptLoop);
    }

    /** Binds and starts serving; with port 0 the system picks a free port (see {@link #port()}). */
    public static LabServer start(LabServerConfig config) throws IOException {
        ServerSocket socket = Listening.bind(config.bindAddress(), config.port(), BACKLOG);
        LabServer server = new LabServer(config, socket);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public LabServerConfig config() {
        return config;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    config.log().accept("lab server: accept failed: " + e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                config.log().accept("lab server: " + config.maxConnections() + " connections open; closing a new one");
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            long id = connectionIds.incrementAndGet();
            workers.execute(() -> {
                try {
                    serve(id, socket);
                } finally {
                    open.remove(socket);
                    closeQuietly(socket);
                    slots.release();
                }
            });
        }
    }

    /** One connection, start to end; every way it can end is logged in one line, never with contents. */
    private void serve(long id, Socket socket) {
        long start = System.nanoTime();
        String peer = socket.getRemoteSocketAddress().toString();
        String handshake = "no key yet";
        boolean keyed = false;
        int messages = 0;
        String ending;
        try (LabChannel channel = new LabChannel(socket)) {
            LabHandshake.Result result = LabHandshake.run(channel, LabHandshake.Role.SERVER, config.profile(),
                    config.key(), config.random(), config.handshakeTimeout());
            handshake = result.description();
            keyed = true;
            ending = null;
            while (ending == null) {
                Optional<byte[]> message = channel.receive(config.idleTimeout());
                if (message.isEmpty()) {
                    ending = "the client left without the end marker";
                } else if (LabChannel.isEndMarker(message.get())) {
                    ending = "the client sent the end marker";
                } else {
                    Optional<String> refused = answer(channel, result.cipher(), message.get());
                    if (refused.isPresent()) {
                        ending = refused.get() + "; connection closed, nothing echoed";
                    } else {
                        messages++;
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            ending = !keyed ? "no key within " + config.handshakeTimeout().toMillis() + " ms"
                    : "idle for " + config.idleTimeout().toMillis() + " ms";
        } catch (LabProtocolException e) {
            ending = "bad key exchange: " + e.getMessage();
        } catch (IOException e) {
            ending = closed ? "server stopped" : "connection failed: " + e.getMessage();
        }
        config.log().accept(String.format("lab server: #%d %s %s, %s; %d message(s) echoed; %s (%d ms)", id, peer,
                config.profile().variant().optionName(), handshake, messages, ending,
                (System.nanoTime() - start) / 1_000_000));
    }

    /** Echoes one message; or says why not, and the connection ends. */
    private Optional<String> answer(LabChannel channel, LabCipher cipher, byte[] record) throws IOException {
        byte[] plaintext;
        try {
            plaintext = cipher.open(record);
        } catch (LabProtocolException e) {
            return Optional.of("bad record: " + e.getMessage());
        }
        String text;
        try {
            text = EchoTransform.decodeStrictUtf8(plaintext);
        } catch (ProtocolException e) {
            return Optional.of("a message of " + plaintext.length + " bytes that is not UTF-8");
        }
        byte[] reply = EchoTransform.toUpperCase(text).getBytes(StandardCharsets.UTF_8);
        byte[] wire = config.profile().plaintextReplies() ? reply : cipher.seal(config.random(), reply);
        if (wire.length > LabProfile.MAX_READ) {
            // Upper-casing can lengthen a message (ß -> SS); a lab client would read only part of the reply.
            return Optional.of("the reply would be " + wire.length + " bytes, more than a lab client reads at once");
        }
        channel.send(wire);
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        open.forEach(LabServer::closeQuietly);
        workers.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort: the connection or the listener is gone either way.
        }
    }
}
