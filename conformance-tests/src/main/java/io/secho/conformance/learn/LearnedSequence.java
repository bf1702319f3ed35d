package io.secho.conformance.learn;

import java.util.List;
import java.util.Objects;

/**
 * An input word on which learning once found an implementation to differ from the spec model: replayed by the
 * case LEARN-001 against every later target.
 *
 * @param number the N of LEARN-001.N, never reused
 * @param word the abstract inputs, as in the spec model
 * @param found how it was found: which implementation, which difference
 */
public record LearnedSequence(int number, List<String> word, String found) {
    public LearnedSequence {
        word = List.copyOf(word);
        Objects.requireNonNull(found, "found");
        if (number < 1) {
            throw new IllegalArgumentException("a learned case's number is 1 or more, not " + number);
        }
        if (word.isEmpty()) {
            throw new IllegalArgumentException("learned case " + number + " has no inputs");
        }
    }

    /** The inputs as one line, the form --replay takes. */
    public String wordText() {
        return String.join(" ", word);
    }
}
