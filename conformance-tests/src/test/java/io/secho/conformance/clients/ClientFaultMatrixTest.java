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
    /**
     * Each fault of the script, then the cases that must catch it: each an ID, or a case with .N inputs of which at
     * least one must fail.
     */
    private static final String MATRIX = """
            nonce-reuse                        CREC-001
            seq-from-1                         CREC-001
            wrong-direction-keys               CREC-001
            empty-aad                          CREC-001
            no-tag-check                       CREC-002
            no-seq-check                       CREC-003 CREC-004 CREC-005
            prints-before-check                CREC-003 CECHO-001
            no-utf8-check                      CECHO-001
            no-inner-type-check                CREC-007
            no-low-order-check                 CHS-011
            no-modp-range-check                CHS-013
            no-finished-check                  CHS-014
            no-version-check                   CHS-006
            no-suite-check                     CHS-007
            no-share-len-check                 CHS-010
            static-share                       CHS-004
            retry-other-suite                  CHS-005
            one-frame-per-recv                 CFRM-001
            unknown-frame-ignored              CFRM-003
            no-state-check                     CFRM-007
            no-size-check                      CFRM-004
            no-timeout                         CHS-016 CLIM-001 CLIM-002 CLIM-003
            fin-is-clean                       CCLOSE-001
            no-close                           CHS-001
            no-wait-for-close                  CLIM-003
            unsolicited-reply-accepted         CECHO-004
            early-close-is-clean               CCLOSE-004
            alert-answers-alert                CHS-018 CREC-008 CCLOSE-007 CCLOSE-008
            answers-malformed-alert            CCLOSE-009
            plaintext-alert-after-established  CREC-002
            reset-on-close                     CCLOSE-010
            """;
    private static final Map<String, List<String>> CAUGHT_BY = MATRIX.lines().map(String::strip)
            .filter(line -> !line.isEmpty()).map(line -> line.split("\\s+"))
            .collect(Collectors.toMap(words -> words[0], words -> List.of(words).subList(1, words.length),
                    (a, b) -> a, LinkedHashMap::new));

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
