package io.secho.conformance.grade;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A submission's server, started from its command in a process group of its own (through {@code setsid} where
 * there is one), its output in server.log; {@link #close} ends the group (TERM, then KILL after a grace) and
 * every process it started, and reaps the server.
 */
final class ServerProcess implements AutoCloseable {
    static final String LOG = "server.log";
    private static final Duration GRACE = Duration.ofSeconds(3);
    /**
     * How long the end of the server's output may take to reach server.log once the group is gone. Nothing holds
     * the pipe open then, so this is only ever waited for on a machine too loaded to run the copier at once (a
     * server's last words, such as why it could not start, were lost in CI with 3 s).
     */
    private static final Duration LOG_DRAIN = Duration.ofSeconds(15);
    private static final Optional<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst();
    /** Every server still running, so that a grader stopped by Ctrl-C leaves none behind. */
    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(ServerProcess::close),
                "secho-grade-stop-servers"));
    }

    private final Process process;
    private final BoundedLog log;
    private final boolean ownGroup;

    private ServerProcess(Process process, BoundedLog log, boolean ownGroup) {
        this.process = process;
        this.log = log;
        this.ownGroup = ownGroup;
    }

    /**
     * Starts {@code words} in {@code directory}.
     *
     * @throws IOException with a message for a user when the program cannot be started
     */
    static ServerProcess start(List<String> words, Path directory, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(words);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            Files.writeString(logFile, "cannot start " + words.get(0) + ": " + e.getMessage() + "\n");
            throw new IOException("cannot start " + words.get(0) + " (" + (e.getMessage() == null ? "I/O error"
                    : e.getMessage().replaceFirst("^Cannot run program \"[^\"]*\"[^:]*: ", "")) + ")");
        }
        ServerProcess server = new ServerProcess(process, BoundedLog.copy(process.getInputStream(), logFile,
                "secho-grade-server-log"), SETSID.isPresent());
        RUNNING.add(server);
        return server;
    }

    /**
     * Waits until the server accepts a TCP connection on 127.0.0.1:port.
     *
     * @return why it did not, if it did not within the limit
     */
    Optional<String> awaitListening(int port, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                return Optional.of("the server exited with status " + process.exitValue()
                        + " before it accepted a connection");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return Optional.empty();
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.of("the server did not start: nothing accepted a connection on 127.0.0.1:" + port
                        + " within " + limit.toSeconds() + "s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("grading was interrupted");
            }
        }
    }

    /** The server's exit status if it has ended. */
    Optional<Integer> exitStatus() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        signalGroup("TERM");
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                signalGroup("KILL");
                process.destroyForcibly();
            }
            signalGroup("KILL");
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.finish(LOG_DRAIN.toMillis());
        RUNNING.remove(this);
    }

    /** Signals the server's own process group (its PID, as setsid made it a group leader) with kill(1). */
    private void signalGroup(String signal) {
        if (!ownGroup) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1): the JDK's own signals to the server and its descendants still go.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
