package io.secho.conformance.report;

import io.secho.conformance.Family;
import io.secho.conformance.Level;

import java.util.List;

/** One case's verdict, with everything a report needs to explain it. */
public record CaseResult(
        String id,
        String name,
        Family family,
        Level level,
        List<String> requirements,
        String endings,
        Status status,
        long millis,
        String message,
        String trace) {

    public enum Status { PASSED, FAILED, SKIPPED }

    public CaseResult {
        requirements = List.copyOf(requirements);
    }

    public boolean failedMust() {
        return status == Status.FAILED && level == Level.MUST;
    }
}
