package io.secho.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A CI user's list of known failures ({@code --expect FILE}): one case ID and a reason per line, {@code #}
 * comments. The run fails on a failure not listed and on a listed case that now passes, so the file
 * stays true.
 */
public record Baseline(Map<String, String> knownFailures) {
    public static Baseline read(Path file) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": '" + parts[0]
                        + "' needs a reason after the case ID");
            }
            known.put(parts[0], parts[1]);
        }
        return new Baseline(known);
    }

    /** Why the case is listed as a known failure; empty when it is not listed. */
    public Optional<String> reason(String caseId) {
        return Optional.ofNullable(knownFailures.get(caseId));
    }

    /** What the baseline says about a finished run. */
    public record Judgement(List<String> newFailures, List<String> nowPassing, List<String> stillFailing,
                          List<String> notRun) {
        public boolean ok() {
            return newFailures.isEmpty() && nowPassing.isEmpty();
        }
    }

    public Judgement judge(RunSummary summary) {
        List<String> newFailures = new ArrayList<>();
        List<String> nowPassing = new ArrayList<>();
        List<String> stillFailing = new ArrayList<>();
        for (CaseResult result : summary.cases()) {
            boolean listed = knownFailures.containsKey(result.id());
            boolean notPassing = result.verdict() == Verdict.FAIL || result.verdict() == Verdict.WARN
                    || result.verdict() == Verdict.BLOCKED;
            if (result.mustNotShown() && !listed) {
                newFailures.add(result.id());
            } else if (notPassing && listed) {
                stillFailing.add(result.id());
            } else if (result.verdict() == Verdict.PASS && listed) {
                nowPassing.add(result.id());
            }
        }
        Set<String> ran = summary.cases().stream().map(CaseResult::id).collect(Collectors.toSet());
        List<String> notRun = knownFailures.keySet().stream().filter(id -> !ran.contains(id)).collect(Collectors.toList());
        return new Judgement(newFailures, nowPassing, stillFailing, notRun);
    }
}
