package io.secho.conformance;

/**
 * The harness itself failed in a case: out of memory, a case that ended without checking anything, an
 * unexpected exception. The case's verdict is ERROR, never PASS, and the run's exit code says the
 * verdict is incomplete. The message is for a person; the cause, if any, goes to the JSON report.
 */
public final class HarnessError extends RuntimeException {
    public HarnessError(String message) {
        super(message);
    }

    public HarnessError(String message, Throwable cause) {
        super(message, cause);
    }
}
