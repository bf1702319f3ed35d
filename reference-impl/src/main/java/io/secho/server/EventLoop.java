package io.secho.server;

import io.secho.session.ServerSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * One selector thread serving many connections: it moves bytes between their channels and their sessions, and
 * fires their timers. A connection costs its session, its channel and a place in the timer queue; the read
 * buffer is the loop's, shared by all of them, so an idle connection holds no buffer at all.
 */
final class EventLoop implements Runnable {
    /** Four largest requests: one read takes whatever a fast client has pipelined, a few reads per wakeup. */
    private static final int READ_BUFFER = 64 * 1024;
    /** Reads per connection and wakeup, so one fast client cannot starve the loop's others. */
    private static final int MAX_READS_PER_WAKEUP = 4;

    private record Timer(long deadline, ServerConnection connection) {
    }

    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::deadline));
    private final Set<ServerConnection> connections = new HashSet<>();
    private final Consumer<ServerConnection> onEnd;
    /** Where the deferred key agreements (modp2048) run, off the loop. */
    private final Executor keyAgreements;
    private final Thread thread;
    private Runnable onAcceptable = () -> { };
    private SelectionKey acceptKey;
    /** When a paused accept resumes, or {@link Long#MAX_VALUE}. */
    private long acceptResumesAt = Long.MAX_VALUE;
    private volatile boolean stopping;

    EventLoop(ThreadFactory threads, Executor keyAgreements, Consumer<ServerConnection> onEnd) throws IOException {
        this.selector = Selector.open();
        this.keyAgreements = keyAgreements;
        this.onEnd = onEnd;
        this.thread = threads.newThread(this);
    }

    Selector selector() {
        return selector;
    }

    /** The listening channel, registered with this loop's selector, and its accept handler: this loop accepts. */
    void accepting(SelectionKey key, Runnable handler) {
        acceptKey = key;
        onAcceptable = handler;
    }

    /**
     * Stops accepting for {@code nanos}, on this loop's thread: after an accept that failed (out of file descriptors,
     * say) the listener stays ready, and retrying at once would spin the loop and starve its connections.
     */
    void pauseAccepting(long nanos) {
        acceptKey.interestOps(0);
        acceptResumesAt = System.nanoTime() + nanos;
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Takes over a connection accepted on any loop. */
    void adopt(ServerConnection connection) {
        if (inLoop()) {
            register(connection);
        } else {
            execute(() -> register(connection));
        }
    }

    /** Ends every connection (their log lines say why) and the loop; returns at once, see {@link #join}. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                runTasks();
                fireTimers(System.nanoTime());
                resumeAccepting(System.nanoTime());
                long wait = millisToNextTimer(System.nanoTime());
                if (wait < 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait);
                }
                long now = System.nanoTime();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    onReady(key, now);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A selector failure stops this loop; its connections are ended below, each with its log line.
        } finally {
            runTasks();
            for (ServerConnection connection : new ArrayList<>(connections)) {
                connection.session.abort("the server is shutting down");
                close(connection);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Nothing is left to release.
            }
        }
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private void register(ServerConnection connection) {
        try {
            connection.key = connection.channel.register(selector, 0, connection);
        } catch (ClosedChannelException e) {
            connection.session.transportFailed("channel closed before it was served");
            close(connection);
            return;
        }
        connections.add(connection);
        service(connection, System.nanoTime());
    }

    private void onReady(SelectionKey key, long now) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            onAcceptable.run();
            return;
        }
        ServerConnection connection = (ServerConnection) key.attachment();
        try {
            if (key.isReadable()) {
                read(connection, now);
            }
            service(connection, now);
        } catch (RuntimeException e) {
            failed(connection, e);
        }
    }

    /** REQ-LIM-5: a bug met by one connection ends that connection, never the loop and its others. */
    private void failed(ServerConnection connection, RuntimeException e) {
        connection.session.abort("internal error: " + e);
        close(connection);
    }

    private void read(ServerConnection connection, long now) {
        ServerSession session = connection.session;
        for (int i = 0; i < MAX_READS_PER_WAKEUP && session.wantsRead(); i++) {
            readBuffer.clear();
            int n;
            try {
                n = connection.channel.read(readBuffer);
            } catch (IOException e) {
                session.transportFailed(e.getMessage()); // REQ-CLOSE-8
                return;
            }
            if (n < 0) {
                session.receiveEof(now);
                return;
            }
            if (n == 0) {
                return;
            }
            readBuffer.flip();
            session.receive(readBuffer, now);
            if (n < READ_BUFFER) {
                return;
            }
        }
    }

    /** Writes what the session has, half-closes or closes when it says so, and sets interest and timer. */
    private void service(ServerConnection connection, long now) {
        ServerSession session = connection.session;
        if (!session.isDone()) {
            write(connection, now);
        }
        if (session.wantsHalfClose()) {
            try {
                connection.channel.shutdownOutput(); // REQ-ALERT-4: FIN at once, then the drain
                session.halfClosed(now);
            } catch (IOException e) {
                session.transportFailed(e.getMessage());
            }
        }
        if (session.isDone()) {
            close(connection);
            return;
        }
        ServerSession.KeyAgreementTask agreement = session.takeKeyAgreement();
        if (agreement != null) {
            offload(connection, agreement);
        }
        boolean pending = session.hasOutput();
        int ops = (session.wantsRead() ? SelectionKey.OP_READ : 0) | (pending ? SelectionKey.OP_WRITE : 0);
        if (connection.key.interestOps() != ops) {
            connection.key.interestOps(ops);
        }
        schedule(connection);
    }

    /** The key agreement on another thread; the session resumes on this loop, reading nothing meanwhile. */
    private void offload(ServerConnection connection, ServerSession.KeyAgreementTask agreement) {
        Runnable resume = () -> {
            if (connection.closed) {
                return;
            }
            long now = System.nanoTime();
            try {
                connection.session.keyAgreementDone(now);
                service(connection, now);
            } catch (RuntimeException e) {
                failed(connection, e);
            }
        };
        try {
            keyAgreements.execute(() -> {
                agreement.run();
                execute(resume);
            });
        } catch (RejectedExecutionException e) {
            // The server is shutting down: the agreement runs here, as it would without an executor.
            agreement.run();
            execute(resume);
        }
    }

    private static void write(ServerConnection connection, long now) {
        ServerSession session = connection.session;
        if (!session.hasOutput()) {
            return;
        }
        try {
            ByteBuffer[] output = session.pendingOutput();
            // One reply, the common case, goes without the gathering write's per-call setup.
            if (output.length == 1) {
                connection.channel.write(output[0]);
            } else {
                connection.channel.write(output);
            }
        } catch (IOException e) {
            session.transportFailed(e.getMessage());
            return;
        }
        session.outputWritten(now);
    }

    /**
     * At most one live timer entry per connection: a new entry only when the session's deadline moved earlier;
     * an entry that fires early (the deadline moved later) is simply rescheduled by the service after the tick.
     */
    private void schedule(ServerConnection connection) {
        long deadline = connection.session.nextDeadline();
        if (deadline != Long.MAX_VALUE && deadline < connection.scheduledDeadline) {
            connection.scheduledDeadline = deadline;
            timers.add(new Timer(deadline, connection));
        }
    }

    private void fireTimers(long now) {
        while (!timers.isEmpty() && timers.peek().deadline() - now <= 0) {
            Timer timer = timers.poll();
            ServerConnection connection = timer.connection();
            if (connection.closed || timer.deadline() != connection.scheduledDeadline) {
                continue;
            }
            connection.scheduledDeadline = Long.MAX_VALUE;
            try {
                connection.session.tick(now);
                service(connection, now);
            } catch (RuntimeException e) {
                failed(connection, e);
            }
        }
    }

    private void resumeAccepting(long now) {
        if (acceptResumesAt != Long.MAX_VALUE && now - acceptResumesAt >= 0 && acceptKey.isValid()) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            acceptResumesAt = Long.MAX_VALUE;
        }
    }

    /** -1: a timer is due now; 0: none is set (block until woken); otherwise the millis to the next one. */
    private long millisToNextTimer(long now) {
        Timer next = timers.peek();
        long deadline = Math.min(next == null ? Long.MAX_VALUE : next.deadline(), acceptResumesAt);
        if (deadline == Long.MAX_VALUE) {
            return 0;
        }
        long nanos = deadline - now;
        return nanos <= 0 ? -1 : Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private void close(ServerConnection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        if (connection.key != null) {
            connection.key.cancel();
        }
        try {
            connection.channel.close();
        } catch (IOException ignored) {
            // The connection is over either way.
        }
        connections.remove(connection);
        onEnd.accept(connection);
    }
}
