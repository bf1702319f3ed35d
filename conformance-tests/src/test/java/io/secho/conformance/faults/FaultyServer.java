package io.secho.conformance.faults;

import io.secho.alert.ProtocolException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.net.GracefulClose;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

/**
 * A Secho server with one deliberate mistake, built from the reference library's parts the way an
 * implementer would assemble them: an acceptor, a thread per connection up to a connection limit, and
 * beyond it the busy alert. Test code: it exists to prove that the harness catches the mistake. It
 * listens on 127.0.0.1 only and ends every connection and thread when closed.
 */
final class FaultyServer implements AutoCloseable {
    /**
     * Short, so the timeout cases take seconds; long enough that the harness's timing margins, fractions of
     * it, hold on a loaded machine (the harness allows a correct server 0.5 of it past the deadline).
     */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);
    /** Longer than the harness's wait for one answer, so no idle session times out while a case waits. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    /**
     * Above what a harness run holds at once (32 cases in parallel, a few connections each, and those the
     * server is still closing), so that only the connection-limit case, which runs alone, reaches it; small
     * enough that the case opens its sessions in well under a second.
     */
    static final int MAX_CONNECTIONS = 128;
    /**
     * Deep enough for every connection a whole harness run makes: a server whose acceptor has died still
     * lets clients connect (their handshake then fails, which the cases judge), rather than refusing them.
     */
    private static final int BACKLOG = 4096;

    /** The timers a connection runs. */
    record Timers(Duration handshake, Duration idle) {
    }

    /** What every connection of the server shares. */
    record Setup(Fault fault, Timers timers, HandshakeSteps steps, RandomBytes random,
                 ScheduledExecutorService watchdog) {
    }

    private final Fault fault;
    private final Setup setup;
    private final ServerSocket listener;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("faulty-server"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            daemon("faulty-server-watchdog"));
    private final Semaphore connectionSlots = new Semaphore(MAX_CONNECTIONS);
    /** Every socket accepted and not yet known to be closed, so that {@link #close} ends them all. */
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    FaultyServer(Fault fault, PreSharedKey psk) throws IOException {
        this(fault, psk, 0);
    }

    /** On a given loopback port (0: a free one), as a graded submission's server must be. */
    FaultyServer(Fault fault, PreSharedKey psk, int port) throws IOException {
        this.fault = fault;
        RandomBytes random = new SystemRandomBytes();
        Set<Suite> suites = EnumSet.allOf(Suite.class);
        if (fault == Fault.SHARE_LEN_CHECKED_BEFORE_SUITE) {
            // Its mistake shows only for a suite it does not enable.
            suites.remove(Suite.PSK);
        }
        this.setup = new Setup(fault, new Timers(HANDSHAKE_TIMEOUT, IDLE_TIMEOUT),
                new HandshakeSteps(fault, suites, Optional.of(psk), random), random, watchdog);
        this.listener = new ServerSocket(port, BACKLOG, InetAddress.getLoopbackAddress());
        this.acceptor = daemon("faulty-server-acceptor").newThread(this::acceptLoop);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                Socket socket = listener.accept();
                sockets.add(socket);
                accepted(socket, System.nanoTime());
            }
        } catch (IOException | ProtocolException e) {
            // The listener was closed, or (the fault) a connection's first frame broke the accept loop.
        }
    }

    private void accepted(Socket socket, long acceptedNanos) throws IOException, ProtocolException {
        boolean limited = fault != Fault.NO_CONNECTION_LIMIT && fault != Fault.ONE_CONNECTION_AT_A_TIME;
        if (limited && !connectionSlots.tryAcquire()) {
            workers.execute(() -> {
                ClosingProcedure.busy(socket, fault);
                sockets.remove(socket);
            });
            return;
        }
        Optional<FaultyConnection> connection = open(socket, acceptedNanos);
        if (connection.isEmpty()) {
            if (limited) {
                connectionSlots.release();
            }
            return;
        }
        if (fault == Fault.ONE_CONNECTION_AT_A_TIME) {
            // Served on the acceptor thread: the next connection waits until this one has ended.
            finish(connection.get(), socket);
            return;
        }
        if (fault == Fault.ACCEPT_LOOP_DIES_ON_BAD_FIRST_FRAME) {
            // The acceptor reads the ClientHello itself, and nothing catches what goes wrong there.
            connection.get().readFirstFrame();
        }
        workers.execute(() -> {
            try {
                finish(connection.get(), socket);
            } finally {
                if (limited) {
                    connectionSlots.release();
                }
            }
        });
    }

    private Optional<FaultyConnection> open(Socket socket, long acceptedNanos) {
        try {
            return Optional.of(new FaultyConnection(setup, socket, acceptedNanos));
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
            sockets.remove(socket);
            return Optional.empty();
        }
    }

    private void finish(FaultyConnection connection, Socket socket) {
        try {
            connection.run();
        } finally {
            GracefulClose.closeQuietly(socket);
            sockets.remove(socket);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(GracefulClose::closeQuietly);
        workers.shutdownNow();
        watchdog.shutdownNow();
    }
}
