package io.secho.conformance;

import java.util.List;

/**
 * Case IDs that once existed and were removed. An ID is never reused or renumbered, so a baseline file
 * or a bug report that names one keeps its meaning; a test checks no current case takes one of these.
 * The invocations of the vector cases ({@code HS-010.N}, ...) are numbered by the vectors' tcIds, which
 * vectors/tcids.json pins for ever; the invocations of a retired tcId are listed by
 * {@code io.secho.conformance.cases.CaseInputs#retired}, not here.
 */
public final class RetiredCases {
    /** A retired ID and why it was retired. */
    public record Retired(String id, String why) {
    }

    /**
     * Each entry: the ID, then why it was retired. Gaps in the numbering (HS-006..HS-009, HS-020) were
     * never assigned and are not retired: they may still be given out once.
     */
    public static final List<String> IDS = List.of();

    private RetiredCases() {
    }

    /** {@link #IDS}, each split into its ID and its reason. */
    public static List<Retired> all() {
        return IDS.stream().map(entry -> {
            String[] parts = entry.strip().split("\\s+", 2);
            return new Retired(parts[0], parts.length > 1 ? parts[1] : "retired");
        }).toList();
    }
}
