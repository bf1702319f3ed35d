package io.secho.conformance;

import io.secho.conformance.net.Trace;

/**
 * What the kernel ({@link ConformanceExtension}) needs of a case's context, in every profile: how much evidence
 * the case recorded, its trace for the reports, and a way to drop its connections when the case ends or the
 * harness runs out of memory.
 */
public interface GuardedCase {
    /** How many checks the case recorded; none means it proved nothing, so it cannot pass. */
    int evidenceCount();

    /** What the case sent, received and checked, for the reports. */
    Trace trace();

    /** Closes every connection of the case; safe to call more than once. */
    void close();
}
