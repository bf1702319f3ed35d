package io.secho.conformance.lab;

import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.crypto.InsecureDeterministicRandomBytes;
import io.secho.crypto.RandomBytes;
import io.secho.lab.LabProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a lab case works with: the target, randomness fixed by the seed and the case ID, a wire trace,
 * connections closed when the case ends, and the two kinds of failure a lab case reports: a broken rule
 * of the lab protocol, and a finding of one of its weaknesses.
 */
public final class LabContext implements AutoCloseable {
    /** How long a case waits to be sure no echo comes; an echo comes within milliseconds if at all. */
    static final Duration NO_ECHO_WAIT = Duration.ofSeconds(1);
    private static final String PROBE = "ready?";

    private final LabTargetRun target;
    private final String caseId;
    private final List<String> ids;
    private final RandomBytes random;
    private final Trace trace = new Trace();
    private final List<TestConnection> connections = new ArrayList<>();
    private final List<LabPeer> peers = new ArrayList<>();

    LabContext(LabTargetRun target, String caseId, List<String> ids) {
        this.target = target;
        this.caseId = caseId;
        this.ids = List.copyOf(ids);
        this.random = InsecureDeterministicRandomBytes.fromLabel("secho-conformance lab/" + target.config().seed()
                + "/" + caseId);
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

    public TestConnection connect() {
        try {
            TestConnection connection = TestConnection.open(target.address(), trace, ioTimeout());
            connections.add(connection);
            return connection;
        } catch (IOException e) {
            throw failWith(LabRules.TRANSPORT, "a TCP connection to the lab server", e.getMessage()
                    + " (the server no longer accepts connections; did an earlier case stop it?)", "");
        }
    }

    /** A connection with the session key in place (dh: after the key exchange); ended politely with the case. */
    public LabPeer open() {
        LabPeer peer = LabPeer.open(this);
        peers.add(peer);
        return peer;
    }

    /** A position in [0, bound), fixed by the seed. */
    public int randomIndex(int bound) {
        return CaseContext.randomIndex(random, bound);
    }

    /**
     * After whatever the case did, a fresh connection is still served; otherwise the weakness is found.
     *
     * @param after what the case did, in words, for the finding
     */
    public void assertStillServing(Weakness weakness, String after) {
        servingProblem().ifPresent(problem -> {
            throw finding(weakness, "a fresh connection is not served " + after + ": " + problem, "record \"ready?\"");
        });
    }

    /**
     * Why a fresh connection is not served, if it is not. The case's sessions are ended first, so that a
     * server that serves one client at a time is not blamed for waiting on them.
     */
    public Optional<String> servingProblem() {
        peers.forEach(LabPeer::end);
        trace.note("checking that a fresh connection is still served");
        LabPeer peer;
        try {
            peer = open();
        } catch (ConformanceFailure e) {
            return Optional.of(firstLine(e));
        }
        // No 'i' in the probe: a server that upper-cases wrongly should fail the echo cases, not this one.
        LabReply reply = peer.exchange(PROBE);
        peer.end();
        return peer.isEcho(reply, PROBE) ? Optional.empty()
                : Optional.of(reply.silent() ? noAnswer() : "instead of \"READY?\": " + reply.describe());
    }

    /** The case's own rules or weaknesses were broken; {@code observed} in plain words. */
    public ConformanceFailure fail(String expected, String observed, String sent) {
        return new ConformanceFailure(ids, expected, observed + "\n  trace (last lines):\n" + trace.tail(12), sent);
    }

    /** A rule of the lab protocol other than the case's own was broken on the way (a key exchange, say). */
    public ConformanceFailure failWith(String id, String expected, String observed, String sent) {
        return new ConformanceFailure(List.of(id), expected, observed + "\n  trace (last lines):\n" + trace.tail(12), sent);
    }

    /** A weakness was found: says which, whom it blames, and what was seen. */
    public ConformanceFailure finding(Weakness weakness, String observed, String sent) {
        return new ConformanceFailure(List.of(weakness.id()), "weakness found: " + weakness.title() + " ("
                + weakness.blame() + ")", observed + "\n  trace (last lines):\n" + trace.tail(12), sent);
    }

    private static String firstLine(ConformanceFailure failure) {
        String message = failure.getMessage();
        int received = message.indexOf("received: ");
        String text = received < 0 ? message : message.substring(received + "received: ".length());
        return text.split("\n", 2)[0];
    }

    /** Ends every session the case left open with the 0x0a marker, as a lab client would, then closes all. */
    @Override
    public void close() {
        peers.forEach(LabPeer::end);
        connections.forEach(TestConnection::close);
    }
}
