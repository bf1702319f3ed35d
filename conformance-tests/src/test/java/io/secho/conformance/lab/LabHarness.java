package io.secho.conformance.lab;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Runs the lab cases in-process against a target, as the jar would, and returns the verdicts. */
final class LabHarness {
    /** A finished run: the summary and what the harness printed. */
    record Result(RunSummary summary, String output) {
        List<String> ids(Verdict... verdicts) {
            List<Verdict> wanted = List.of(verdicts);
            return summary.cases().stream().filter(c -> wanted.contains(c.verdict())).map(CaseResult::id).sorted()
                    .collect(Collectors.toList());
        }

        /** The weakness IDs that failed cases cite: what the run found. */
        List<String> found() {
            return summary.cases().stream().filter(c -> c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN)
                    .flatMap(c -> c.requirements().stream()).filter(id -> id.startsWith("LAB-W")).distinct().sorted()
                    .collect(Collectors.toList());
        }

        String message(String caseId) {
            return summary.cases().stream().filter(c -> c.id().equals(caseId)).map(CaseResult::message).findFirst()
                    .orElseThrow(() -> new AssertionError(caseId + " did not run:\n" + output));
        }
    }

    private LabHarness() {
    }

    /**
     * @param options lab options by name ({@code --lab-variant} to {@code dh}), as the command line gives them
     */
    static Result run(Optional<String> target, Map<String, String> options, Path reportDir, String... extra) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB);
        target.ifPresent(t -> parameters.put(TargetConfig.TARGET, t));
        options.forEach((option, value) -> parameters.put(LabTargetConfig.parameterName(option), value));
        parameters.put(TargetConfig.SEED, "4711");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        // Only these parameters: a -Dsecho.* of the build must not leak into the run.
        InProcessHarness.Result run = InProcessHarness.runWithOnly(parameters, reportDir);
        return new Result(run.summary(), run.output());
    }
}
