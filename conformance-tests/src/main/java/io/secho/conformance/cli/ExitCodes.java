package io.secho.conformance.cli;

import io.secho.conformance.report.RunSummary;

/** The harness's exit codes, as documented in the README and in {@code --help}. */
public final class ExitCodes {
    /** Every MUST case passed (with --expect: the failures are exactly the listed ones). */
    public static final int CONFORMANT = 0;
    /** A MUST case failed (not listed in --expect), or a listed case now passes. */
    public static final int NOT_CONFORMANT = 1;
    /** A mistake in the command line or its files, or a filter that selects no case. */
    public static final int USAGE = 2;
    /** The target could not be reached at all. */
    public static final int UNREACHABLE = 3;
    /**
     * The harness itself failed in a case (out of memory, an internal error) or the run was cut short: the
     * verdict is incomplete. It wins over 1, because a target cannot be called conformant or not on an
     * incomplete verdict.
     */
    public static final int HARNESS_ERROR = 4;

    private ExitCodes() {
    }

    /** A finished run's code, without a baseline: 4 over 1 over 0. */
    public static int forRun(RunSummary summary) {
        if (summary.harnessFailed()) {
            return HARNESS_ERROR;
        }
        return summary.mustNotShown() == 0 ? CONFORMANT : NOT_CONFORMANT;
    }
}
