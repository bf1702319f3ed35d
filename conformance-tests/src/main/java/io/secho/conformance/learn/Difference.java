package io.secho.conformance.learn;

import java.util.List;
import java.util.Objects;

/**
 * One way a learned machine departs from the spec model: in one spec state, some inputs got an output the spec
 * does not give. Transitions that share the spec state and both outputs are one difference (a server that
 * accepts a second ClientHello does so for every suite), shown with the shortest word that reaches one of them.
 *
 * @param specState the spec state in which the outputs differ
 * @param inputs every input, in alphabet order, that gives {@code actual} instead of {@code expected} there
 * @param expected the spec's output for those inputs
 * @param actual the implementation's output
 * @param word a shortest input word whose last input shows the difference
 * @param expectedOutputs the spec's output for each input of {@code word}
 * @param actualOutputs the implementation's output for each input of {@code word} (equal to the spec's but for
 *     the last: what follows a first difference is its consequence, not a new finding)
 * @param requirements the spec's requirement IDs for these transitions and its state machine's own ID
 * @param transitions how many differing transitions of the product this difference stands for
 */
public record Difference(String specState, List<String> inputs, String expected, String actual, List<String> word,
        List<String> expectedOutputs, List<String> actualOutputs, List<String> requirements, int transitions) {
    public Difference {
        Objects.requireNonNull(specState, "specState");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        inputs = List.copyOf(inputs);
        word = List.copyOf(word);
        expectedOutputs = List.copyOf(expectedOutputs);
        actualOutputs = List.copyOf(actualOutputs);
        requirements = List.copyOf(requirements);
        if (word.isEmpty() || word.size() != expectedOutputs.size() || word.size() != actualOutputs.size()) {
            throw new IllegalArgumentException("a difference needs a word with one output per input on both sides");
        }
    }
}
