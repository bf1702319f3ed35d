package io.secho.conformance.learn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one learning run cost and how it ended, for the report: a verdict is only as good as the search behind
 * it, so the report states the bounds that cut the search short instead of hiding them.
 *
 * @param membershipQueries queries the learner and the equivalence oracle asked after the cache (each one a
 *     fresh connection to the target, repeats for non-determinism included)
 * @param inputSymbols concrete inputs sent over all those connections
 * @param equivalenceRounds hypotheses the equivalence oracle checked
 * @param elapsed wall time of the whole run
 * @param boundReached the query or time bound stopped the search before the equivalence oracle was satisfied
 * @param bounds the bounds as the user gave them, e.g. "max 20000 queries, 10m"
 * @param nondeterminism words whose answers differed between repeats
 */
public record LearnStatistics(long membershipQueries, long inputSymbols, int equivalenceRounds, Duration elapsed,
        boolean boundReached, String bounds, List<Nondeterminism> nondeterminism) {
    public LearnStatistics {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(bounds, "bounds");
        nondeterminism = List.copyOf(nondeterminism);
    }
}
