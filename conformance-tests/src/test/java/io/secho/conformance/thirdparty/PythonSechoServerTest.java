package io.secho.conformance.thirdparty;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.lab.PythonLabServer;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * src/test/python/secho_server.py, a Secho v1 server written from spec/secho-v1.md alone in another language,
 * sharing no code with reference-impl: the whole server suite passes against it, so the harness judges the
 * protocol, not the reference's way of implementing it. Its echo transform is held to the echo vectors.
 */
// Alone: its timeout cases wait for the server's own timers, and on two cores they must neither slow nor be
// slowed by other suites.
@Isolated
@Timeout(240)
class PythonSechoServerTest {
    static final Path SCRIPT = Path.of("src/test/python/secho_server.py");
    private static final Path ECHO_VECTORS = Path.of("../vectors/secho_v1_echo_test.json");
    // Small, so that the LIM cases that wait for them keep the run short; given to the server and the harness.
    private static final String HANDSHAKE_TIMEOUT = "2";
    private static final String IDLE_TIMEOUT = "3";
    private static final String MAX_CONNECTIONS = "4";

    @Test
    void everyServerCasePassesAgainstThePythonServer(@TempDir Path dir) throws Exception {
        Path psk = dir.resolve("secho.key");
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        Files.writeString(psk, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        List<String> arguments = List.of("--psk-file", psk.toString(), "--suites", "x25519,modp2048,psk",
                "--handshake-timeout", HANDSHAKE_TIMEOUT, "--idle-timeout", IDLE_TIMEOUT,
                "--max-connections", MAX_CONNECTIONS);
        try (PythonLabServer server = PythonLabServer.start(python, SCRIPT, dir, arguments)) {
            RunSummary summary = InProcessHarness.runWithOnly(Map.of(
                    TargetConfig.TARGET, "127.0.0.1:" + server.port(),
                    TargetConfig.PSK_FILE, psk.toString(),
                    TargetConfig.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT + "s",
                    TargetConfig.IDLE_TIMEOUT, IDLE_TIMEOUT + "s",
                    TargetConfig.MAX_CONNECTIONS, MAX_CONNECTIONS,
                    TargetConfig.SEED, "4711"), dir.resolve("reports")).summary();
            String notPassed = summary.cases().stream().filter(c -> c.verdict() != Verdict.PASS)
                    .map(c -> c.id() + " " + c.verdict() + ": " + c.message()).collect(Collectors.joining("\n"));
            String what = python + ": " + summary.cases().size() + " cases\n" + notPassed + "\nserver log:\n" + server.log();
            assertTrue(summary.cases().size() > 100, what);
            assertEquals("", notPassed, what);
            assertEquals(0, summary.count(Verdict.SKIP), what);
            assertTrue(summary.incomplete().isEmpty(), what);
            // Every case that needs a parameter ran: the psk, timeout and limit cases among them.
            List<String> ids = summary.cases().stream().map(CaseResult::id).toList();
            assertTrue(ids.containsAll(List.of("LIM-001", "LIM-004", "LIM-009")), ids.toString());
        }
    }

    @Test
    void theEchoTransformMatchesEveryEchoVector() throws Exception {
        for (PythonLabServer.Python python : PythonLabServer.pythons()) {
            Process process = new ProcessBuilder(python.command(), SCRIPT.toString(), "--self-test-echo",
                    ECHO_VECTORS.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), python + ": still running");
            assertEquals(0, process.exitValue(), python + ": " + output);
            assertTrue(output.matches("echo vectors passed: (\\d+) of \\1\\s*"), python + ": " + output);
        }
    }
}
