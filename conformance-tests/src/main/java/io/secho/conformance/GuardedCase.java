package io.secho.conformance;

/**
 * A case's context as the kernel ({@link ConformanceExtension}) sees it, in every profile: the {@link CaseScope}
 * every case has, and a way to drop the case's connections when it ends or the harness runs out of memory.
 */
public interface GuardedCase {
    /** The case's ID, requirements, trace and evidence. */
    CaseScope scope();

    /** Closes every connection of the case; safe to call more than once. */
    void close();
}
