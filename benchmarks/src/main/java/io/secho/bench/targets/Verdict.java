package io.secho.bench.targets;

/** The outcome of one target in one run. */
public enum Verdict {
    MET,
    MISSED,
    /** The run measured no value for it (a part skipped with --only, or no baseline to compare with). */
    NOT_MEASURED
}
