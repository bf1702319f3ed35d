package io.secho.conformance.lab;

import io.secho.conformance.CaseBlocked;

import java.util.Optional;

/**
 * What a lab run has learnt about its server so far: whether the first echo worked, which case last
 * talked to the server, and since when the server has not answered. It turns an early failure into
 * BLOCKED for the cases after it, so that one wrong knob or one frozen server reads as one cause, never
 * as weaknesses the later cases did not see. One per run, held by {@link LabTargetRun}.
 */
final class LabRunProgress {
    /** The case whose probe is the first echo: the others cannot judge anything when it fails. */
    static final String FIRST_CASE = "LAB-001";
    static final String FIRST_ECHO_FAILED = "the first echo failed";

    private boolean contacted;
    private boolean firstEchoFailed;
    /** Why, when the run's first liveness check found it rather than LAB-001, whose message would say. */
    private String firstEchoProblem = "";
    private Optional<String> lastCaseThatTalked = Optional.empty();
    private Optional<String> silentSince = Optional.empty();

    /**
     * True for the run's first session only: that one listens before it speaks, long enough to learn whether
     * the server speaks first (a dh server that sends its key at once, whatever the knob says).
     */
    synchronized boolean claimFirstContact() {
        boolean first = !contacted;
        contacted = true;
        return first;
    }

    /** LAB-001 did not pass: the run stops early, every case after it is BLOCKED by it. */
    synchronized void firstEchoFailed() {
        firstEchoFailed = true;
    }

    /** The case opened a connection to the server: a server silent after it has not answered since then. */
    synchronized void talked(String caseId) {
        lastCaseThatTalked = Optional.of(caseId);
    }

    /** Why the case must not run, when an earlier case or liveness check already shows it cannot. */
    synchronized Optional<CaseBlocked> blocker() {
        if (firstEchoFailed) {
            return Optional.of(firstEchoBlocker());
        }
        return silentSince.map(since -> new CaseBlocked(silentCause(since), "", ""));
    }

    /**
     * The liveness check before a case found the server not answering: this case is BLOCKED, and so is every
     * case after it. With no case before it that reached the server, that is the first echo failing.
     */
    synchronized CaseBlocked notAnswering(String problem) {
        if (lastCaseThatTalked.isEmpty()) {
            firstEchoFailed = true;
            // No LAB-001 failure says why (it was not selected): the cause, shared by every case, does.
            firstEchoProblem = problem;
            return firstEchoBlocker();
        }
        silentSince = lastCaseThatTalked;
        return new CaseBlocked(silentCause(silentSince.get()), "", problem);
    }

    private CaseBlocked firstEchoBlocker() {
        return new CaseBlocked(firstEchoProblem.isEmpty() ? FIRST_ECHO_FAILED : FIRST_ECHO_FAILED + ": "
                + firstEchoProblem, FIRST_CASE, "");
    }

    private static String silentCause(String caseId) {
        return "the server has not answered since " + caseId;
    }
}
