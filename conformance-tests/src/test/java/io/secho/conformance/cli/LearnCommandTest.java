package io.secho.conformance.cli;

import io.secho.conformance.MachineHeavy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code learn} from the command line: the reference server and client learn to the spec's machines (exit 0),
 * a replay prints each answer beside the spec's, and every user mistake is one line and exit 2. Learning a
 * broken server is in the fault matrix's package (LearnCommandOnFaultyServerTest).
 */
class LearnCommandTest {
    @Test
    void theEmbeddedReferenceServerLearnsToTheSpecModel(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("learned");
        CliRun run = CliRun.of("learn", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains("EQUIVALENT"), run.both());
        assertTrue(run.out().matches("(?s).*Learning: \\d+ queries, \\d+ messages sent.*"), run.both());
        for (String file : new String[] {"learn-report.json", "learn-report.html", "learned-model.dot",
            "learned-model.svg"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertFalse(Files.exists(out.resolve("learned-cases.json")), "no difference, no learned case");
        String json = Files.readString(out.resolve("learn-report.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"equivalent\""), json);
        assertFalse(run.out().contains("io.secho"), run.both());
    }

    /** A JVM per question, four at once: it takes its turn with the other tests that load the whole machine. */
    @Test
    @ResourceLock(MachineHeavy.LOCK)
    void theReferenceClientLearnsToTheSpecModel(@TempDir Path dir) {
        // Half the default quiet period keeps the build short; a slow answer only costs a retry with twice it.
        CliRun run = CliRun.of("learn", "--client-reference", "--suite", "psk", "--quiet-period", "500ms", "--out",
                dir.toString());
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains("EQUIVALENT"), run.both());
        assertTrue(run.out().contains("(suite psk)"), run.both());
    }

    @Test
    void aReplayShowsEachAnswerBesideTheSpecs() {
        CliRun run = CliRun.of("learn", "--replay", "ClientHello(modp2048) Finished(right) Data(valid) Close Data(valid)");
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains("Echo"), run.both());
        assertTrue(run.out().contains("Close+FIN"), run.both());
        assertTrue(run.out().contains("every answer as the spec says"), run.both());
    }

    @Test
    void mistakesAreUsageErrors(@TempDir Path dir) {
        assertUsage(CliRun.of("learn"), "learn needs --out DIR");
        assertUsage(CliRun.of("learn", "--replay", "Hello Finished(right)"), "no input Hello");
        assertUsage(CliRun.of("learn", "--client-reference", "--target", "127.0.0.1:8443", "--out", dir.toString()),
                "--target describe a server");
        assertUsage(CliRun.of("learn", "--client-reference", "--suite", "x25519,psk", "--out", dir.toString()),
                "one suite at a time");
        assertUsage(CliRun.of("learn", "--out", dir.toString(), "--max-queries", "0"), "--max-queries 0");
        assertUsage(CliRun.of("learn", "--out", dir.toString(), "--quiet-period", "soon"), "--quiet-period");
        assertUsage(CliRun.of("learn", "--out", dir.toString(), "--suite", "rot13"), "rot13");
    }

    @Test
    void aTargetThatIsNotThereIsExitThree(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliRun run = CliRun.of("learn", "--target", "127.0.0.1:" + port, "--out", dir.toString());
        assertEquals(3, run.exitCode(), run.both());
        assertTrue(run.out().contains("cannot learn"), run.both());
    }

    private static void assertUsage(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), run.both());
        assertTrue(run.err().contains(expected), run.both());
        assertFalse(run.err().contains("Exception"), run.both());
    }
}
