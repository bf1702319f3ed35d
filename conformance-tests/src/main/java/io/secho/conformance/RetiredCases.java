package io.secho.conformance;

import java.util.List;

/**
 * Case IDs that once existed and were removed. An ID is never reused or renumbered, so a baseline file
 * or a bug report that names one keeps its meaning; a test checks no current case takes one of these.
 */
public final class RetiredCases {
    /** Each entry: the ID, then why it was retired. HS-006..HS-010, HS-020 and HS-023 were never assigned. */
    public static final List<String> IDS = List.of();

    private RetiredCases() {
    }
}
