package io.secho.conformance.faults;

import io.secho.conformance.Family;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One fault's harness run, boiled down to what the matrix judges: each case's ID, family, verdict and the
 * first line of its message. The traces stay in the run's reports, so fifty runs do not sit in memory.
 */
record FaultRun(Fault fault, List<CaseVerdict> cases, long millis, Path reports) {
    private static final int MESSAGE_SHOWN = 240;

    record CaseVerdict(String id, Family family, Verdict verdict, String message) {
        /** FAIL or WARN: the case saw the server break a MUST or a SHOULD. */
        boolean failed() {
            return verdict == Verdict.FAIL || verdict == Verdict.WARN;
        }

        /** Failed, or blocked: a case that did not pass for a reason the fault has to explain. */
        boolean notPassed() {
            return failed() || verdict == Verdict.BLOCKED;
        }

        @Override
        public String toString() {
            return verdict + " " + id + (message.isEmpty() ? "" : ": " + message);
        }
    }

    static FaultRun of(Fault fault, RunSummary summary, long millis, Path reports) {
        List<CaseVerdict> cases = summary.cases().stream()
                .map(c -> new CaseVerdict(c.id(), c.family(), c.verdict(), firstLine(c.message())))
                .collect(Collectors.toList());
        return new FaultRun(fault, cases, millis, reports);
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > MESSAGE_SHOWN ? line.substring(0, MESSAGE_SHOWN) + "..." : line;
    }

    List<CaseVerdict> with(Verdict verdict) {
        return cases.stream().filter(c -> c.verdict() == verdict).collect(Collectors.toList());
    }

    List<String> failedIds() {
        return cases.stream().filter(CaseVerdict::failed).map(CaseVerdict::id).sorted().collect(Collectors.toList());
    }
}
