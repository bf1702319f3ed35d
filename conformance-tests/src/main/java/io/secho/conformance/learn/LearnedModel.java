package io.secho.conformance.learn;

import java.util.Objects;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.impl.CompactMealy;

/**
 * What learning gave: the implementation's Mealy machine over the abstract alphabet, and the cost.
 *
 * @param machine the last hypothesis (the learned model when no bound was reached)
 * @param alphabet its inputs
 * @param statistics queries, symbols, rounds, time, bounds, non-determinism seen
 */
public record LearnedModel(CompactMealy<String, String> machine, Alphabet<String> alphabet,
        LearnStatistics statistics) {
    public LearnedModel {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(alphabet, "alphabet");
        Objects.requireNonNull(statistics, "statistics");
    }
}
