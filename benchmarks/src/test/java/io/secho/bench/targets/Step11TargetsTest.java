package io.secho.bench.targets;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.bench.RunPlan;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.RunInfo;
import io.secho.bench.report.Unit;
import io.secho.handshake.Suite;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts from given figures: no benchmark runs here, so nothing depends on this machine's speed. */
class Step11TargetsTest {
    private static final int CLIENTS = 8;
    private static final List<Step11Targets.EchoCase> ECHO = List.of(new Step11Targets.EchoCase(16, 1));
    private static final RunInfo INFO = new RunInfo("2026-11-29T11:00:00Z", "2 cores", "abc1234", "quick", "1.0 1.0 1.0");

    /** A run: X25519 crypto 80 us (12,500/s); x25519 CPU 90 us (limit 100 us); psk faster, modp2048 slower. */
    private static List<Figure> run() {
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of(FigureNames.CRYPTO, FigureNames.X25519_KEX, 12_500, Unit.PER_SECOND, ""));
        figures.add(Figure.of(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.X25519), 90,
                Unit.MICROSECONDS, ""));
        figures.add(Figure.of(FigureNames.HANDSHAKES, FigureNames.handshakesPerSecond(Suite.PSK, CLIENTS), 13_000,
                Unit.PER_SECOND, ""));
        figures.add(Figure.of(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.PSK), 40,
                Unit.MICROSECONDS, ""));
        figures.add(Figure.of(FigureNames.HANDSHAKES, FigureNames.handshakesPerSecond(Suite.MODP2048, CLIENTS), 900,
                Unit.PER_SECOND, ""));
        figures.add(Figure.of(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.MODP2048), 750,
                Unit.MICROSECONDS, ""));
        figures.add(Figure.compared(FigureNames.ECHO, FigureNames.echoThroughput(16, 1), 1.0, 1.25,
                Unit.MEGABYTES_PER_SECOND, ""));
        figures.add(Figure.compared(FigureNames.ECHO, FigureNames.echoP99(16, 1), 50, 80, Unit.MICROSECONDS, ""));
        figures.add(Figure.of(FigureNames.IDLE, FigureNames.IDLE_HELD, 10_000, Unit.COUNT, ""));
        figures.add(Figure.of(FigureNames.IDLE, FigureNames.IDLE_RSS, 40, Unit.KIBIBYTES, ""));
        figures.add(Figure.of(FigureNames.IDLE, FigureNames.IDLE_THREADS, 12, Unit.COUNT, ""));
        figures.add(Figure.of(FigureNames.CONFORMANCE, FigureNames.CONFORMANCE_WALL, 4.2, Unit.SECONDS, ""));
        return figures;
    }

    /** Step 10: psk 12,000/s at 80 us, modp2048 1,000/s at 750 us, echo 0.8 MB/s with p99 60 us. */
    private static Baseline baseline() {
        return new Baseline("Step 10", INFO, List.of(
                Figure.of(FigureNames.HANDSHAKES, FigureNames.handshakesPerSecond(Suite.PSK, CLIENTS), 12_000,
                        Unit.PER_SECOND, ""),
                Figure.of(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.PSK), 80,
                        Unit.MICROSECONDS, ""),
                Figure.of(FigureNames.HANDSHAKES, FigureNames.handshakesPerSecond(Suite.MODP2048, CLIENTS), 1_000,
                        Unit.PER_SECOND, ""),
                Figure.of(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.MODP2048), 750,
                        Unit.MICROSECONDS, ""),
                Figure.compared(FigureNames.ECHO, FigureNames.echoThroughput(16, 1), 0.8, 0.7,
                        Unit.MEGABYTES_PER_SECOND, ""),
                Figure.compared(FigureNames.ECHO, FigureNames.echoP99(16, 1), 60, 70, Unit.MICROSECONDS, "")));
    }

    private static Map<String, TargetCheck> byId(List<TargetCheck> checks) {
        return checks.stream().collect(Collectors.toMap(TargetCheck::id, Function.identity()));
    }

    @Test
    void everyStep11TargetIsCheckedOnceWithAStableId() {
        List<TargetCheck> checks = Step11Targets.evaluate(run(), Optional.of(baseline()), CLIENTS, ECHO);
        List<String> ids = checks.stream().map(TargetCheck::id).toList();
        assertEquals(List.of("x25519-server-cpu", "psk-handshakes-vs-baseline", "psk-server-cpu-vs-baseline",
                "modp2048-handshakes-vs-baseline", "modp2048-server-cpu-vs-baseline", "idle-sessions-held",
                "idle-rss-per-session", "idle-threads", "echo-16-x1-throughput-vs-baseline", "echo-16-x1-p99-vs-baseline",
                "echo-16-x1-throughput-vs-tls", "conformance-wall-time"), ids);
        assertEquals(ids.size(), new HashSet<>(ids).size());
    }

    @Test
    void x25519CpuIsComparedWithOneAndAQuarterTimesItsBareCrypto() {
        TargetCheck check = byId(Step11Targets.evaluate(run(), Optional.empty(), CLIENTS, ECHO)).get("x25519-server-cpu");
        assertEquals(100.0, check.limit().getAsDouble(), 1e-9);
        assertEquals(Verdict.MET, check.verdict());
        assertTrue(check.basis().contains("crypto is 89 % of the measured CPU"), check.basis());

        List<Figure> slower = new ArrayList<>(run());
        slower.set(1, Figure.of(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.X25519), 160,
                Unit.MICROSECONDS, ""));
        TargetCheck missed = byId(Step11Targets.evaluate(slower, Optional.empty(), CLIENTS, ECHO)).get("x25519-server-cpu");
        assertEquals(Verdict.MISSED, missed.verdict());
        assertEquals("MISSED by 60 %", missed.verdictText());
    }

    @Test
    void handshakesAndEchoAreComparedWithTheBaselineAndEchoWithTls() {
        Map<String, TargetCheck> checks = byId(Step11Targets.evaluate(run(), Optional.of(baseline()), CLIENTS, ECHO));
        assertEquals(Verdict.MET, checks.get("psk-handshakes-vs-baseline").verdict());
        assertEquals(Verdict.MET, checks.get("psk-server-cpu-vs-baseline").verdict());
        assertEquals(Verdict.MISSED, checks.get("modp2048-handshakes-vs-baseline").verdict());
        assertEquals("MISSED by 10 %", checks.get("modp2048-handshakes-vs-baseline").verdictText());
        assertEquals(Verdict.MET, checks.get("modp2048-server-cpu-vs-baseline").verdict(), "equal is no worse");
        assertEquals(Verdict.MET, checks.get("echo-16-x1-throughput-vs-baseline").verdict());
        assertEquals(Verdict.MET, checks.get("echo-16-x1-p99-vs-baseline").verdict());
        TargetCheck tls = checks.get("echo-16-x1-throughput-vs-tls");
        assertEquals(1.25, tls.limit().getAsDouble(), 1e-9);
        assertEquals("MISSED by 20 %", tls.verdictText());
        assertTrue(checks.get("psk-handshakes-vs-baseline").basis().contains("baseline 12,000 /s (2026-11-29T11:00:00Z)"),
                checks.get("psk-handshakes-vs-baseline").basis());
    }

    @Test
    void fixedBoundsForIdleSessionsAndTheConformanceSuite() {
        Map<String, TargetCheck> checks = byId(Step11Targets.evaluate(run(), Optional.empty(), CLIENTS, ECHO));
        assertEquals(Verdict.MET, checks.get("idle-sessions-held").verdict());
        assertEquals("MISSED by 25 %", checks.get("idle-rss-per-session").verdictText());
        assertEquals(Verdict.MET, checks.get("idle-threads").verdict());
        assertEquals(Verdict.MET, checks.get("conformance-wall-time").verdict());
        TargetCheck atTheBound = new TargetCheck("c", "t", Comparison.BELOW, OptionalDouble.of(5),
                Unit.SECONDS, OptionalDouble.of(5), "");
        assertEquals(Verdict.MISSED, atTheBound.verdict(), "5 s is not under 5 s");
    }

    @Test
    void withoutABaselineOrAPartTheTargetIsNotMeasuredNotMet() {
        Map<String, TargetCheck> noBaseline = byId(Step11Targets.evaluate(run(), Optional.empty(), CLIENTS, ECHO));
        assertEquals(Verdict.NOT_MEASURED, noBaseline.get("psk-handshakes-vs-baseline").verdict());
        assertEquals("no baseline file", noBaseline.get("psk-handshakes-vs-baseline").basis());
        Map<String, TargetCheck> nothing = byId(Step11Targets.evaluate(List.of(), Optional.of(baseline()), CLIENTS, ECHO));
        for (TargetCheck check : nothing.values()) {
            assertEquals(Verdict.NOT_MEASURED, check.verdict(), check.id());
            assertEquals("not measured", check.verdictText());
        }
        Map<String, TargetCheck> otherClients = byId(Step11Targets.evaluate(run(), Optional.of(baseline()), 4, ECHO));
        assertEquals(Verdict.NOT_MEASURED, otherClients.get("psk-handshakes-vs-baseline").verdict(),
                "a baseline with another client count is not comparable");
    }

    @Test
    void tableSaysMissedPlainlyAndCountsVerdicts() {
        TargetTable table = new TargetTable(Step11Targets.evaluate(run(), Optional.of(baseline()), CLIENTS, ECHO));
        assertEquals("Step 11 targets: 9 met, 3 MISSED, 0 not measured", table.summary());
        String text = table.toText();
        assertTrue(text.contains("MISSED by 10 %"), text);
        assertTrue(text.contains("server RSS per idle session"), text);
        String markdown = table.toMarkdown();
        assertTrue(markdown.contains("| **MISSED by 25 %** |"), markdown);
        assertFalse(markdown.contains("| **met"), markdown);
    }

    @Test
    void resultsJsonHasEveryTargetWithVerdictAndMissFraction() {
        List<TargetCheck> checks = Step11Targets.evaluate(run(), Optional.of(baseline()), CLIENTS, ECHO);
        JsonObject root = JsonParser.parseString(ResultsJson.of(INFO, run(), checks, Optional.of(baseline())))
                .getAsJsonObject();
        assertEquals(9, root.getAsJsonObject("summary").get("MET").getAsInt());
        assertEquals(3, root.getAsJsonObject("summary").get("MISSED").getAsInt());
        assertEquals(12, root.getAsJsonArray("targets").size());
        JsonObject rss = root.getAsJsonArray("targets").get(6).getAsJsonObject();
        assertEquals("idle-rss-per-session", rss.get("id").getAsString());
        assertEquals("MISSED", rss.get("verdict").getAsString());
        assertEquals(0.25, rss.get("missedByFraction").getAsDouble(), 1e-9);
        assertEquals(32.0, rss.get("limit").getAsDouble());
        assertEquals("Step 10", root.getAsJsonObject("baseline").get("description").getAsString());
        assertEquals(run().size(), root.getAsJsonArray("figures").size());
    }

    @Test
    void baselineSurvivesItsJsonAndRejectsOtherFiles() {
        Baseline written = baseline();
        Baseline read = Baseline.parse(written.toJson());
        assertEquals(written, read);
        assertEquals(1_000, read.find(FigureNames.HANDSHAKES,
                FigureNames.handshakesPerSecond(Suite.MODP2048, CLIENTS)).orElseThrow().secho());
        assertEquals(0.7, read.find(FigureNames.ECHO, FigureNames.echoThroughput(16, 1)).orElseThrow().tls()
                .getAsDouble());
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("{\"format\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse(written.toJson().replace(
                "\"format\": 1", "\"format\": 2")));
    }

    /** The checked-in baseline of the default run: every "no worse than before" target finds its figure there. */
    @Test
    void theCheckedInBaselineHasEveryFigureTheDefaultRunComparesWith() throws Exception {
        Baseline checkedIn = Baseline.read(Path.of("baseline-step10.json"));
        RunPlan plan = RunPlan.quick();
        List<Step11Targets.EchoCase> echo = new ArrayList<>();
        for (int size : plan.messageSizes()) {
            for (int connections : plan.echoConnections()) {
                echo.add(new Step11Targets.EchoCase(size, connections));
            }
        }
        for (TargetCheck check : Step11Targets.evaluate(run(), Optional.of(checkedIn), plan.handshakeClients(), echo)) {
            if (check.id().contains("-vs-baseline")) {
                assertTrue(check.limit().isPresent(), check.id() + ": " + check.basis());
            }
        }
        assertTrue(checkedIn.info().machine().contains("cores"), checkedIn.info().machine());
    }

    @Test
    void shortfallIsRelativeToTheLimitInTheTargetsDirection() {
        assertEquals(0.25, Comparison.AT_LEAST.shortfall(75, 100), 1e-9);
        assertEquals(0.5, Comparison.AT_MOST.shortfall(150, 100), 1e-9);
        assertTrue(Comparison.AT_MOST.shortfall(50, 100) < 0);
        assertTrue(Comparison.BELOW.holds(4.99, 5));
        assertFalse(Comparison.BELOW.holds(5, 5));
        assertTrue(Comparison.AT_MOST.holds(5, 5));
    }
}
