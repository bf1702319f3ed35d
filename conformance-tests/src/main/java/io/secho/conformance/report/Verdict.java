package io.secho.conformance.report;

/**
 * What a case's run showed, from best to worst. A requirement, a family and a run take the worst
 * verdict of their cases, so one case that did not PASS is never hidden behind others that did.
 */
public enum Verdict {
    /** The probe ran and the server did what the spec requires. */
    PASS("the probe ran and the server did what the spec requires"),
    /** The case does not apply: a suite not offered or not selected, an option not given. */
    SKIP("not applicable to this target as configured; the reason names the suite or option"),
    /** A SHOULD requirement was not met. */
    WARN("a SHOULD requirement was not met"),
    /** A precondition failed, so the probe was never sent; the case or stage that blocked it is named. */
    BLOCKED("a precondition failed (no handshake, no connection served), so the probe was never sent"),
    /** A MUST requirement was not met. */
    FAIL("a MUST requirement was not met"),
    /** The harness itself failed: out of memory, an exception, a case that checked nothing. */
    ERROR("the harness itself failed; the case's verdict is unknown");

    private final String meaning;

    Verdict(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** The lower-case name the JSON report uses. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean worseThan(Verdict other) {
        return compareTo(other) > 0;
    }

    public static Verdict worst(Verdict a, Verdict b) {
        return a.worseThan(b) ? a : b;
    }
}
