package io.secho.conformance;

/**
 * What the verdict guards ({@link ConformanceExtension#runGuarded}) need of a case's context, in every
 * profile: how much evidence the case recorded, and a way to drop its connections when the harness runs
 * out of memory.
 */
public interface GuardedCase {
    /** How many checks the case recorded; none means it proved nothing, so it cannot pass. */
    int evidenceCount();

    /** Closes every connection of the case; safe to call more than once. */
    void close();
}
