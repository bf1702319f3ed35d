package io.secho.server;

import io.secho.handshake.Suite;
import io.secho.net.Listening;
import io.secho.session.ConnectionEnd;
import io.secho.session.ServerSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference server: a few event-loop threads on {@code java.nio} selectors, whatever the number of
 * connections. Each connection is a {@link ServerSession}, which is the whole protocol; the loops only move bytes
 * and time to it. The first loop also accepts, and hands connections out in turn. One log line per connection.
 *
 * <p>REQ-LIM-5: whatever one connection does only ends that connection: its session turns every input into an
 * alert or an end, a transport error closes only its channel, and no loop ever waits on one peer. REQ-LIM-6: a
 * connection holds at most one frame of input (its decoder) and the output of one read.
 *
 * <p>modp2048's key agreement (about 0.7 ms of CPU) runs on a few key-agreement threads while its session waits,
 * so that it never holds up the other connections of a loop; everything else runs on the loops.
 */
public final class SechoServer implements AutoCloseable {
    private static final int BACKLOG = 1024;
    /** Connections turned away with a busy alert that may be in flight at once; beyond, a bare close. */
    private static final int MAX_BUSY_REJECTIONS = 64;
    /** Accepts per wakeup of the accepting loop, so that a connection storm does not starve its connections. */
    private static final int MAX_ACCEPTS_PER_WAKEUP = 64;
    private static final int MIN_LOOPS = 2;
    private static final int MAX_LOOPS = 4;
    private static final long SHUTDOWN_WAIT_MILLIS = 5000;
    /**
     * The suites whose key agreement runs on the key-agreement threads, not on a loop: modp2048, about 0.7 ms of CPU
     * per handshake, would hold up every other connection of its loop that long. x25519 (0.13 ms for the whole server
     * session) and psk cost less than the hand-off would add, and stay on the loop.
     */
    private static final Set<Suite> OFF_LOOP_KEY_AGREEMENT = Set.of(Suite.MODP2048);
    /** The pause after a failed accept: long enough not to spin, short enough that a freed descriptor is used soon. */
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);

    private final ServerConfig config;
    private final ServerSession.Settings settings;
    private final ServerSocketChannel listener;
    private final EventLoop[] loops;
    private final ExecutorService keyAgreements;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger rejections = new AtomicInteger();
    private final AtomicLong connectionIds = new AtomicLong();
    /** Touched by the accepting loop only. */
    private int nextLoop;
    private volatile boolean closed;

    private SechoServer(ServerConfig config, ServerSocketChannel listener) throws IOException {
        this.config = config;
        this.listener = listener;
        this.settings = new ServerSession.Settings(config.suites(), config.psk(), config.random(),
                config.handshakeTimeout(), config.idleTimeout(), config.drainTime(), OFF_LOOP_KEY_AGREEMENT);
        int count = Math.max(MIN_LOOPS, Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors()));
        // As many key-agreement threads as loops, started now: the server's thread count never depends on its load.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), Listening.daemonThreads("secho-kex"));
        pool.prestartAllCoreThreads();
        this.keyAgreements = pool;
        this.loops = new EventLoop[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new EventLoop(Listening.daemonThreads("secho-loop" + i), keyAgreements, this::ended);
        }
    }

    /** Binds and starts serving; with port 0 the system picks a free port (see {@link #port()}). */
    public static SechoServer start(ServerConfig config) throws IOException {
        ServerSocketChannel listener = Listening.bindChannel(config.bindAddress(), config.port(), BACKLOG);
        SechoServer server;
        try {
            server = new SechoServer(config, listener);
            server.loops[0].accepting(listener.register(server.loops[0].selector(), SelectionKey.OP_ACCEPT),
                    server::acceptPending);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        for (EventLoop loop : server.loops) {
            loop.start();
        }
        return server;
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.socket().getInetAddress(), port());
    }

    public ServerConfig config() {
        return config;
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return active.get();
    }

    /** On the accepting loop: takes what the backlog holds, a bounded number at a time. */
    private void acceptPending() {
        for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP && !closed; i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    config.log().accept("secho: accept failed: " + e.getMessage() + " (accepting again in "
                            + ACCEPT_RETRY.toMillis() + " ms)");
                    loops[0].pauseAccepting(ACCEPT_RETRY.toNanos());
                }
                return;
            }
            if (channel == null) {
                return;
            }
            dispatch(channel);
        }
    }

    private void dispatch(SocketChannel channel) {
        long now = System.nanoTime();
        String remote;
        try {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            remote = String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        EventLoop loop = loops[nextLoop];
        nextLoop = (nextLoop + 1) % loops.length;
        if (active.incrementAndGet() > config.maxConnections()) {
            active.decrementAndGet();
            rejectBusy(channel, remote, loop, now);
            return;
        }
        loop.adopt(new ServerConnection(connectionIds.incrementAndGet(), channel, new ServerSession(settings, now),
                now, remote, false));
    }

    /** REQ-LIM-4: the plaintext busy alert as the only bytes, then the closing procedure. */
    private void rejectBusy(SocketChannel channel, String remote, EventLoop loop, long now) {
        if (rejections.incrementAndGet() > MAX_BUSY_REJECTIONS) {
            rejections.decrementAndGet();
            closeQuietly(channel);
            return;
        }
        config.log().accept("secho: connection from " + remote + " refused: " + config.maxConnections()
                + " connections already (busy alert sent)");
        loop.adopt(new ServerConnection(0, channel, ServerSession.busy(settings, now, "connection limit reached"), now,
                remote, true));
    }

    /** On the connection's loop, once its socket is closed: the one log line of a connection. */
    private void ended(ServerConnection connection) {
        if (connection.rejected) {
            rejections.decrementAndGet();
            return;
        }
        active.decrementAndGet();
        ServerSession session = connection.session;
        long millis = (System.nanoTime() - connection.startNanos) / 1_000_000;
        String end = session.end().map(ConnectionEnd::describe).orElse("unknown");
        // Plain concatenation rather than String.format: the same line, without a formatter per connection.
        config.log().accept("secho: conn " + connection.id + " from " + connection.remote + " suite="
                + session.suite().map(suite -> suite.wireName()).orElse("-")
                + " records in=" + session.recordsIn() + " out=" + session.recordsOut() + " time=" + millis
                + "ms end=" + end);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing left to tell the peer.
        }
    }

    /** Stops accepting, ends every connection, and waits briefly for the loops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing a listening channel fails only if it is closed already.
        }
        for (EventLoop loop : loops) {
            loop.stop();
        }
        keyAgreements.shutdownNow();
        try {
            for (EventLoop loop : loops) {
                loop.join(TimeUnit.MILLISECONDS.toMillis(SHUTDOWN_WAIT_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
