package io.secho.conformance.clients;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.ReportChecks;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No PASS without evidence, for clients: a client that does nothing (exits at once, hangs, echoes its input,
 * prints plausible replies without ever connecting) FAILS or is BLOCKED in every client case, never PASSes and is
 * never skipped: the session cases FAIL ("never connected") and the rest are BLOCKED by them. The reports of such
 * runs still validate against the published schema.
 */
@Timeout(120)
class DoNothingClientsTest {
    @ParameterizedTest
    @ValueSource(strings = {"true {port}", "sh -c cat {port}", "sh -c 'tr a-z A-Z' {port}", "sleep 1000 {port}"})
    void aClientThatDoesNothingNeverPasses(String command, @TempDir Path reports) {
        InProcessHarness.Result result = InProcessHarness.run(Map.of(ClientTargetConfig.CLIENT_COMMAND, command,
                ClientTargetConfig.CLIENT_RUN_TIMEOUT, "3s", TargetConfig.SEED, "5"), reports);
        List<CaseResult> cases = result.summary().cases();
        assertTrue(cases.size() >= 40, "every client case runs: " + cases.size());
        assertTrue(cases.stream().allMatch(c -> c.family().client()), "only client cases run for a client");
        List<String> notFailedOrBlocked = cases.stream()
                .filter(c -> c.verdict() != Verdict.FAIL && c.verdict() != Verdict.BLOCKED)
                .map(c -> c.id() + " " + c.verdict()).collect(Collectors.toList());
        assertEquals(List.of(), notFailedOrBlocked, command + ": every case must FAIL or be BLOCKED\n" + result.output());
        CaseResult session = result.result("CHS-001");
        assertEquals(Verdict.FAIL, session.verdict(), session.message());
        assertTrue(session.message().contains("never connected"), session.message());
        CaseResult blocked = result.result("CREC-002");
        assertTrue(blocked.blockedBy().contains("CHS-001"), blocked.message());
        assertFalse(result.output().contains("CONFORMANT: every MUST"), result.output());
        ReportChecks.assertReportsAgree(reports);
    }
}
