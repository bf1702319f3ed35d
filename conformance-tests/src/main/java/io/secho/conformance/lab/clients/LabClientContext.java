package io.secho.conformance.lab.clients;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseScope;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.GuardedCase;
import io.secho.conformance.clients.ClientRunResult;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.net.Trace;

import io.secho.conformance.requirements.Req;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a lab client case works with: the client under test, a lab test server per run that follows the case's
 * script, randomness fixed by the run's seed and the case ID, a trace, and the ways a case ends other than PASS, as
 * for the lab server cases:
 *
 * <ul>
 *   <li>Talking to a lab server at all (connect, dh: the key exchange, the first message as a record that opens,
 *   its reply printed as the first line) is every probe's precondition: when the client does not get there, the
 *   case is {@link CaseBlocked BLOCKED}, pointing to LAB-017, and finds no weakness.</li>
 *   <li>A probe that shows a weakness fails the case with a {@link #finding}.</li>
 *   <li>A run that exits with 127 makes the case {@link CaseSkipped SKIP}: the client does not support what it
 *   needs (this variant, say).</li>
 * </ul>
 *
 * Every PASS needs evidence: a case that returns without any is an ERROR.
 */
public final class LabClientContext implements GuardedCase {
    /** The case that judges the run's first session, and that every blocked case points to. */
    static final String SESSION_CASE = "LAB-017";
    /** The messages of the run's first session: ASCII, then texts whose upper case is longer or not Latin. */
    static final List<String> FIRST_SESSION_MESSAGES = List.of("hello lab", "straße, ﬁne", "привет мир",
            "emoji 🙂 ok");
    private static final String NOT_TALKED = "the client did not talk to the lab test server";

    private final LabClientTarget target;
    private final CaseScope scope;
    private int runs;

    LabClientContext(LabClientTarget target, String caseId, List<String> requirements) {
        this.target = target;
        this.scope = new CaseScope(caseId, requirements);
    }

    @Override
    public CaseScope scope() {
        return scope;
    }

    public String caseId() {
        return scope.caseId();
    }

    public Trace trace() {
        return scope.trace();
    }

    LabClientTarget target() {
        return target;
    }

    LabKnobs knobs() {
        return target.knobs();
    }

    // ---- Runs ------------------------------------------------------------------------------------------------

    /**
     * The run's first session, judged by LAB-017, whose trace becomes this case's. SKIP when the client exited
     * with 127; BLOCKED when its command could not be started.
     */
    LabClientOutcome firstSession() {
        LabClientTarget.FirstSession first = target.firstSession(FIRST_SESSION_MESSAGES);
        scope.adoptTrace(first.trace());
        return checkRan(first.outcome());
    }

    /**
     * Before a probe: the run's first session showed the client talking to a lab server (it connected, its first
     * record opened to its first message, it printed the reply). BLOCKED, pointing to LAB-017, otherwise.
     */
    void requireFirstSessionTalked() {
        LabClientOutcome first = checkRan(target.firstSession(FIRST_SESSION_MESSAGES).outcome());
        Optional<String> problem = notTalked(first);
        if (problem.isPresent()) {
            throw new CaseBlocked(NOT_TALKED, SESSION_CASE, "in the run's first session " + problem.get());
        }
        trace().note("the run's first session showed the client talking to a lab server (see " + SESSION_CASE + ")");
    }

    /**
     * Runs the client once against a lab test server following {@code script}, with {@code messages} on its
     * standard input; the probe's precondition (the first message as a record, its reply printed first) is checked
     * by {@link #requireTalked}. SKIP when the client exits with 127; BLOCKED when it could not be started.
     */
    LabClientOutcome run(List<String> messages, LabServerScript script) {
        runs++;
        trace().note("run " + runs + " of the client");
        LabClientOutcome outcome = target.run(messages, script,
                new SeededBytes("secho-conformance lab client/" + target.seed() + "/" + caseId() + "/" + runs), trace());
        return checkRan(outcome);
    }

    private LabClientOutcome checkRan(LabClientOutcome outcome) {
        if (outcome.startFailure().isPresent()) {
            throw new CaseBlocked("the client command could not be started", "", outcome.startFailure().get());
        }
        ClientRunResult client = outcome.client().orElseThrow();
        if (client.unsupported()) {
            throw new CaseSkipped("the client does not support what this case needs (exit status 127"
                    + client.lastStderrLine().map(line -> ": \"" + line + "\"").orElse("") + ")");
        }
        return outcome;
    }

    /** BLOCKED, pointing to LAB-017, unless the run began as a lab session does; the probe comes after that. */
    void requireTalked(LabClientOutcome outcome) {
        Optional<String> problem = notTalked(outcome);
        if (problem.isPresent()) {
            throw new CaseBlocked(NOT_TALKED, SESSION_CASE, problem.get());
        }
        evidence("the client's first record opened to \"" + outcome.messages().get(0) + "\" and it printed the reply");
    }

    /** Why the run does not show the client talking to a lab server; empty when it does. */
    static Optional<String> notTalked(LabClientOutcome outcome) {
        LabSession session = outcome.session();
        String whole = "; " + outcome.describe();
        if (!session.connected) {
            return Optional.of("the client never connected; " + outcome.clientDescription());
        }
        if (session.keyProblem.isPresent()) {
            return Optional.of("no DH public key came from the client" + whole);
        }
        Optional<LabSession.Exchange> first = session.exchange(0);
        if (first.isEmpty()) {
            return Optional.of("the client sent no record" + whole);
        }
        if (!first.get().opened()) {
            return Optional.of("the client's first record " + first.get().problem().orElse("did not open") + whole);
        }
        if (!Arrays.equals(first.get().plaintext().orElseThrow(), utf8(outcome.messages().get(0)))) {
            return Optional.of("the client's first record did not carry its first message" + whole);
        }
        String reply = first.get().reply().orElseThrow().text();
        if (outcome.killed()) {
            return Optional.of("the client did not exit by itself, so what it printed cannot be judged" + whole);
        }
        if (!outcome.printedAt(0, reply)) {
            return Optional.of("the client did not print the first reply \"" + reply + "\" as its first line" + whole);
        }
        return Optional.empty();
    }

    // ---- Verdicts ----------------------------------------------------------------------------------------------

    /** Records that the case compared something real with what the lab protocol requires. */
    void evidence(String what) {
        scope.evidence(what);
    }

    /** One of the case's rules was broken. */
    ConformanceFailure fail(String expected, String observed, String sent) {
        return scope.fail(expected, observed, sent);
    }

    /** A rule of the lab protocol, one of the case's, was broken: the failure cites it alone. */
    ConformanceFailure failWith(Req rule, String expected, String observed, String sent) {
        return scope.failWith(List.of(rule.id()), expected, observed, sent);
    }

    /** A weakness was found by the case's own probe: says which, and what was seen. */
    ConformanceFailure finding(Req weakness, String title, String observed, String sent) {
        return scope.failWith(List.of(weakness.id()), "weakness found: " + title + " (a fault of this client)",
                observed, sent);
    }

    @Override
    public void close() {
        // Every run's processes and sockets are closed when the run ends.
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
