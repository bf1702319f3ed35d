package io.secho.conformance.cli;

import io.secho.conformance.report.CaseOrder;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The real case IDs closest to one that is not a case: what the user most likely meant. */
final class NearestIds {
    /** How many suggestions a message names. */
    private static final int SHOWN = 3;
    /** Further than this many edits, an ID is no longer a likely typo. */
    private static final int MAX_EDITS = 3;

    private NearestIds() {
    }

    /**
     * The IDs within a few edits of {@code wanted} (a missing zero, a swapped digit), nearest first; failing
     * that, the IDs that start with it. Empty when nothing is close.
     */
    static List<String> of(String wanted, List<String> ids) {
        String key = wanted.toUpperCase(Locale.ROOT);
        List<String> close = ids.stream()
                .map(id -> new Scored(id, distance(key, id)))
                .filter(scored -> scored.edits() <= MAX_EDITS)
                .sorted(Comparator.comparingInt(Scored::edits).thenComparing(Scored::id, CaseOrder::compareIds))
                .limit(SHOWN).map(Scored::id).collect(Collectors.toList());
        if (!close.isEmpty()) {
            return close;
        }
        return ids.stream().filter(id -> id.startsWith(key)).limit(SHOWN).collect(Collectors.toList());
    }

    private record Scored(String id, int edits) {
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one each. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
