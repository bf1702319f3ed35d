package io.secho.conformance.thirdparty;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.lab.PythonLabServer;
import io.secho.conformance.learn.LearnSettings;
import io.secho.conformance.learn.LearnedModel;
import io.secho.conformance.learn.Learner;
import io.secho.conformance.learn.ServerAlphabet;
import io.secho.conformance.learn.ServerMapper;
import io.secho.conformance.learn.ServerMapperSettings;
import io.secho.conformance.learn.SpecModel;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import net.automatalib.util.automaton.Automata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        Judged judged = judge(python, SCRIPT, dir, null);
        RunSummary summary = judged.summary();
        assertTrue(summary.cases().size() > 100, judged.what());
        assertEquals(List.of(), judged.notPassed(), judged.what());
        assertEquals(0, summary.count(Verdict.SKIP), judged.what());
        assertTrue(summary.incomplete().isEmpty(), judged.what());
        // Every case that needs a parameter ran: the psk, timeout and limit cases among them.
        List<String> ids = summary.cases().stream().map(CaseResult::id).toList();
        assertTrue(ids.containsAll(List.of("HS-003", "HS-013", "LIM-001", "LIM-004", "LIM-008", "LIM-009")),
                ids.toString());
    }

    /** One plausible mistake put into a copy of the server, the cases run, and the ones that must fail. */
    enum Mistake {
        NO_DRAIN("    end_connection(sock, ())", "    sock.close()", "CLOSE-011,CLOSE-012,CLOSE-013,CLOSE-014,CLOSE-015",
                List.of("CLOSE-011", "CLOSE-012", "CLOSE-013", "CLOSE-014", "CLOSE-015")),
        IDLE_TIMER_RESTARTED_BY_PARTIAL_FRAMES("            self.buffer += chunk\n",
                "            self.buffer += chunk\n            if self.state == ESTABLISHED:\n"
                        + "                self.deadline = time.monotonic() + self.server.idle_timeout\n",
                "LIM-008", List.of("LIM-008")),
        FINISHED_COMPARED_ON_16_BYTES("hmac.compare_digest(body, self.expected_client_verify)",
                // Bytes 1 and 16 of verify_data changed are still caught, 17 and 32 no longer; each case the
                // mistake lets through waits for the harness's I/O timeout, so only these four run.
                "hmac.compare_digest(body[:16], self.expected_client_verify[:16])",
                "HS-025.1,HS-025.16,HS-025.17,HS-025.32", List.of("HS-025.17", "HS-025.32")),
        NO_CONNECTION_LIMIT("busy = self.open >= self.max_connections", "busy = False", "LIM-009", List.of("LIM-009"));

        final String original;
        final String mistaken;
        final String cases;
        final List<String> mustFail;

        Mistake(String original, String mistaken, String cases, List<String> mustFail) {
            this.original = original;
            this.mistaken = mistaken;
            this.cases = cases;
            this.mustFail = mustFail;
        }
    }

    /** The PASS above is earned: the same server with one mistake fails exactly the cases meant for it. */
    @ParameterizedTest
    @EnumSource(Mistake.class)
    void eachMistakePutIntoThePythonServerIsCaught(Mistake mistake, @TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        Path copy = Files.createDirectory(dir.resolve("python"));
        for (String name : List.of("lab_server.py", "secho_client.py")) {
            Files.copy(SCRIPT.resolveSibling(name), copy.resolve(name));
        }
        String server = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        assertTrue(server.contains(mistake.original), "secho_server.py no longer holds: " + mistake.original);
        Path mistaken = copy.resolve(SCRIPT.getFileName());
        Files.writeString(mistaken, server.replace(mistake.original, mistake.mistaken), StandardCharsets.UTF_8);
        Judged judged = judge(python, mistaken, dir, mistake.cases);
        assertEquals(mistake.mustFail, judged.summary().cases().stream().filter(c -> c.verdict() == Verdict.FAIL)
                .map(CaseResult::id).sorted().toList(), judged.what());
        assertEquals(mistake.mustFail.size(), judged.notPassed().size(), judged.what());
    }

    /** A harness run against a Python server, and everything a failure message needs to explain it. */
    private record Judged(RunSummary summary, String what) {
        List<String> notPassed() {
            return summary.cases().stream().filter(c -> c.verdict() != Verdict.PASS)
                    .map(c -> c.id() + " " + c.verdict() + ": " + c.message()).toList();
        }
    }

    /** Starts the server (every suite, a PSK, the timeouts and the limit), runs the cases given (null: all). */
    private static Judged judge(PythonLabServer.Python python, Path script, Path dir, String cases) throws Exception {
        Path psk = dir.resolve("secho.key");
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        Files.writeString(psk, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        List<String> arguments = List.of("--psk-file", psk.toString(), "--suites", "x25519,modp2048,psk",
                "--handshake-timeout", HANDSHAKE_TIMEOUT, "--idle-timeout", IDLE_TIMEOUT,
                "--max-connections", MAX_CONNECTIONS);
        try (PythonLabServer server = PythonLabServer.start(python, script, dir, arguments)) {
            Map<String, String> parameters = new HashMap<>(Map.of(
                    TargetConfig.TARGET, "127.0.0.1:" + server.port(),
                    TargetConfig.PSK_FILE, psk.toString(),
                    TargetConfig.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT + "s",
                    TargetConfig.IDLE_TIMEOUT, IDLE_TIMEOUT + "s",
                    TargetConfig.MAX_CONNECTIONS, MAX_CONNECTIONS,
                    TargetConfig.SEED, "4711"));
            if (cases != null) {
                parameters.put(TargetConfig.CASE, cases);
            }
            RunSummary summary = InProcessHarness.runWithOnly(parameters, dir.resolve("reports")).summary();
            Judged judged = new Judged(summary, "");
            return new Judged(summary, python + " " + script + ": " + summary.cases().size() + " cases\n"
                    + String.join("\n", judged.notPassed()) + "\nserver log:\n" + server.log());
        }
    }

    /** Learning (step 12) a server written by someone else gives the spec's machine, all suites. */
    @Test
    void learningThePythonServerGivesTheSpecsStateMachine(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        Path psk = dir.resolve("secho.key");
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        Files.writeString(psk, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        try (PythonLabServer server = PythonLabServer.start(python, SCRIPT, dir,
                List.of("--psk-file", psk.toString(), "--suites", "x25519,modp2048,psk"))) {
            ServerMapper mapper = new ServerMapper(ServerMapperSettings.of(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    Optional.of(PreSharedKey.of(key))));
            LearnedModel learned = Learner.learnServer(mapper, ServerAlphabet.forSuites(EnumSet.allOf(Suite.class),
                    true), LearnSettings.defaults());
            assertNull(Automata.findSeparatingWord(learned.machine(), SpecModel.server().machine(), learned.alphabet()),
                    python + ": " + learned.statistics() + "\nserver log:\n" + server.log());
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
