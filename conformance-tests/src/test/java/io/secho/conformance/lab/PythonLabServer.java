package io.secho.conformance.lab;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * src/test/python/lab_server.py in a process of its own, on a free loopback port, stopped when closed;
 * it also stops by itself after its lifetime. Finds, for every test that runs a Python peer, the Python
 * interpreters that have the cryptography module: {@code $SECHO_PYTHON}, {@code python3} on the PATH and
 * Debian's {@code /usr/bin/python3}, one per version of cryptography (versions differ in the DH key form they
 * write).
 */
public final class PythonLabServer implements AutoCloseable {
    static final Path SCRIPT = Path.of("src/test/python/lab_server.py");
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration LIFETIME = Duration.ofSeconds(180);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** An interpreter that imports cryptography, and the version it has. */
    public record Python(String command, String cryptography) {
        @Override
        public String toString() {
            return command + " (cryptography " + cryptography + ")";
        }
    }

    private final Process process;
    private final int port;
    private final Path log;

    private PythonLabServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Every usable interpreter; none skips the calling test with the reason, except under CI, where the
     * Python peer is part of the build (.ci/run installs Debian's python3-cryptography).
     */
    public static List<Python> pythons() {
        Set<String> candidates = new LinkedHashSet<>();
        String configured = System.getenv("SECHO_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured.strip());
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        List<Python> found = new ArrayList<>();
        Set<String> versions = new LinkedHashSet<>();
        for (String command : candidates) {
            String version = cryptographyVersion(command);
            if (version != null && versions.add(version)) {
                found.add(new Python(command, version));
            }
        }
        if (found.isEmpty()) {
            String why = "no Python 3 with the cryptography module among " + candidates
                    + " (Debian: apt-get install python3-cryptography)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + why + ": .ci/run must install it");
            }
            Assumptions.abort("the tests against the Python lab server are skipped: " + why);
        }
        return found;
    }

    private static String cryptographyVersion(String command) {
        try {
            Process probe = new ProcessBuilder(command, "-c", "import cryptography; print(cryptography.__version__)")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return null;
            }
            return probe.exitValue() == 0 && output.matches("[0-9][0-9A-Za-z.+-]*") ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Starts the server with the arguments given (never --port or --lifetime) and waits until it listens. */
    static PythonLabServer start(Python python, Path dir, List<String> arguments) throws IOException {
        return start(python, SCRIPT, dir, arguments);
    }

    /**
     * Starts another Python server of src/test/python that takes --port 0 and --lifetime and prints
     * "listening on 127.0.0.1:PORT" first (secho_server.py), and waits until it listens.
     */
    public static PythonLabServer start(Python python, Path script, Path dir, List<String> arguments) throws IOException {
        String name = script.getFileName().toString();
        List<String> command = new ArrayList<>(List.of(python.command(), script.toString()));
        command.addAll(arguments);
        command.addAll(List.of("--port", "0", "--lifetime", Long.toString(LIFETIME.toSeconds())));
        Path log = Files.createTempFile(dir, name, ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first;
        try {
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException(name + " did not start within " + START_LIMIT.toSeconds() + " s: " + e);
        }
        Matcher matcher = LISTENING.matcher(String.valueOf(first));
        if (!matcher.find()) {
            process.destroyForcibly();
            throw new IOException(name + " " + arguments + " did not start: " + first + "\n" + Files.readString(log));
        }
        return new PythonLabServer(process, Integer.parseInt(matcher.group(1)), log);
    }

    public int port() {
        return port;
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    /** What the server logged so far, for a failure message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
