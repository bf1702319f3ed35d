package io.secho.conformance.report;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.ConformanceFailure;

import java.util.List;

/**
 * The parts of a verdict that tools read as fields of their own; the case's message says the same for
 * people, in one text.
 */
public sealed interface VerdictDetail {
    /** PASS, SKIP and ERROR: the message says all there is. */
    VerdictDetail NONE = new None();

    record None() implements VerdictDetail {
    }

    /**
     * FAIL or WARN: what the spec required and what the target did instead.
     *
     * @param requirements the requirements that were not met (may be fewer than the case checks)
     * @param sent         empty when the case sent nothing in particular
     */
    record Mismatch(List<String> requirements, String expected, String sent, String received) implements VerdictDetail {
        public Mismatch {
            requirements = List.copyOf(requirements);
        }

        public static Mismatch of(ConformanceFailure failure) {
            return new Mismatch(failure.requirements(), failure.expected(), failure.sent(), failure.received());
        }
    }

    /**
     * BLOCKED: why the probe was never sent.
     *
     * @param cause  the same words for every case it blocked
     * @param see    the case or cases whose failure explains it; empty when none does
     * @param detail what this case observed; may be empty
     */
    record Blocked(String cause, String see, String detail) implements VerdictDetail {
        public static Blocked of(CaseBlocked blocked) {
            return new Blocked(blocked.cause(), blocked.see(), blocked.detail());
        }

        /** The cause with its pointer: what groups blocked cases in every report. */
        public String heading() {
            return CaseBlocked.heading(cause, see);
        }
    }
}
