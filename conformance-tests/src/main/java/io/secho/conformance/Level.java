package io.secho.conformance;

/** How binding the checked requirement is: a MUST failure fails the run, a SHOULD failure is reported. */
public enum Level {
    MUST,
    SHOULD
}
