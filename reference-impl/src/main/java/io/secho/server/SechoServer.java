package io.secho.server;

import io.secho.alert.AlertCode;
import io.secho.net.GracefulClose;
import io.secho.net.Listening;
import io.secho.wire.AlertMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference server: one acceptor thread, one thread per connection up to the connection limit, and
 * a reaper that aborts connections whose peer stopped reading. A connection can only ever end itself.
 */
public final class SechoServer implements AutoCloseable {
    private static final int BACKLOG = 1024;
    /** Connections turned away with a busy alert that may be in flight at once; beyond, a bare close. */
    private static final int MAX_BUSY_REJECTIONS = 64;
    private static final long MIN_REAP_PERIOD_MILLIS = 100;
    private static final long MAX_REAP_PERIOD_MILLIS = 1000;
    private static final long REAP_PERIODS_PER_IDLE_TIMEOUT = 10;

    private final ServerConfig config;
    private final ServerSocket serverSocket;
    private final ExecutorService workers;
    private final ScheduledExecutorService reaper;
    private final Semaphore connectionSlots;
    private final Semaphore rejectionSlots = new Semaphore(MAX_BUSY_REJECTIONS);
    private final Set<ServerConnection> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private SechoServer(ServerConfig config, ServerSocket serverSocket) {
        this.config = config;
        this.serverSocket = serverSocket;
        this.connectionSlots = new Semaphore(config.maxConnections());
        this.workers = Executors.newCachedThreadPool(Listening.daemonThreads("secho-conn"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(Listening.daemonThreads("secho-reaper"));
        this.acceptor = Listening.daemonThreads("secho-acceptor").newThread(this::acceptLoop);
    }

    /** Binds and starts serving; with port 0 the system picks a free port (see {@link #port()}). */
    public static SechoServer start(ServerConfig config) throws IOException {
        ServerSocket socket = Listening.bind(config.bindAddress(), config.port(), BACKLOG);
        SechoServer server = new SechoServer(config, socket);
        // A stalled writer is aborted at most a tenth of the idle timeout late (at most 1 s): one pass costs
        // a volatile read per connection, so even 10,000 connections cost next to nothing.
        long reapPeriod = Math.max(MIN_REAP_PERIOD_MILLIS, Math.min(MAX_REAP_PERIOD_MILLIS,
                config.idleTimeout().toMillis() / REAP_PERIODS_PER_IDLE_TIMEOUT));
        server.reaper.scheduleWithFixedDelay(server::abortStalledWriters, reapPeriod, reapPeriod, TimeUnit.MILLISECONDS);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), port());
    }

    public ServerConfig config() {
        return config;
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return active.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                if (closed) {
                    return;
                }
                config.log().accept("secho: accept failed: " + e.getMessage());
                continue;
            } catch (IOException e) {
                config.log().accept("secho: accept failed: " + e.getMessage());
                continue;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        if (!connectionSlots.tryAcquire()) {
            rejectBusy(socket);
            return;
        }
        ServerConnection connection = new ServerConnection(connectionIds.incrementAndGet(), socket, config);
        active.add(connection);
        try {
            workers.execute(() -> {
                try {
                    connection.run();
                } finally {
                    active.remove(connection);
                    connectionSlots.release();
                }
            });
        } catch (RuntimeException e) {
            active.remove(connection);
            connectionSlots.release();
            GracefulClose.closeQuietly(socket);
        }
    }

    private void rejectBusy(Socket socket) {
        if (!rejectionSlots.tryAcquire()) {
            GracefulClose.closeQuietly(socket);
            return;
        }
        config.log().accept("secho: connection from " + socket.getRemoteSocketAddress()
                + " refused: " + config.maxConnections() + " connections already (busy alert sent)");
        try {
            workers.execute(() -> {
                try {
                    socket.getOutputStream().write(AlertMessage.plaintextFrame(AlertCode.BUSY).encode());
                } catch (IOException ignored) {
                    // The peer is gone already; the close below is all that is left.
                } finally {
                    GracefulClose.halfCloseDrainAndClose(socket, config.drainTime());
                    rejectionSlots.release();
                }
            });
        } catch (RuntimeException e) {
            rejectionSlots.release();
            GracefulClose.closeQuietly(socket);
        }
    }

    private void abortStalledWriters() {
        long now = System.nanoTime();
        long limit = config.idleTimeout().toNanos();
        for (ServerConnection connection : active) {
            if (connection.writeStalledLongerThan(limit, now)) {
                connection.abort("stalled writer: a write was blocked for more than " + config.idleTimeout().toMillis()
                        + " ms (the idle timeout), the peer stopped reading");
            }
        }
    }

    /** Stops accepting, ends every connection, and waits briefly for their threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Closing a listening socket fails only if it is closed already.
        }
        for (ServerConnection connection : active) {
            connection.abort("the server is shutting down");
        }
        workers.shutdown();
        reaper.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
