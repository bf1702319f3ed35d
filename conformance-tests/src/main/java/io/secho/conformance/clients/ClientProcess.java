package io.secho.conformance.clients;

import io.secho.conformance.IoProblems;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One run of a client under test, as the contract says: the command's words started directly (no shell), with
 * the harness's working directory and environment; the case's messages on standard input, a line each, then the
 * stream closed; standard output and standard error read on threads of their own, at most 64 KiB of each kept;
 * and the run bounded: a client still running at its limit is killed with every process it started. A client
 * still running when the harness's JVM exits (Ctrl+C) is killed too.
 */
public final class ClientProcess {
    /** How long the output streams may stay open after the client exited (a child of it still holding them). */
    private static final long STREAM_GRACE_MILLIS = 2000;
    private static final Set<ClientProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Thread KILL_AT_EXIT = new Thread(() -> RUNNING.forEach(ClientProcess::killTree),
            "secho-conformance-kill-clients");

    static {
        Runtime.getRuntime().addShutdownHook(KILL_AT_EXIT);
    }

    private final Process process;
    private final long startNanos;
    private final BoundedCapture stdout;
    private final BoundedCapture stderr;

    private ClientProcess(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        this.stdout = BoundedCapture.head(process.getInputStream(), "secho-client-stdout");
        this.stderr = BoundedCapture.tail(process.getErrorStream(), "secho-client-stderr");
    }

    /**
     * Starts the client and hands it its messages.
     *
     * @throws IOException with a message fit for a user when the command cannot be started (no such program, not
     *                     executable)
     */
    public static ClientProcess start(List<String> words, List<String> messages) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(words);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + words.get(0) + "': " + whyNotStarted(e), e);
        }
        ClientProcess client = new ClientProcess(process, started);
        RUNNING.add(client);
        Thread input = new Thread(() -> writeMessages(process.getOutputStream(), messages), "secho-client-stdin");
        input.setDaemon(true);
        input.start();
        return client;
    }

    private static String whyNotStarted(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("error=2,")) {
            return "no such program (give its path, or put it on PATH)";
        }
        if (message.contains("error=13,")) {
            return "permission denied (is it executable?)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such program";
        }
        int detail = message.indexOf(", error=");
        return detail >= 0 ? message.substring(message.indexOf(", error=") + 2) : IoProblems.ofFile(e);
    }

    /** The messages, one per line, UTF-8, each ended by LF; then the stream is closed. */
    private static void writeMessages(OutputStream stdin, List<String> messages) {
        try (stdin) {
            StringBuilder lines = new StringBuilder();
            messages.forEach(message -> lines.append(message).append('\n'));
            stdin.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException clientDoesNotRead) {
            // A client that exits without reading its input: nothing to hand it, and nothing wrong on our side.
        }
    }

    public boolean exited() {
        return !process.isAlive();
    }

    /**
     * Waits for the client to exit, at most until {@code limit} after its start, then kills it and every process
     * it started; then collects what it printed.
     */
    public ClientRunResult await(Duration limit) {
        boolean killed = false;
        try {
            long left = limit.toNanos() - (System.nanoTime() - startNanos);
            if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                killed = true;
                killTree();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            long ended = System.nanoTime();
            // A child of the client may still hold the streams: what was written by then is what the run printed.
            stdout.awaitEnd(STREAM_GRACE_MILLIS);
            stderr.awaitEnd(STREAM_GRACE_MILLIS);
            return new ClientRunResult(killed || process.isAlive() ? ClientRunResult.KILLED : process.exitValue(),
                    limit, (ended - startNanos) / 1_000_000, stdout.bytes(), stdout.total(), stderr.bytes(),
                    stderr.total());
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
            return new ClientRunResult(ClientRunResult.KILLED, limit, (System.nanoTime() - startNanos) / 1_000_000,
                    stdout.bytes(), stdout.total(), stderr.bytes(), stderr.total());
        } finally {
            RUNNING.remove(this);
        }
    }

    /** The client and every process it started, descendants first, so that none is left behind re-parented. */
    void killTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
