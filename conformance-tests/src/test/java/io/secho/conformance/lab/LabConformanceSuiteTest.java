package io.secho.conformance.lab;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.report.ConformanceListener;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code mvn verify -Dsecho.profile=lab} runs the lab profile's cases here, against the embedded
 * reference lab server or {@code -Dsecho.target=HOST:PORT}, with the lab knobs as
 * {@code -Dsecho.lab-variant=sec -Dsecho.key-file=...}. Unlike the v1 suite it fails the build only on a
 * MUST case: the weaknesses inherent in the lab protocol, which every lab server has, are reported
 * (WARN, in the printed report and in target/conformance-reports) but do not fail it.
 *
 * <p>Without {@code -Dsecho.profile=lab} it runs the lab cases against the embedded reference lab server
 * alone, so that a plain {@code mvn verify} checks them too and never reports this test as skipped; the
 * build's {@code -Dsecho.target}, if any, is then a v1 server and is not used here.
 */
class LabConformanceSuiteTest {
    @Test
    void labServerHasNoFault() {
        Map<String, String> lab = Map.of(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB);
        boolean labBuild = TargetConfig.PROFILE_LAB.equals(System.getProperty(TargetConfig.PROFILE, "").strip());
        // A lab build: the target and the knobs come from the -Dsecho.* of the build. Otherwise nothing of it may.
        LauncherDiscoveryRequest request = labBuild ? CaseCatalog.request(lab) : CaseCatalog.requestWithOnly(lab);
        // A lab build's reports go where the build says; the embedded run's beside the v1 suite's, not over them.
        Optional<Path> reportDir = labBuild ? Optional.empty() : Optional.of(Path.of(
                System.getProperty(TargetConfig.REPORT_DIR, "").isBlank() ? "target/conformance-reports"
                        : System.getProperty(TargetConfig.REPORT_DIR), "lab-embedded"));
        ConformanceListener listener = new ConformanceListener(System.out, reportDir);
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request, listener);
        RunSummary summary = listener.summary().orElseThrow(() -> new AssertionError("no lab case ran"));
        List<String> faults = summary.cases().stream()
                // Blocked or in error is not shown: a server that never answers must not pass.
                .filter(c -> c.mustNotShown() || c.verdict() == Verdict.ERROR)
                .map(c -> c.id() + " " + c.message().split("\n", 2)[0]).collect(Collectors.toList());
        assertEquals(List.of(), faults, "MUST cases of the lab profile failed, were blocked or ended in a harness error (see the report above)");
    }
}
