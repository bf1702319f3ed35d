package io.secho.conformance.clients;

import io.secho.conformance.Family;
import io.secho.conformance.InProcessHarness;
import io.secho.conformance.ShellWords;
import io.secho.conformance.lab.PythonLabServer;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.ReportChecks;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client cases prove themselves as the server cases do (FaultMatrixTest): src/test/python/secho_client.py, a
 * Secho v1 client in another language written from the spec, passes every client case; with each of its --fault
 * modes (one plausible mistake each) the cases designed for that mistake fail. Each broken client runs only the
 * cases it targets, so the matrix takes seconds, not minutes.
 */
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClientFaultMatrixTest {
    private static final Path SCRIPT = Path.of("src/test/python/secho_client.py").toAbsolutePath();
    private static final Path REPORTS = Path.of("target", "client-fault-matrix");
    /** Runs side by side; each mostly waits on its clients. */
    private static final int CONCURRENT_RUNS = 3;
    /** Not applicable to a client that waits for each reply, as this one does. */
    private static final String NOT_APPLICABLE = "CCLOSE-005";
    /** Each fault, and the cases (an ID, or a case with .N inputs) of which at least one must fail for it. */
    private static final Map<String, List<String>> CAUGHT_BY = new LinkedHashMap<>();

    static {
        CAUGHT_BY.put("nonce-reuse", List.of("CREC-001"));
        CAUGHT_BY.put("seq-from-1", List.of("CREC-001"));
        CAUGHT_BY.put("wrong-direction-keys", List.of("CREC-001"));
        CAUGHT_BY.put("empty-aad", List.of("CREC-001"));
        CAUGHT_BY.put("no-tag-check", List.of("CREC-002"));
        CAUGHT_BY.put("no-seq-check", List.of("CREC-003", "CREC-004", "CREC-005"));
        CAUGHT_BY.put("prints-before-check", List.of("CREC-003", "CECHO-001"));
        CAUGHT_BY.put("no-utf8-check", List.of("CECHO-001"));
        CAUGHT_BY.put("no-inner-type-check", List.of("CREC-007"));
        CAUGHT_BY.put("no-low-order-check", List.of("CHS-011"));
        CAUGHT_BY.put("no-modp-range-check", List.of("CHS-013"));
        CAUGHT_BY.put("no-finished-check", List.of("CHS-014"));
        CAUGHT_BY.put("no-version-check", List.of("CHS-006"));
        CAUGHT_BY.put("no-suite-check", List.of("CHS-007"));
        CAUGHT_BY.put("no-share-len-check", List.of("CHS-010"));
        CAUGHT_BY.put("static-share", List.of("CHS-004"));
        CAUGHT_BY.put("retry-other-suite", List.of("CHS-005"));
        CAUGHT_BY.put("one-frame-per-recv", List.of("CFRM-001"));
        CAUGHT_BY.put("unknown-frame-ignored", List.of("CFRM-003"));
        CAUGHT_BY.put("no-state-check", List.of("CFRM-007"));
        CAUGHT_BY.put("no-size-check", List.of("CFRM-004"));
        CAUGHT_BY.put("no-timeout", List.of("CHS-016", "CLIM-001", "CLIM-002", "CLIM-003"));
        CAUGHT_BY.put("fin-is-clean", List.of("CCLOSE-001"));
        CAUGHT_BY.put("no-close", List.of("CHS-001"));
        CAUGHT_BY.put("no-wait-for-close", List.of("CLIM-003"));
        CAUGHT_BY.put("unsolicited-reply-accepted", List.of("CECHO-004"));
        CAUGHT_BY.put("early-close-is-clean", List.of("CCLOSE-004"));
        CAUGHT_BY.put("alert-answers-alert", List.of("CHS-018", "CREC-008", "CCLOSE-007", "CCLOSE-008"));
        CAUGHT_BY.put("answers-malformed-alert", List.of("CCLOSE-009"));
        CAUGHT_BY.put("plaintext-alert-after-established", List.of("CREC-002"));
        CAUGHT_BY.put("reset-on-close", List.of("CCLOSE-010"));
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_RUNS);
    private PythonLabServer.Python python;
    private CompletableFuture<RunSummary> correct;
    private CompletableFuture<RunSummary> withoutModp;
    private final Map<String, CompletableFuture<RunSummary>> broken = new LinkedHashMap<>();

    /** The client under test: the Python client as a --client-command, with its faults. */
    private String command(String... faults) {
        StringBuilder command = new StringBuilder(ShellWords.quote(python.command()) + " "
                + ShellWords.quote(SCRIPT.toString()) + " --host {host} --port {port} --suite {suite} "
                + "--psk-file {psk_file} --timeout 2");
        Stream.of(faults).forEach(fault -> command.append(" --fault ").append(fault));
        return command.toString();
    }

    private CompletableFuture<RunSummary> start(String name, Map<String, String> parameters) {
        return CompletableFuture.supplyAsync(() -> InProcessHarness.summaryOnly(parameters, REPORTS.resolve(name)), pool);
    }

    @BeforeAll
    void startEveryRun() {
        python = PythonLabServer.pythons().get(0);
        correct = start("correct", Map.of(ClientTargetConfig.CLIENT_COMMAND, command(), TargetConfig.SEED, "21"));
        withoutModp = start("no-modp2048", Map.of(ClientTargetConfig.CLIENT_COMMAND, command() + " --no-suite modp2048",
                TargetConfig.CASE, "CHS-001,CHS-002,CHS-013", TargetConfig.SEED, "21"));
        CAUGHT_BY.forEach((fault, cases) -> broken.put(fault, start(fault, Map.of(
                ClientTargetConfig.CLIENT_COMMAND, command(fault), TargetConfig.CASE, String.join(",", cases),
                ClientTargetConfig.CLIENT_RUN_TIMEOUT, "8s", TargetConfig.SEED, "21"))));
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theCorrectClientPassesEveryClientCase() {
        RunSummary summary = correct.join();
        List<String> notPassed = summary.cases().stream().filter(c -> c.verdict() != Verdict.PASS)
                .map(c -> c.id() + " " + c.verdict() + ": " + c.message()).collect(Collectors.toList());
        assertEquals(1, notPassed.size(), String.join("\n", notPassed));
        assertTrue(notPassed.get(0).startsWith(NOT_APPLICABLE + " SKIP"), notPassed.get(0));
        assertTrue(summary.cases().size() >= 40, "every client case ran: " + summary.cases().size());
        ReportChecks.assertReportsAgree(REPORTS.resolve("correct"));
    }

    /** Exit status 127: the client does not support the suite, so the cases that need it are SKIP, saying so. */
    @Test
    void aSuiteTheClientDeclinesWith127IsSkipped() {
        RunSummary summary = withoutModp.join();
        for (CaseResult result : summary.cases()) {
            if (result.id().equals("CHS-001")) {
                assertEquals(Verdict.PASS, result.verdict(), result.message());
            } else {
                assertEquals(Verdict.SKIP, result.verdict(), result.id() + ": " + result.message());
                assertTrue(result.message().startsWith("suite modp2048: not supported: the client exited with "
                        + "status 127 (\"secho_client.py:"), result.message());
            }
        }
        assertEquals(8, summary.cases().size(), "CHS-001, CHS-002 and CHS-013.1..6");
    }

    static Stream<String> faults() {
        return CAUGHT_BY.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("faults")
    void eachBrokenClientIsCaughtByTheCasesForItsMistake(String fault) {
        RunSummary summary = broken.get(fault).join();
        List<String> failed = summary.cases().stream().filter(c -> c.verdict() == Verdict.FAIL).map(CaseResult::id)
                .collect(Collectors.toList());
        for (String target : CAUGHT_BY.get(fault)) {
            assertTrue(failed.stream().anyMatch(id -> id.equals(target) || id.startsWith(target + ".")),
                    fault + ": " + target + " did not fail; failed: " + failed + " (reports: "
                            + REPORTS.resolve(fault).toAbsolutePath() + ")");
        }
        assertEquals(List.of(), summary.cases().stream().filter(c -> c.verdict() == Verdict.ERROR).map(CaseResult::id)
                .collect(Collectors.toList()), fault + ": harness errors are harness bugs");
        ReportChecks.assertReportsAgree(REPORTS.resolve(fault));
    }

    /** A fault the script gains is a fault the matrix must place; at least 15 plausible mistakes in all. */
    @Test
    void everyFaultOfTheClientIsInTheMatrix() throws IOException, InterruptedException {
        Process list = new ProcessBuilder(python.command(), SCRIPT.toString(), "--list-faults").start();
        list.getOutputStream().close();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(30, TimeUnit.SECONDS) && list.exitValue() == 0, output);
        Set<String> listed = output.lines().filter(line -> !line.isBlank()).map(line -> line.strip().split("\\s+")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, new TreeSet<>(CAUGHT_BY.keySet()));
        assertTrue(listed.size() >= 15, "at least 15 broken clients: " + listed.size());
    }

    /** Every client family is shown to catch at least one broken client it was designed for. */
    @Test
    void everyClientFamilyCatchesSomeFault() {
        Set<Family> families = EnumSet.allOf(Family.class);
        families.removeIf(family -> !family.client());
        CAUGHT_BY.values().forEach(cases -> cases.forEach(id -> Family.ofCaseId(id).ifPresent(families::remove)));
        assertEquals(Set.of(), families, "client families with no broken client designed for them");
    }
}
