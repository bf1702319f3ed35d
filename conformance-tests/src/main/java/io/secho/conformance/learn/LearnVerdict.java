package io.secho.conformance.learn;

import java.util.Locale;

/** How a learned machine stands against the spec model. */
public enum LearnVerdict {
    /** No difference, and the search ran to its end. */
    EQUIVALENT,
    /** At least one difference: each one is real whatever bound stopped the search. */
    DIFFERENT,
    /** No difference found, but a bound or unresolved non-determinism stopped the search before it could tell. */
    INCOMPLETE;

    public static LearnVerdict of(ModelComparison comparison, LearnStatistics statistics) {
        if (!comparison.equivalent()) {
            return DIFFERENT;
        }
        boolean unresolved = statistics.nondeterminism().stream().anyMatch(n -> !n.resolved());
        return statistics.boundReached() || unresolved ? INCOMPLETE : EQUIVALENT;
    }

    /** The name the reports use: equivalent, different, incomplete. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
