package io.secho.conformance.targets;

/** What probing found out about one suite on the target. */
public record SuiteSupport(Status status, String detail) {
    public enum Status { OFFERED, NOT_OFFERED, NOT_TESTABLE, INCONCLUSIVE }

    public boolean offered() {
        return status == Status.OFFERED;
    }
}
