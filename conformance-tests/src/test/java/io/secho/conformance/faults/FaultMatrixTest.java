package io.secho.conformance.faults;

import io.secho.conformance.MachineHeavy;
import io.secho.conformance.Family;
import io.secho.conformance.report.ReportChecks;
import io.secho.conformance.report.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness proves itself: run against servers with one deliberate mistake each, it must fail the
 * cases designed for that mistake, and nothing it cannot explain; against a correct server, nothing.
 * The correct server is given every option the cases need (idle timeout, connection limit), so that no
 * case is skipped against it either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(MachineHeavy.LOCK)
class FaultMatrixTest {
    /** Faults run side by side; each run's cases mostly wait on sockets. */
    private static final int CONCURRENT_RUNS = 6;
    private static final Path REPORTS = Path.of("target", "fault-matrix");

    private final long started = System.nanoTime();
    private final FaultRuns runs = new FaultRuns(CONCURRENT_RUNS, REPORTS);

    @ParameterizedTest
    @EnumSource(Fault.class)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void harnessCatchesTheFault(Fault fault) {
        FaultRun run = runs.await(fault);
        String where = " (reports: " + run.reports().toAbsolutePath() + ")";
        assertEquals(List.of(), run.with(Verdict.ERROR), fault + ": harness errors are harness bugs" + where);
        if (fault == Fault.NONE) {
            List<FaultRun.CaseVerdict> notPassed = run.cases().stream().filter(c -> c.verdict() != Verdict.PASS)
                    .collect(Collectors.toList());
            assertEquals(List.of(), notPassed, "a correct server must pass every case, none skipped" + where);
            assertFalse(run.cases().isEmpty(), "the harness ran no case");
            return;
        }
        List<String> failed = run.failedIds();
        for (String pattern : fault.mustFail()) {
            assertTrue(failed.stream().anyMatch(id -> Fault.matches(pattern, id)),
                    fault + ": no case matching " + pattern + " failed; failed: " + failed + where);
        }
        List<FaultRun.CaseVerdict> unexplained = run.cases().stream()
                .filter(c -> c.notPassed() && Stream.concat(fault.mustFail().stream(), fault.mayFail().stream())
                        .noneMatch(p -> Fault.matches(p, c.id())))
                .collect(Collectors.toList());
        assertEquals(List.of(), unexplained, fault + ": cases failed or were blocked that this fault should not "
                + "make fail" + where);
    }

    /**
     * Every run's reports, full of real failures, blocks and warnings, validate against the published schema
     * and the JUnit form, and agree with each other and with the run's exit code. Checked once every run has
     * ended, so that the checks take no CPU from runs whose verdicts depend on answers coming in time.
     */
    @Test
    void reportsOfEveryRunValidateAndAgree() {
        List<FaultRun> all = Arrays.stream(Fault.values()).map(runs::await).toList();
        assertAll(all.stream().map(run -> () -> {
            try {
                ReportChecks.assertReportsAgree(run.reports());
            } catch (AssertionError wrong) {
                throw new AssertionError(run.fault() + " (" + run.reports() + "): " + wrong.getMessage(), wrong);
            }
        }));
    }

    /** A pattern that matches no case is a typo, and would make a fault's sets say less than they seem to. */
    @Test
    void everyPatternNamesCasesThatExist() {
        Set<String> ids = runs.await(Fault.NONE).cases().stream().map(FaultRun.CaseVerdict::id)
                .collect(Collectors.toSet());
        for (Fault fault : Fault.values()) {
            Stream.concat(fault.mustFail().stream(), fault.mayFail().stream()).forEach(pattern ->
                    assertTrue(ids.stream().anyMatch(id -> Fault.matches(pattern, id)),
                            fault + ": " + pattern + " matches no case"));
        }
    }

    /**
     * Every server family is shown to catch at least one fault it was designed for (the client families by the
     * broken clients of ClientFaultMatrixTest).
     */
    @Test
    void everyFamilyCatchesSomeFault() {
        Set<Family> families = EnumSet.allOf(Family.class);
        families.remove(Family.LAB);
        families.removeIf(Family::client);
        for (Fault fault : Fault.values()) {
            fault.mustFail().forEach(pattern -> Family.ofCaseId(pattern).ifPresent(families::remove));
        }
        assertEquals(Set.of(), families, "families with no fault designed for them");
    }

    @AfterAll
    void printMatrix() {
        List<FaultRun> finished = runs.finished();
        runs.close();
        List<Family> families = Arrays.stream(Family.values())
                .filter(f -> finished.stream().anyMatch(r -> r.cases().stream().anyMatch(c -> c.family() == f)))
                .collect(Collectors.toList());
        int width = Arrays.stream(Fault.values()).mapToInt(f -> f.name().length()).max().orElse(10) + 2;
        StringBuilder matrix = new StringBuilder("\nFault matrix: failed cases per family (of cases run)\n");
        matrix.append(String.format("%-" + width + "s", "fault"));
        families.forEach(family -> matrix.append(String.format(" %9s", family.prefix())));
        matrix.append(String.format(" %8s%n", "time"));
        for (FaultRun run : finished) {
            matrix.append(String.format("%-" + width + "s", run.fault()));
            for (Family family : families) {
                List<FaultRun.CaseVerdict> inFamily = run.cases().stream().filter(c -> c.family() == family)
                        .collect(Collectors.toList());
                long failed = inFamily.stream().filter(FaultRun.CaseVerdict::failed).count();
                matrix.append(String.format(" %9s", failed + "/" + inFamily.size()));
            }
            matrix.append(String.format(" %7.1fs%n", run.millis() / 1000.0));
        }
        matrix.append(String.format("%d faults and the correct server, %d at a time: %.0f s%n", finished.size() - 1,
                CONCURRENT_RUNS, (System.nanoTime() - started) / 1e9));
        System.out.println(matrix);
    }
}
