package io.secho.conformance;

import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.ConformanceListener;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Runs the harness's cases in this JVM, as the jar would, and returns the verdicts and what it printed. */
public final class InProcessHarness {
    /** A finished run. */
    public record Result(RunSummary summary, String output) {
        /** The IDs of the cases with these verdicts, in case-ID order. */
        public List<String> ids(Verdict... verdicts) {
            List<Verdict> wanted = List.of(verdicts);
            return summary.cases().stream().filter(c -> wanted.contains(c.verdict())).map(CaseResult::id)
                    .collect(Collectors.toList());
        }

        public CaseResult result(String caseId) {
            return summary.cases().stream().filter(c -> c.id().equals(caseId)).findFirst()
                    .orElseThrow(() -> new AssertionError(caseId + " is not in the report:\n" + output));
        }
    }

    private InProcessHarness() {
    }

    /**
     * @param parameters configuration parameters ({@code secho.target}, ...), as the command line sets them; the
     *                   build's own system properties apply too, and the harness's JUnit settings (parallelism)
     */
    public static Result run(Map<String, String> parameters, Path reportDir) {
        return capture(CaseCatalog.request(parameters), reportDir);
    }

    /** The same, blind to the build's {@code -Dsecho.*}: only these parameters, and the cases run one by one. */
    public static Result runWithOnly(Map<String, String> parameters, Path reportDir) {
        return capture(CaseCatalog.requestWithOnly(parameters), reportDir);
    }

    /** A run whose printed output is not kept (many runs in one test): the summary and the reports only. */
    public static RunSummary summaryOnly(Map<String, String> parameters, Path reportDir) {
        return execute(CaseCatalog.request(parameters), reportDir, OutputStream.nullOutputStream());
    }

    private static Result capture(LauncherDiscoveryRequest request, Path reportDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        RunSummary summary = execute(request, reportDir, output);
        return new Result(summary, output.toString(StandardCharsets.UTF_8));
    }

    private static RunSummary execute(LauncherDiscoveryRequest request, Path reportDir, OutputStream output) {
        ConformanceListener listener = new ConformanceListener(new PrintStream(output, true, StandardCharsets.UTF_8),
                Optional.of(reportDir));
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request, listener);
        return listener.summary().orElseThrow(() -> new AssertionError("the harness ran no case:\n" + output));
    }
}
