package io.secho.conformance.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.CaseCatalog;
import io.secho.conformance.InProcessHarness;
import io.secho.conformance.lab.LabTargetConfig;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports of real runs (the embedded server, a target that blocks every case, the lab profile, a run
 * cut short) validate against the published schema and the JUnit form, agree with each other and with
 * the exit code, and record the target, the seed and the parts of each verdict as fields.
 */
class ReportFormatsTest {
    @Test
    void anEmbeddedRunRecordsItsTargetSuitesAndSeed(@TempDir Path dir) {
        InProcessHarness.run(Map.of(TargetConfig.CASE, "HS-001,TAG-004,ECHO-001", TargetConfig.SEED, "9007199254740991"),
                dir);
        JsonObject report = ReportChecks.assertReportsAgree(dir);
        assertEquals(JsonReport.FORMAT, report.get("format").getAsString());
        assertTrue(report.get("seed").getAsJsonPrimitive().isNumber(), "the seed is a number: " + report.get("seed"));
        assertEquals(9007199254740991L, report.get("seed").getAsLong(), "the largest seed, held exactly");
        JsonObject target = report.getAsJsonObject("target");
        assertEquals("embedded", target.get("kind").getAsString());
        assertTrue(target.get("address").getAsString().startsWith("127.0.0.1:"), target.toString());
        assertFalse(target.has("image"), target.toString());
        List<String> suites = new ArrayList<>();
        for (JsonElement suite : target.getAsJsonArray("suites")) {
            suites.add(suite.getAsJsonObject().get("suite").getAsString() + " "
                    + suite.getAsJsonObject().get("status").getAsString());
        }
        assertEquals(List.of("x25519 working", "modp2048 working", "psk working"), suites);
        assertFalse(target.get("oneConnectionAtATime").getAsBoolean());
        assertEquals(3, target.getAsJsonArray("findings").size(), "a line per suite: " + target);
        assertEquals(0, report.getAsJsonObject("summary").get("fail").getAsInt(), report.toString());
    }

    @Test
    void aTargetThatNeverAnswersBlocksEveryCaseAndTheReportsSayWhy(@TempDir Path dir) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            InProcessHarness.runWithOnly(Map.of(TargetConfig.TARGET, address, TargetConfig.CASE, "NONCE-002,TAG-004",
                    TargetConfig.IO_TIMEOUT, "500ms", TargetConfig.SEED, "3"), dir);
            JsonObject report = ReportChecks.assertReportsAgree(dir);
            JsonObject target = report.getAsJsonObject("target");
            assertEquals("address", target.get("kind").getAsString());
            assertEquals(address, target.get("address").getAsString());
            assertEquals("the target never answered a ClientHello", target.get("unusable").getAsString());
            target.getAsJsonArray("suites").forEach(suite -> assertEquals("broken",
                    suite.getAsJsonObject().get("status").getAsString(), suite.toString()));
            JsonObject blocked = ReportChecks.jsonCase(report, "NONCE-002").getAsJsonObject("blocked");
            assertEquals("the target never answered a ClientHello", blocked.get("cause").getAsString(), blocked.toString());
            assertEquals(blocked.get("cause").getAsString(), blocked.get("heading").getAsString(), "no case to see");
            assertEquals("BLOCKED", ReportChecks.resultElement(dir, "NONCE-002", "error").orElseThrow().getAttribute("type"),
                    "a blocked MUST case is an <error>");
        }
    }

    @Test
    void aLabRunsReportsValidateWithItsWarnings(@TempDir Path dir) {
        InProcessHarness.Result run = InProcessHarness.runWithOnly(Map.of(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB,
                LabTargetConfig.parameterName("--lab-variant"), "dh", TargetConfig.CASE, "LAB-001,LAB-002,LAB-007",
                TargetConfig.SEED, "4711"), dir);
        JsonObject report = ReportChecks.assertReportsAgree(dir);
        assertTrue(report.get("protocol").getAsString().startsWith("Secho lab profile"), report.get("protocol").toString());
        JsonObject target = report.getAsJsonObject("target");
        assertEquals("embedded", target.get("kind").getAsString());
        assertFalse(target.has("suites"), "the lab profile has no suites to probe: " + target);
        JsonObject warned = ReportChecks.jsonCase(report, "LAB-007");
        assertEquals("warn", warned.get("status").getAsString(), run.output());
        JsonObject failure = warned.getAsJsonObject("failure");
        assertEquals("LAB-W7", failure.getAsJsonArray("requirements").get(0).getAsString(), failure.toString());
        assertTrue(failure.get("expected").getAsString().startsWith("weakness found: "), failure.toString());
        assertFalse(failure.get("received").getAsString().contains("trace (last lines)"),
                "received is what came back, the trace is a field of its own: " + failure);
        assertTrue(ReportChecks.resultElement(dir, "LAB-007", "skipped").isPresent(), "a SHOULD warning is no red <failure>");
    }

    @Test
    void aRunCutShortIsReportedIncompleteAndRed(@TempDir Path dir) {
        Map<String, String> parameters = Map.of(TargetConfig.CASE, "HS-004,HS-005", TargetConfig.SEED, "8");
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .build()).discover(CaseCatalog.request(parameters));
        List<TestIdentifier> cases = new ArrayList<>();
        plan.getRoots().forEach(root -> collect(plan, root, cases));
        ConformanceListener listener = new ConformanceListener(new PrintStream(OutputStream.nullOutputStream()),
                Optional.of(dir));
        listener.testPlanExecutionStarted(plan);
        cases.forEach(listener::executionStarted);
        listener.finishIncomplete("the run was interrupted");

        JsonObject report = ReportChecks.assertReportsAgree(dir);
        assertFalse(report.get("complete").getAsBoolean());
        assertTrue(report.get("incompleteBecause").getAsString().startsWith("the run was interrupted"),
                report.get("incompleteBecause").toString());
        assertEquals(8, report.get("seed").getAsLong(), "the seed of a run no case finished comes from its parameters");
        assertEquals("embedded", report.getAsJsonObject("target").get("kind").getAsString());
        assertEquals("INCOMPLETE", ReportChecks.resultElement(dir, "the run is complete", "error").orElseThrow()
                .getAttribute("type"), "the run itself is an <error>");
    }

    @Test
    void theSchemaRejectsWhatNoReportMayHold(@TempDir Path dir) {
        InProcessHarness.run(Map.of(TargetConfig.CASE, "TAG-004", TargetConfig.SEED, "5"), dir);
        JsonObject report = ReportChecks.validJsonReport(dir);
        Map<String, java.util.function.Consumer<JsonObject>> breakages = Map.of(
                "no format", r -> r.remove("format"),
                "another format", r -> r.addProperty("format", "secho-conformance-report/1"),
                "a seed as text", r -> r.addProperty("seed", "5"),
                "the target as text", r -> r.addProperty("target", "embedded"),
                "an unknown verdict", r -> firstCase(r).addProperty("status", "passed"),
                "a fail without its parts", r -> firstCase(r).addProperty("status", "fail"),
                "an unknown field", r -> r.addProperty("note", "x"));
        breakages.forEach((how, breakage) -> {
            JsonObject broken = JsonParser.parseString(report.toString()).getAsJsonObject();
            breakage.accept(broken);
            assertFalse(ReportChecks.schemaViolations(broken.toString()).isEmpty(), how + " must break the schema");
        });
    }

    private static JsonObject firstCase(JsonObject report) {
        return report.getAsJsonArray("cases").get(0).getAsJsonObject();
    }

    private static void collect(TestPlan plan, TestIdentifier identifier, List<TestIdentifier> cases) {
        if (identifier.isTest() && identifier.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            cases.add(identifier);
        }
        plan.getChildren(identifier).forEach(child -> collect(plan, child, cases));
    }
}
