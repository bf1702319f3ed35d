package io.secho.conformance.learn;

import java.util.List;
import java.util.Objects;

/**
 * One learn run's result, as the console and the report files show it.
 *
 * @param target the target as the user named it (e.g. "127.0.0.1:4433" or an image name)
 * @param suites the suites whose ClientHello inputs were in the alphabet
 * @param comparison the learned machine held against the spec model
 * @param statistics what the learning cost and whether a bound cut it short
 */
public record LearnOutcome(String target, List<String> suites, ModelComparison comparison,
        LearnStatistics statistics) {
    public LearnOutcome {
        Objects.requireNonNull(target, "target");
        suites = List.copyOf(suites);
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(statistics, "statistics");
    }

    public LearnVerdict verdict() {
        return LearnVerdict.of(comparison, statistics);
    }
}
