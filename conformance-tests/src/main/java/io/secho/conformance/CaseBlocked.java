package io.secho.conformance;

/**
 * A case could not send its probe because something before it failed: no handshake completed, the
 * target served no connection, the first echo failed. The case proves nothing either way, so it is no
 * pass; it names what blocked it, so that a run with one root cause reads as one cause, not hundreds
 * of failures.
 *
 * <p>An {@link AssertionError}, so that {@code mvn verify} counts a blocked case as failed, as it must:
 * a MUST that was never checked is not met.
 */
public final class CaseBlocked extends AssertionError {
    private final String cause;
    private final String see;
    private final String detail;

    /**
     * @param cause  what blocked the case, the same words for every case it blocks (the summary groups by it)
     * @param see    the case or cases whose failure explains it, e.g. {@code HS-001}; empty when none does
     * @param detail what was observed, for this case; may be empty
     */
    public CaseBlocked(String cause, String see, String detail) {
        super(format(cause, see, detail));
        this.cause = cause;
        this.see = see;
        this.detail = detail;
    }

    public String cause() {
        return cause;
    }

    public String see() {
        return see;
    }

    public String detail() {
        return detail;
    }

    /** The cause with its pointer, as one group's heading: {@code no suite completed a handshake (see HS-001)}. */
    public String heading() {
        return heading(cause, see);
    }

    /** A cause with its pointer, as every report words it. */
    public static String heading(String cause, String see) {
        return see.isEmpty() ? cause : cause + " (see " + see + ")";
    }

    private static String format(String cause, String see, String detail) {
        return "blocked: " + heading(cause, see) + (detail.isEmpty() ? "" : ": " + detail);
    }
}
