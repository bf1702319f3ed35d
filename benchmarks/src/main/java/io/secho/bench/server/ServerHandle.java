package io.secho.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ServerProcess} started by the benchmark: its port, its stats on request, and its end. */
public final class ServerHandle implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(20);
    private static final String END_OF_OUTPUT = "\u0000end";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private int port;

    private ServerHandle(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a server JVM with this JVM's class path.
     *
     * @param jvmOptions options for the server's JVM, such as -XX:NativeMemoryTracking=summary
     * @param log where its standard error goes
     */
    public static ServerHandle start(ServerKind kind, String argument, Map<String, String> environment,
                                     List<String> jvmOptions, Path log) throws IOException {
        return start(kind, argument, environment, jvmOptions, System.getProperty("java.class.path"), log);
    }

    /**
     * The same with another class path, such as the benchmark jar of an earlier revision: its
     * {@link ServerProcess} speaks the same commands and runs that revision's server.
     */
    public static ServerHandle start(ServerKind kind, String argument, Map<String, String> environment,
                                     List<String> jvmOptions, String classPath, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ServerProcess.class.getName());
        command.add(kind.argument());
        command.add(argument);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        ServerHandle handle = new ServerHandle(builder.start(), log);
        try {
            String ready = handle.nextLine(ServerProcess.READY, START_TIMEOUT);
            String[] words = ready.split(" ");
            if (words.length != 2 || !words[0].equals(ServerProcess.READY)) {
                throw new IOException("the " + kind.argument() + " server process said " + ready);
            }
            handle.port = Integer.parseInt(words[1]);
            return handle;
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public ServerStats stats() throws IOException {
        return ask("stats");
    }

    /** Stats after a full collection in the server, for memory figures. */
    public ServerStats statsAfterGc() throws IOException {
        return ask("gc");
    }

    /** Starts a JFR recording in the server process, to be written to {@code file} by {@link #endProfile}. */
    public void startProfile(Path file) throws IOException {
        command(ServerProcess.PROFILE + " " + file.toAbsolutePath());
    }

    public void endProfile() throws IOException {
        command(ServerProcess.PROFILE_END);
    }

    /** Writes the server's native memory summary (if its JVM tracks it) and its threads by name to {@code file}. */
    public void writeMemoryAndThreads(Path file) throws IOException {
        command(ServerProcess.MEMORY + " " + file.toAbsolutePath());
    }

    private void command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
        nextLine(ServerProcess.DONE, ANSWER_TIMEOUT);
    }

    private ServerStats ask(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        return ServerStats.decode(nextLine(ServerStats.PREFIX, ANSWER_TIMEOUT));
    }

    /** The next line that starts with {@code prefix}; others (the JVM's own, such as JFR's) are skipped. */
    private String nextLine(String prefix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the server process", e);
            }
            if (line == null || line.equals(END_OF_OUTPUT)) {
                throw new IOException("the server process " + (line == null ? "did not answer within "
                        + timeout.toSeconds() + " s" : "ended") + "; its log " + log + " ends with: " + logTail());
            }
            if (line.startsWith(prefix + " ")) {
                return line;
            }
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process is gone; the waiting side learns it from the end marker.
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    private String logTail() {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - 5), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the server to quit (so a JFR recording is written), and kills it if it does not. */
    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
            commands.close();
        } catch (IOException ignored) {
            // Already gone: nothing to ask.
        }
        try {
            if (!process.waitFor(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
