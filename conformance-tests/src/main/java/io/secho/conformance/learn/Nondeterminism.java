package io.secho.conformance.learn;

import java.util.List;
import java.util.Map;

/**
 * One input word the target answered differently when asked again.
 *
 * @param word the abstract inputs
 * @param answers each distinct answer (abstract outputs, one per input) and how often it came
 * @param resolved whether one answer held a large enough majority to be used for learning
 */
public record Nondeterminism(List<String> word, Map<List<String>, Integer> answers, boolean resolved) {
    public Nondeterminism {
        word = List.copyOf(word);
        answers = Map.copyOf(answers);
    }
}
