package io.secho.conformance.report;

import io.secho.conformance.Family;
import io.secho.conformance.Level;

import java.util.List;

/**
 * One case's verdict, with everything a report needs to explain it.
 *
 * @param message  what went wrong (FAIL, WARN, ERROR), why the case does not apply (SKIP) or what blocked it
 *                 (BLOCKED); empty for PASS
 * @param detail   the message's parts as fields: expected, sent and received for FAIL and WARN, what blocked
 *                 it for BLOCKED
 * @param internal for ERROR, the harness's own diagnostics (exception and stack), for the JSON report only
 * @param clientRuns for a client case, each run of the client (exit status, what it printed, what it sent and how
 *                   the connection ended) as a JSON array, for the JSON report; empty for a server case
 */
public record CaseResult(
        String id,
        String name,
        Family family,
        Level level,
        List<String> requirements,
        String endings,
        Verdict verdict,
        long millis,
        String message,
        VerdictDetail detail,
        String trace,
        String internal,
        String clientRuns) {

    public CaseResult {
        requirements = List.copyOf(requirements);
    }

    /** A server case's result. */
    public CaseResult(String id, String name, Family family, Level level, List<String> requirements, String endings,
                      Verdict verdict, long millis, String message, VerdictDetail detail, String trace, String internal) {
        this(id, name, family, level, requirements, endings, verdict, millis, message, detail, trace, internal, "");
    }

    /** For BLOCKED, the cause shared by every case it blocked, with the case to look at; else empty. */
    public String blockedBy() {
        return detail instanceof VerdictDetail.Blocked blocked ? blocked.heading() : "";
    }

    /** FAIL at MUST level is the only way a case fails; the same failure at SHOULD level is a WARN. */
    public boolean failedMust() {
        return verdict == Verdict.FAIL;
    }

    /** A MUST case that did not show the requirement met: it failed, or it was blocked. */
    public boolean mustNotShown() {
        return level == Level.MUST && (verdict == Verdict.FAIL || verdict == Verdict.BLOCKED);
    }
}
