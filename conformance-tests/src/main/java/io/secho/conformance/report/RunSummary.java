package io.secho.conformance.report;

import java.time.Instant;
import java.util.List;

/** A finished run: which protocol, where it was pointed, with which seed, and every case's verdict. */
public record RunSummary(String protocol, String target, String seed, Instant started, long millis,
                         List<CaseResult> cases) {
    public static final String V1 = "Secho v1";

    public RunSummary {
        cases = List.copyOf(cases);
    }

    public long count(CaseResult.Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    public long mustFailures() {
        return cases.stream().filter(CaseResult::failedMust).count();
    }

    public long shouldFailures() {
        return cases.stream().filter(c -> c.status() == CaseResult.Status.FAILED && !c.failedMust()).count();
    }
}
