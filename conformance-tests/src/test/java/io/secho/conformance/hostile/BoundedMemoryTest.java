package io.secho.conformance.hostile;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.cli.ConformanceMain;
import io.secho.conformance.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case in the report, whatever the server sends: the jar, in a JVM of its own limited to 256 MiB of
 * heap, against a server that streams random bytes on every connection, with every case meeting it on
 * its own. Before the harness kept a bounded prefix of what a server sends, this run held gigabytes,
 * died of OutOfMemoryError and lost a third of the cases without a word.
 */
class BoundedMemoryTest {
    private static final String HEAP = "-Xmx256m";
    private static final long RUN_LIMIT_SECONDS = 150;

    @Test
    @Timeout(200)
    void aGarbageStreamingServerGetsAWholeReportFromASmallHeap(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        try (HostileServer server = new HostileServer(HostileServer.Kind.GARBAGE)) {
            List<String> command = new ArrayList<>(List.of(javaExecutable(), HEAP,
                    "-Dsecho.internal.preflight-gate=false", "-cp", testClassPath(), ConformanceMain.class.getName(),
                    "--target", "127.0.0.1:" + server.port(), "--io-timeout", "1s", "--handshake-timeout", "1s",
                    "--seed", "99", "--report-dir", reports.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.txt").toFile()).start();
            long peakRssKiB = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_LIMIT_SECONDS);
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                peakRssKiB = Math.max(peakRssKiB, residentKiB(process.pid()));
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError("the harness did not finish within " + RUN_LIMIT_SECONDS + " s");
                }
            }
            String output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
            System.out.printf("BoundedMemoryTest: %s against a garbage stream, exit %d, peak resident memory %d MiB%n",
                    HEAP, process.exitValue(), peakRssKiB / 1024);
            assertEquals(ExitCodes.NOT_CONFORMANT, process.exitValue(), output);
            assertFalse(output.contains("OutOfMemoryError"), output);
            JsonObject report = JsonParser.parseString(Files.readString(reports.resolve("secho-conformance.json")))
                    .getAsJsonObject();
            assertTrue(report.get("complete").getAsBoolean(), "the run must be complete");
            JsonObject summary = report.getAsJsonObject("summary");
            assertEquals(0, summary.get("error").getAsInt(), output);
            assertEquals(0, summary.get("pass").getAsInt(), output);
            assertTrue(report.getAsJsonArray("cases").size() > 300, "every case in the report: "
                    + report.getAsJsonArray("cases").size());
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /** Surefire's real class path when it forks with a manifest-only jar; the JVM's own otherwise. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The child's resident set, where /proc tells it (Linux); 0 elsewhere. */
    private static long residentKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
