package io.secho.conformance;

import java.util.List;

/**
 * Case IDs that once existed and were removed. An ID is never reused or renumbered, so a baseline file
 * or a bug report that names one keeps its meaning; a test checks no current case takes one of these.
 */
public final class RetiredCases {
    /**
     * Each entry: the ID, then why it was retired. Gaps in the numbering (HS-006..HS-009, HS-020) were
     * never assigned and are not retired: they may still be given out once.
     */
    public static final List<String> IDS = List.of();

    private RetiredCases() {
    }
}
