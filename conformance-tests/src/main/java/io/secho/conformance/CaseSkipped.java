package io.secho.conformance;

import org.opentest4j.TestAbortedException;

/**
 * A case does not apply to this target as configured: a suite it needs is not offered or not selected,
 * or an option it needs (the target's idle timeout, its connection limit) was not given. The reason
 * names the suite or the option, so that the user knows how to run it.
 */
public final class CaseSkipped extends TestAbortedException {
    public CaseSkipped(String reason) {
        super(reason);
    }

    /** Skipped for want of an option: the reason says which, and what it tells the harness. */
    public static CaseSkipped needsOption(String option, String what) {
        return new CaseSkipped("needs " + option + " (" + what + ")");
    }
}
