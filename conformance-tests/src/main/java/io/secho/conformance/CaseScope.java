package io.secho.conformance;

import io.secho.conformance.net.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What every case has, whatever its profile and side: its ID, the requirements it checks, its trace, the
 * evidence it recorded and the failures that cite its requirements. Each profile's case context ({@link CaseContext},
 * the lab's, the clients') is this plus the helpers of its kind of target, by composition: the kernel
 * ({@link ConformanceExtension}) sees every case through it.
 */
public final class CaseScope {
    private final String caseId;
    private final List<String> requirements;
    private Trace trace = new Trace();
    private int evidence;

    public CaseScope(String caseId, List<String> requirements) {
        this.caseId = caseId;
        this.requirements = List.copyOf(requirements);
    }

    public String caseId() {
        return caseId;
    }

    public List<String> requirements() {
        return requirements;
    }

    public synchronized Trace trace() {
        return trace;
    }

    /** For a case whose story is a run shared with other cases (a lab client's first session): that run's trace. */
    public synchronized void adoptTrace(Trace shared) {
        trace = shared;
    }

    /**
     * Records that the case compared something real with what the spec requires; a case that returns with none
     * recorded is an ERROR, so that no PASS is ever vacuous.
     */
    public void evidence(String what) {
        synchronized (this) {
            evidence++;
        }
        trace().note("checked: " + what);
    }

    /** How many checks the case recorded; none means it proved nothing, so it cannot pass. */
    public synchronized int evidenceCount() {
        return evidence;
    }

    /** A failure citing this case's requirements. */
    public ConformanceFailure fail(String expected, String observed, String sent) {
        return failWith(requirements, expected, observed, sent);
    }

    /** A failure citing other requirements than the case's own (one broken on the way, or one of its own alone). */
    public ConformanceFailure failWith(List<String> requirementIds, String expected, String observed, String sent) {
        return ConformanceFailure.of(requirementIds, expected, observed, sent, trace());
    }

    /** This case's requirements and one more that a failure shows broken. */
    public List<String> with(String requirement) {
        List<String> all = new ArrayList<>(requirements);
        if (!all.contains(requirement)) {
            all.add(requirement);
        }
        return all;
    }
}
