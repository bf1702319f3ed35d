package io.secho.conformance.lab;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseContext;
import io.secho.conformance.CaseScope;
import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.GuardedCase;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.RandomBytes;
import io.secho.conformance.requirements.Req;
import io.secho.lab.LabProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a lab case works with: the target, randomness fixed by the seed and the case ID, a wire trace,
 * connections closed when the case ends, and the ways a lab case ends other than PASS, as in the v1
 * cases ({@link CaseContext}):
 *
 * <ul>
 *   <li>Getting to the probe (a session, its first echo) is the case's precondition: when it fails, the
 *   case is {@link CaseBlocked BLOCKED} by "the first echo failed (see LAB-001)", and finds nothing.</li>
 *   <li>The probe's judgement fails the case: {@link #fail}, {@link #failWith}, or {@link #finding} of a
 *   weakness, which the report shows as FOUND.</li>
 * </ul>
 *
 * Every PASS needs evidence ({@link #evidence}): a case that returns without any is an ERROR.
 */
public final class LabContext implements AutoCloseable, GuardedCase {
    /** How long a case waits to be sure no echo comes; an echo comes within milliseconds if at all. */
    static final Duration NO_ECHO_WAIT = Duration.ofSeconds(1);
    /** The liveness probe: no 'i' in it, so that a server that upper-cases wrongly fails the echo cases only. */
    private static final String PROBE = "ready?";

    private final LabTargetRun target;
    private final CaseScope scope;
    private final RandomBytes random;
    private final Trace trace;
    private final List<TestConnection> connections = new ArrayList<>();
    private final List<LabPeer> peers = new ArrayList<>();

    LabContext(LabTargetRun target, String caseId, List<String> ids) {
        this.target = target;
        this.scope = new CaseScope(caseId, ids);
        this.trace = scope.trace();
        this.random = InsecureDeterministicRandomBytes.fromLabel("secho-conformance lab/" + target.config().seed()
                + "/" + caseId);
    }

    @Override
    public CaseScope scope() {
        return scope;
    }

    public String caseId() {
        return scope.caseId();
    }

    public LabProfile profile() {
        return target.config().profile();
    }

    public LabTargetRun target() {
        return target;
    }

    public RandomBytes random() {
        return random;
    }

    public Trace trace() {
        return trace;
    }

    public Duration ioTimeout() {
        return target.config().ioTimeout();
    }

    /** The words every hang is reported in, with the limit that passed. */
    public String noAnswer() {
        long millis = ioTimeout().toMillis();
        String limit = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        return "no answer within " + limit + " (the server hangs)";
    }

    /** How many connections the case (with its liveness check) has opened to the server so far. */
    int connectionCount() {
        return connections.size();
    }

    /**
     * A session with the key in place (dh: after the key exchange), ended politely with the case. BLOCKS the
     * case when none starts.
     */
    public LabPeer open() {
        try {
            return openSession();
        } catch (LabSessionProblem problem) {
            throw new CaseBlocked(LabRunProgress.FIRST_ECHO_FAILED, LabRunProgress.FIRST_CASE, problem.getMessage());
        }
    }

    /** A session whose first message is echoed: how every case begins. BLOCKS the case otherwise. */
    public LabPeer start(String firstMessage) {
        LabPeer peer = open();
        peer.firstEcho(firstMessage);
        return peer;
    }

    /**
     * A session for the case whose probe it is (LAB-001, and the liveness checks).
     *
     * @throws LabSessionProblem saying what was seen, when no session starts
     */
    LabPeer openSession() {
        TestConnection connection;
        try {
            connection = TestConnection.open(target.address(), trace, ioTimeout());
        } catch (IOException e) {
            throw new LabSessionProblem(LabSessionProblem.Kind.NO_CONNECTION, e.getMessage()
                    + " (the server no longer accepts connections)");
        }
        connections.add(connection);
        LabPeer peer = LabPeer.open(this, connection, target.progress().claimFirstContact());
        peers.add(peer);
        return peer;
    }

    /** A position in [0, bound), fixed by the seed. */
    public int randomIndex(int bound) {
        return CaseContext.randomIndex(random, bound);
    }

    /**
     * The probe of the cases about a server that stops: after whatever the case did, a fresh connection is
     * still served (evidence), or the weakness is found.
     *
     * @param after what the case did, in words, for the finding
     */
    public void assertStillServing(Weakness weakness, String after) {
        Optional<String> problem = servingProblem();
        if (problem.isPresent()) {
            throw finding(weakness, "a fresh connection is not served " + after + ": " + problem.get(),
                    "record \"" + PROBE + "\"");
        }
        evidence("a fresh connection was served " + after);
    }

    /**
     * Why a fresh connection is not served, if it is not. The case's sessions are ended first, so that a
     * server that serves one client at a time is not blamed for waiting on them.
     */
    public Optional<String> servingProblem() {
        peers.forEach(LabPeer::end);
        trace.note("checking that a fresh connection is served");
        LabPeer peer;
        try {
            peer = openSession();
        } catch (LabSessionProblem e) {
            return Optional.of(e.getMessage());
        }
        LabReply reply;
        try {
            reply = peer.exchange(PROBE);
        } catch (ConformanceFailure sendFailed) {
            return Optional.of("the server took no record: " + peer.connection().sendFailure().orElse("?"));
        }
        peer.end();
        return peer.isEcho(reply, PROBE) ? Optional.empty()
                : Optional.of(reply.silent() ? noAnswer() : "instead of \"READY?\": " + reply.describe());
    }

    /** Records that the case compared something real with what the lab protocol requires ({@link CaseScope#evidence}). */
    public void evidence(String what) {
        scope.evidence(what);
    }

    /** The case's own rules or weaknesses were broken; {@code observed} in plain words. */
    public ConformanceFailure fail(String expected, String observed, String sent) {
        return scope.fail(expected, observed, sent);
    }

    /** A rule of the lab protocol other than the case's own was broken on the way. */
    public ConformanceFailure failWith(Req rule, String expected, String observed, String sent) {
        return scope.failWith(List.of(rule.id()), expected, observed, sent);
    }

    /** A weakness was found by the case's own probe: says which, whom it blames, and what was seen. */
    public ConformanceFailure finding(Weakness weakness, String observed, String sent) {
        return scope.failWith(List.of(weakness.id()), "weakness found: " + weakness.title() + " ("
                + weakness.blame() + ")", observed, sent);
    }

    /** Ends every session the case left open with the 0x0a marker, as a lab client would, then closes all. */
    @Override
    public void close() {
        peers.forEach(LabPeer::end);
        connections.forEach(TestConnection::close);
    }
}
