package io.secho.conformance.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseCatalog;
import io.secho.conformance.Family;
import io.secho.conformance.Level;
import io.secho.conformance.cli.ExitCodes;
import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How verdicts add up: requirements, the exit code, the order of the report, and runs that end early. */
class VerdictReportingTest {
    private static CaseResult result(String id, Level level, Verdict verdict, String... requirements) {
        VerdictDetail detail = verdict == Verdict.BLOCKED
                ? new VerdictDetail.Blocked("no suite completed a handshake", "HS-001", "") : VerdictDetail.NONE;
        return new CaseResult(id, "case " + id, Family.ofCaseId(id).orElseThrow(), level, List.of(requirements), "",
                verdict, 1, verdict == Verdict.PASS ? "" : verdict + " because", detail, "", "");
    }

    private static RunSummary summary(CaseResult... cases) {
        return new RunSummary(RunSummary.V1, TargetDescription.fromParameters(key -> Optional.empty()),
                OptionalLong.of(1), Instant.EPOCH, 1, List.of(), List.of(cases), Optional.empty(), Optional.empty());
    }

    @Test
    void aRequirementPassesOnlyWhenEveryCaseThatChecksItPassed() {
        List<CaseResult> cases = List.of(result("NONCE-001", Level.MUST, Verdict.PASS, "REQ-REC-2"),
                result("NONCE-002", Level.MUST, Verdict.BLOCKED, "REQ-REC-2"),
                result("NONCE-003", Level.MUST, Verdict.SKIP, "REQ-REC-2"));
        assertEquals(Verdict.BLOCKED, ConsoleReport.worst(cases));
        assertEquals(Verdict.SKIP, ConsoleReport.worst(List.of(cases.get(0), cases.get(2))));
        assertEquals(Verdict.PASS, ConsoleReport.worst(List.of(cases.get(0))));
        assertEquals(Verdict.ERROR, ConsoleReport.worst(List.of(cases.get(0),
                result("NONCE-004", Level.MUST, Verdict.ERROR, "REQ-REC-2"))));
    }

    @Test
    void blockedMustCasesMakeATargetNotConformantAndErrorsMakeTheVerdictIncomplete() {
        assertEquals(ExitCodes.CONFORMANT, ExitCodes.forRun(summary(result("HS-001", Level.MUST, Verdict.PASS, "REQ-HS-7"),
                result("LIM-005", Level.SHOULD, Verdict.WARN, "REQ-LIM-7"), result("LIM-004", Level.MUST, Verdict.SKIP))));
        assertEquals(ExitCodes.NOT_CONFORMANT, ExitCodes.forRun(summary(result("HS-001", Level.MUST, Verdict.PASS),
                result("TAG-001", Level.MUST, Verdict.BLOCKED))));
        assertEquals(ExitCodes.HARNESS_ERROR, ExitCodes.forRun(summary(result("HS-001", Level.MUST, Verdict.FAIL),
                result("TAG-001", Level.MUST, Verdict.ERROR))));
    }

    @Test
    void casesComeInCaseIdOrderWhateverOrderTheyFinishedIn() {
        RunSummary summary = summary(result("TAG-001", Level.MUST, Verdict.PASS), result("HS-010.10", Level.MUST, Verdict.PASS),
                result("HS-010.2", Level.MUST, Verdict.PASS), result("HS-001", Level.MUST, Verdict.PASS),
                result("LIM-001", Level.MUST, Verdict.PASS));
        assertEquals(List.of("HS-001", "HS-010.2", "HS-010.10", "TAG-001", "LIM-001"),
                summary.cases().stream().map(CaseResult::id).toList());
        assertEquals("ECHO-001.1..4 HS-010.7 HS-010.9", ConsoleReport.compress(List.of("ECHO-001.1", "ECHO-001.2",
                "ECHO-001.3", "ECHO-001.4", "HS-010.7", "HS-010.9")));
    }

    @Test
    void blockedCasesAreListedByWhatBlockedThemInOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            cases.add(result(String.format("TAG-%03d", i), Level.MUST, Verdict.BLOCKED, "REQ-REC-6"));
        }
        cases.add(result("HS-001", Level.MUST, Verdict.FAIL, "REQ-HS-7"));
        ConsoleReport.print(summary(cases.toArray(CaseResult[]::new)), id -> "replay " + id,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().filter(l -> l.startsWith("  no suite completed a handshake (see HS-001): TAG-001"))
                .count(), "one line for the 40 cases one cause blocked:\n" + printed);
        assertFalse(printed.contains("BLOCKED TAG-0"), "no line of its own for a blocked case:\n" + printed);
        assertTrue(printed.contains("Blocked (40), by what blocked them"), printed);
        assertTrue(printed.contains("Where to start:\n  - fix HS-001 first"), printed);
        assertTrue(printed.contains("REQ-REC-6     BLOCKED"), printed);
        assertTrue(printed.contains("NOT CONFORMANT: 1 MUST case(s) failed, 40 blocked (exit code 1)"), printed);
    }

    @Test
    void aRunThatEndsEarlyStillReportsEveryCaseAndSaysItIsIncomplete(@TempDir Path dir) throws Exception {
        Map<String, String> parameters = Map.of(TargetConfig.CASE, "HS-004,HS-005");
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .build()).discover(CaseCatalog.request(parameters));
        List<TestIdentifier> cases = new ArrayList<>();
        plan.getRoots().forEach(root -> collect(plan, root, cases));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConformanceListener listener = new ConformanceListener(new PrintStream(out, true, StandardCharsets.UTF_8),
                Optional.of(dir));
        listener.testPlanExecutionStarted(plan);
        for (TestIdentifier identifier : cases) {
            if (identifier.getDisplayName().contains("0x0002")) {
                listener.executionStarted(identifier);
            } else if (!identifier.getDisplayName().contains("0x7f")) {
                listener.executionSkipped(identifier, "filtered out (secho.case)");
            }
        }
        listener.finishIncomplete("the run was interrupted");
        RunSummary summary = listener.summary().orElseThrow();
        assertTrue(summary.incomplete().isPresent());
        assertEquals(List.of("HS-004", "HS-005"), summary.cases().stream().map(CaseResult::id).toList(),
                "every selected case, the unfinished and the never started: " + summary.cases());
        assertTrue(summary.cases().stream().allMatch(c -> c.verdict() == Verdict.ERROR), summary.cases().toString());
        assertEquals(ExitCodes.HARNESS_ERROR, ExitCodes.forRun(summary));
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(JsonReport.FILE_NAME))).getAsJsonObject();
        assertFalse(json.get("complete").getAsBoolean());
        assertTrue(json.get("incompleteBecause").getAsString().contains("interrupted"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("INCOMPLETE RUN: the run was interrupted"));
    }

    /** Every case as the plan holds it: single cases, and parameterized ones before their invocations exist. */
    private static void collect(TestPlan plan, TestIdentifier identifier, List<TestIdentifier> cases) {
        if (identifier.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            cases.add(identifier);
        }
        plan.getChildren(identifier).forEach(child -> collect(plan, child, cases));
    }

    @Test
    void aBlockedCaseNamesItsCauseAndWhereToLook() {
        CaseBlocked blocked = new CaseBlocked("no suite completed a handshake", "HS-001", "x25519: no ServerHello");
        assertEquals("no suite completed a handshake (see HS-001)", blocked.heading());
        assertEquals("blocked: no suite completed a handshake (see HS-001): x25519: no ServerHello", blocked.getMessage());
    }
}
