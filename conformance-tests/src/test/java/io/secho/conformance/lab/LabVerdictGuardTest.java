package io.secho.conformance.lab;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.HarnessError;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guards a lab verdict goes through, without a server: evidence, memory, and the run's progress. */
class LabVerdictGuardTest {
    /** A context for an external target that is never contacted: starting the run opens no connection. */
    private static LabContext context() throws IOException {
        LabTargetConfig config = LabTargetConfig.from(key -> Optional.ofNullable(Map.of(TargetConfig.TARGET,
                "127.0.0.1:9", LabTargetConfig.parameterName("--lab-variant"), "dh", TargetConfig.SEED, "1").get(key)));
        return new LabContext(LabTargetRun.start(config), "LAB-002", List.of("LAB-R4"));
    }

    @Test
    void aLabCaseThatReturnsWithoutEvidenceIsAnErrorNotAPass() throws IOException {
        LabContext silent = context();
        HarnessError error = assertThrows(HarnessError.class, () -> ConformanceExtension.runGuarded(() -> null, silent));
        assertTrue(error.getMessage().contains("without checking anything"), error.getMessage());
        LabContext checked = context();
        checked.evidence("something real");
        assertDoesNotThrow(() -> ConformanceExtension.runGuarded(() -> null, checked));
    }

    @Test
    void aLabCaseThatRunsOutOfMemoryIsAnError() throws IOException {
        LabContext context = context();
        HarnessError error = assertThrows(HarnessError.class, () -> ConformanceExtension.runGuarded(() -> {
            throw new OutOfMemoryError("test");
        }, context));
        assertTrue(error.getMessage().contains("ran out of memory"), error.getMessage());
    }

    @Test
    void afterTheFirstEchoFailsEveryCaseIsBlockedByIt() {
        LabRunProgress progress = new LabRunProgress();
        assertTrue(progress.blocker().isEmpty());
        progress.firstEchoFailed();
        CaseBlocked blocked = progress.blocker().orElseThrow();
        assertEquals("the first echo failed (see LAB-001)", blocked.heading());
    }

    @Test
    void aServerSilentAfterACaseBlocksTheRestNamingThatCase() {
        LabRunProgress progress = new LabRunProgress();
        progress.talked("LAB-011");
        progress.talked("LAB-012");
        CaseBlocked now = progress.notAnswering("no answer within 3 s (the server hangs)");
        assertEquals("the server has not answered since LAB-012", now.heading());
        assertTrue(now.getMessage().contains("no answer within 3 s"), now.getMessage());
        assertEquals("the server has not answered since LAB-012", progress.blocker().orElseThrow().heading());
    }

    /** With no case before it (LAB-001 not selected), the first failed liveness check is the first echo failing. */
    @Test
    void aSilentServerBeforeAnyCaseIsTheFirstEchoFailingAndSaysWhy() {
        LabRunProgress progress = new LabRunProgress();
        assertTrue(progress.claimFirstContact());
        assertTrue(!progress.claimFirstContact(), "only the run's first session listens first");
        CaseBlocked first = progress.notAnswering("the server spoke first: run with --server-sends-key-first");
        assertTrue(first.heading().startsWith("the first echo failed: the server spoke first")
                && first.heading().endsWith("(see LAB-001)"), first.heading());
        assertEquals(first.heading(), progress.blocker().orElseThrow().heading(), "one cause for every case");
    }
}
