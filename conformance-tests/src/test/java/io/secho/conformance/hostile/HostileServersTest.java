package io.secho.conformance.hostile;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No PASS without evidence: the whole suite against servers that do nothing useful. Each case must meet
 * such a server on its own (the preflight's blanket BLOCKED is switched off) and must not PASS; and with
 * the preflight on, the report must name the one root cause plainly, in a few lines, not hundreds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
class HostileServersTest {
    /**
     * Cases whose PASS against a useless server would really be earned, each with why. There is none:
     * even "nothing is sent before the ClientHello" (HS-022) needs the server to answer the ClientHello
     * afterwards, since a dead server is silent too.
     */
    static final Map<String, String> EARNED_PASSES = Map.of();
    /** Short, so that a server that never answers costs seconds; the cases' own logic is what is tested. */
    private static final String IO_TIMEOUT = "500ms";
    /**
     * The root-cause test judges what the server answers to the preflight's few probes: on a loaded machine an HTTP
     * answer that comes after 500 ms would read as silence, so the gated runs wait longer (only the probes wait).
     */
    private static final String GATED_IO_TIMEOUT = "5s";
    private static final String HANDSHAKE_TIMEOUT = "1s";

    private Set<String> everyCase;

    @BeforeAll
    void everyCaseAsTheEmbeddedServerRunsThem(@TempDir Path dir) {
        InProcessHarness.Result reference = InProcessHarness.run(parameters(null, true), dir);
        everyCase = reference.summary().cases().stream().map(CaseResult::id).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(everyCase.size() > 300, "the catalogue lost cases: " + everyCase.size());
    }

    private static Map<String, String> parameters(Integer port, boolean gate) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(TargetConfig.TARGET, port == null ? "" : "127.0.0.1:" + port);
        parameters.put(TargetConfig.IO_TIMEOUT, gate ? GATED_IO_TIMEOUT : IO_TIMEOUT);
        parameters.put(TargetConfig.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT);
        parameters.put(TargetConfig.PREFLIGHT_GATE, String.valueOf(gate));
        parameters.put(TargetConfig.SEED, "1717");
        parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "32");
        return parameters;
    }

    private static InProcessHarness.Result runAgainst(HostileServer.Kind kind, boolean gate, Path dir) throws IOException {
        try (HostileServer server = new HostileServer(kind)) {
            return InProcessHarness.run(parameters(server.port(), gate), dir);
        }
    }

    @ParameterizedTest
    @EnumSource(HostileServer.Kind.class)
    @Timeout(180)
    void noCasePassesAgainstAServerThatDoesNothingUseful(HostileServer.Kind kind, @TempDir Path dir) throws IOException {
        InProcessHarness.Result result = runAgainst(kind, false, dir);
        Set<String> reported = result.summary().cases().stream().map(CaseResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(everyCase, reported, kind + ": every selected case must be in the report");
        List<String> passed = result.ids(Verdict.PASS).stream().filter(id -> !EARNED_PASSES.containsKey(id))
                .collect(Collectors.toList());
        assertEquals(List.of(), passed, kind + ": cases PASSed against a server that does nothing useful");
        assertEquals(List.of(), result.ids(Verdict.ERROR), kind + ": harness errors:\n" + result.output());
        assertTrue(result.summary().incomplete().isEmpty(), kind + ": the run must be complete");
    }

    @ParameterizedTest
    @EnumSource(HostileServer.Kind.class)
    @Timeout(120)
    void theRootCauseIsNamedOnceAndPlainly(HostileServer.Kind kind, @TempDir Path dir) throws IOException {
        InProcessHarness.Result result = runAgainst(kind, true, dir);
        String output = result.output();
        assertEquals(List.of(), result.ids(Verdict.PASS), kind + ":\n" + output);
        assertEquals(List.of(), result.ids(Verdict.ERROR), kind + ":\n" + output);
        assertEquals(result.summary().cases().size(), result.ids(Verdict.BLOCKED).size(),
                kind + ": every case is BLOCKED by the one cause:\n" + output);
        assertTrue(result.summary().cases().stream().allMatch(c -> c.blockedBy().equals(kind.verdictCause())),
                kind + ": blocked by " + kind.verdictCause() + "\n" + output);
        assertTrue(output.contains("Where to start:\n  - no case can run: " + kind.verdictCause()), output);
        long lines = output.lines().count();
        assertTrue(lines < 40, kind + ": one root cause takes " + lines + " lines:\n" + output);
        assertTrue(!output.contains("Exception") && !output.contains("Assumption failed") && !output.contains("Record["),
                kind + ": no Java exception or record dump in the report:\n" + output);
        if (kind == HostileServer.Kind.TEXT_LINE) {
            assertTrue(output.contains("\"ERROR unknown command\\n\""), "text is shown as text:\n" + output);
        }
    }
}
