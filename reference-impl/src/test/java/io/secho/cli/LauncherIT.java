package io.secho.cli;

import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reference-impl/bin/secho-reference: the shaded jar with a heap bound, as the reference image runs it. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("secho.reference.launcher"));
    private static final Path JAR = Path.of(System.getProperty("secho.reference.jar"));
    /** The JVM prints its maximum heap at start: what the launcher gave it, not what it was meant to. */
    private static final String SHOW_HEAP = "-XshowSettings:vm";

    @Test
    void boundsTheHeapTo128MiB() throws Exception {
        Result result = run(Map.of("JDK_JAVA_OPTIONS", SHOW_HEAP), "--version");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("secho-reference "), result.out());
        assertTrue(result.err().contains("Max. Heap Size: 128.00M"), result.err());
    }

    @Test
    void anXmxOfTheUsersOwnReplacesTheBound() throws Exception {
        Result result = run(Map.of("JDK_JAVA_OPTIONS", "-Xmx256m " + SHOW_HEAP), "--version");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("Max. Heap Size: 256.00M"), result.err());
    }

    @Test
    void aMissingJarIsNamedWithTheCommandThatBuildsIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("secho-reference.jar");
        Result result = run(Map.of("SECHO_REFERENCE_JAR", missing.toString()), "--version");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(missing + " is missing") && result.err().contains("mvn "), result.err());
    }

    @Test
    void repliesAreUtf8WhateverTheLocale() throws Exception {
        try (SechoServer server = SechoServer.start(ServerConfig.builder().port(0).log(line -> { }).build())) {
            Result result = run(Map.of("LC_ALL", "C", "LANG", "C"), "é ß ǆ\n".getBytes(StandardCharsets.UTF_8),
                    "client", "--port", String.valueOf(server.port()), "--suite", "x25519");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("É SS Ǆ\n", result.out());
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(environment, new byte[0], args);
    }

    private static Result run(Map<String, String> environment, byte[] input, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before the integration tests: " + JAR);
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("secho-launcher", ".out");
        Path err = Files.createTempFile("secho-launcher", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the launcher did not end within 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
