package io.secho.conformance.learn;

import java.util.Objects;

/**
 * The target answered one word in ways no majority settles: learning stops rather than learn a garbage model.
 * Typical cause: a quiet period too short for a loaded machine or a slow target.
 */
public final class NondeterministicTargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Not serialized with the exception: a report reads it in the same JVM. */
    private final transient Nondeterminism nondeterminism;

    public NondeterministicTargetException(Nondeterminism nondeterminism, String why) {
        super(why + ": " + nondeterminism.word() + " answered " + nondeterminism.answers());
        this.nondeterminism = Objects.requireNonNull(nondeterminism);
    }

    public Nondeterminism nondeterminism() {
        return nondeterminism;
    }
}
