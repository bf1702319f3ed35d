package io.secho.conformance;

import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.ConformanceListener;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
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

    /** @param parameters configuration parameters ({@code secho.target}, ...), as the command line sets them */
    public static Result run(Map<String, String> parameters, Path reportDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ConformanceListener listener = new ConformanceListener(new PrintStream(output, true, StandardCharsets.UTF_8),
                Optional.of(reportDir));
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(CaseCatalog.request(parameters), listener);
        String printed = output.toString(StandardCharsets.UTF_8);
        RunSummary summary = listener.summary().orElseThrow(() -> new AssertionError("the harness ran no case:\n" + printed));
        return new Result(summary, printed);
    }
}
