package io.secho.conformance.clients;

import com.google.gson.JsonArray;
import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseScope;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.GuardedCase;
import io.secho.conformance.clients.server.ClientEnding;
import io.secho.conformance.clients.server.ClientFrame;
import io.secho.conformance.clients.server.ScriptStop;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.clients.server.TestServer;
import io.secho.conformance.clients.server.Wire;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.Suite;

import io.secho.conformance.requirements.Req;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a client case works with: the client under test, a test server per run that plays the case's script,
 * randomness fixed by the run's seed and the case ID, a trace, and the checks that turn what the server saw and
 * what the client printed into a verdict. As with the server cases:
 *
 * <ul>
 *   <li>Getting to the probe (a suite the client supports, a handshake, the requests before the probe) is the
 *   case's precondition: when the client does not get there, the case is {@link CaseBlocked BLOCKED}, pointing
 *   to the session case of the suite.</li>
 *   <li>The checks of the client's answer fail the case ({@link #fail}).</li>
 *   <li>A suite not selected or not supported (exit status 127 in the preflight), or a run that exits with 127,
 *   makes the case {@link CaseSkipped SKIP}.</li>
 * </ul>
 *
 * Every PASS needs evidence: each check records what it compared, and a case without any is an ERROR.
 */
public final class ClientCaseContext implements GuardedCase {
    /** REQ-LIM-8: the longest a client may wait for the server. */
    public static final Duration SPEC_MAX_CLIENT_WAIT = Duration.ofSeconds(30);
    /** Slack on top of it for a loaded machine, in the stall cases. */
    private static final Duration WAIT_SLACK = Duration.ofSeconds(3);
    /** Suites in the order a case that needs "any suite" prefers them: cheapest first. */
    private static final List<Suite> PREFERENCE = List.of(Suite.X25519, Suite.PSK, Suite.MODP2048);
    private static final Map<Suite, String> SESSION_CASE = Map.of(Suite.X25519, "CHS-001", Suite.MODP2048, "CHS-002",
            Suite.PSK, "CHS-003");

    private final ClientTarget target;
    private final CaseScope scope;
    private final Trace trace;
    private final JsonArray runsJson = new JsonArray();
    private int runs;

    ClientCaseContext(ClientTarget target, String caseId, List<String> requirements) {
        this.target = target;
        this.scope = new CaseScope(caseId, requirements);
        this.trace = scope.trace();
    }

    @Override
    public CaseScope scope() {
        return scope;
    }

    public String caseId() {
        return scope.caseId();
    }

    public Trace trace() {
        return trace;
    }

    public ClientTarget target() {
        return target;
    }

    public List<String> requirements() {
        return scope.requirements();
    }

    // ---- Suites: preconditions ------------------------------------------------------------------------------

    /** The suite, when the preflight completed a session of it; SKIP when not selected or not supported, else BLOCKED. */
    public Suite requireSession(Suite suite) {
        ClientPreflight preflight = target.preflight();
        return switch (preflight.suites().get(suite)) {
            case WORKING -> suite;
            case BROKEN -> throw new CaseBlocked("the client completed no " + suite + " handshake in the preflight",
                    SESSION_CASE.get(suite), preflight.details().get(suite));
            default -> throw new CaseSkipped("suite " + suite + ": " + preflight.details().get(suite));
        };
    }

    /** For the session cases themselves: SKIP when not selected or not supported; they run when the preflight failed. */
    public Suite requireTestable(Suite suite) {
        ClientPreflight preflight = target.preflight();
        ClientPreflight.Status status = preflight.suites().get(suite);
        if (status == ClientPreflight.Status.WORKING || status == ClientPreflight.Status.BROKEN) {
            return suite;
        }
        throw new CaseSkipped("suite " + suite + ": " + preflight.details().get(suite));
    }

    /** The cheapest suite the client completed a handshake in; BLOCKED when there is none. */
    public Suite anySuite() {
        ClientPreflight preflight = target.preflight();
        for (Suite suite : PREFERENCE) {
            if (preflight.suites().get(suite) == ClientPreflight.Status.WORKING) {
                return suite;
            }
        }
        String found = PREFERENCE.stream().map(s -> s + ": " + preflight.details().get(s))
                .collect(Collectors.joining("; "));
        if (preflight.suites().values().stream().noneMatch(s -> s == ClientPreflight.Status.BROKEN)) {
            throw new CaseBlocked("the client supports no suite the harness may test", "", found);
        }
        throw new CaseBlocked("the client completed no handshake in any suite", "CHS-001, CHS-002, CHS-003", found);
    }

    // ---- Running the client -----------------------------------------------------------------------------------

    /**
     * Runs the client once against a test server playing {@code script}, with {@code messages} on its standard
     * input. SKIP when the client exits with 127; BLOCKED when it could not be started, never connected, or did
     * not get to the script's probe.
     */
    public ClientOutcome run(Suite suite, List<String> messages, TestServer.Script script) {
        ClientOutcome outcome = runOnce(suite, messages, script);
        if (!outcome.server().probeReached()) {
            String detail = outcome.server().stoppedBeforeProbe()
                    .map(stop -> "expected " + stop.expected() + "; received " + stop.received())
                    .orElse(outcome.server().connected() ? "" : "the client never connected") + "; "
                    + outcome.clientDescription();
            throw new CaseBlocked("the client did not get to the probe of this case", SESSION_CASE.get(suite), detail);
        }
        return outcome;
    }

    /**
     * Runs the client once for a case whose probe is the whole connection (the session cases): the probe starts
     * before the client connects, so a client that never connects FAILS.
     */
    public ClientOutcome runWhole(Suite suite, List<String> messages, String probe, TestServer.Script script) {
        ClientOutcome outcome = runOnce(suite, messages, server -> script.play(server.probe(probe)));
        if (!outcome.server().connected()) {
            throw fail("the client connects and sends its ClientHello first (REQ-HS-1)", "the client never connected; "
                    + outcome.clientDescription(), probe);
        }
        return outcome;
    }

    private ClientOutcome runOnce(Suite suite, List<String> messages, TestServer.Script script) {
        runs++;
        trace.note("run " + runs + ": suite " + suite);
        ClientOutcome outcome = ClientRunner.run(target, suite, messages, script,
                new SeededBytes("secho-conformance client/" + target.config().seed() + "/" + caseId() + "/" + runs), trace);
        synchronized (this) {
            runsJson.add(outcome.toJson());
        }
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

    // ---- Checks: a failure here FAILS the case ----------------------------------------------------------------

    /**
     * The client's answer to the probe: exactly this alert (plaintext or encrypted, REQ-ALERT-2) and nothing else,
     * then FIN without a reset (REQ-ALERT-4, REQ-ALERT-5); the client reports an error (non-zero exit status); it
     * printed exactly {@code printed}, the replies it got before the probe.
     */
    public void expectAlert(ClientOutcome outcome, int alert, boolean encrypted, List<String> printed) {
        requireExited(outcome);
        String expected = "the " + (encrypted ? "encrypted" : "plaintext") + " alert " + Wire.alertName(alert)
                + " and nothing else";
        List<ClientFrame> answer = outcome.answer();
        requireStepsDone(outcome, expected);
        boolean right = answer.size() == 1 && (encrypted ? answer.get(0).isEncryptedAlert(alert)
                : answer.get(0).isPlaintextAlert(alert));
        if (!right) {
            boolean otherForm = answer.size() == 1 && (encrypted ? answer.get(0).isPlaintextAlert(alert)
                    : answer.get(0).isEncryptedAlert(alert));
            throw failWith(otherForm ? with(Req.ALERT_2) : requirements(), expected
                    + (otherForm ? (encrypted ? " (after the server's Finished verified, alerts are encrypted)"
                    : " (before the server's Finished verified, alerts are plaintext)") : ""), outcome.describe(),
                    outcome.server().sent());
        }
        evidence("the client answered with " + answer.get(0).description());
        expectClosingProcedure(outcome, expected);
        expectReportedError(outcome);
        expectPrinted(outcome, printed);
    }

    /**
     * As {@link #expectAlert} with an encrypted alert, but the client may have sent its Close first: for a record
     * that arrives when the client's next step may already be its Close (REQ-CLOSE-9).
     */
    public void expectAlertAfterOptionalClose(ClientOutcome outcome, int alert, List<String> printed) {
        List<ClientFrame> answer = outcome.answer();
        if (answer.size() == 2 && answer.get(0).kind() == ClientFrame.Kind.CLOSE) {
            evidence("the client had sent its Close before it read the record");
            expectAnswer(outcome, "the encrypted alert " + Wire.alertName(alert) + " (its Close before it allowed)",
                    frames -> frames.size() == 2 && frames.get(1).isEncryptedAlert(alert), printed);
            return;
        }
        expectAlert(outcome, alert, true, printed);
    }

    /**
     * The client sends nothing in answer (a received alert, truncation, a reset) and ends the connection with FIN
     * (REQ-CLOSE-12); it reports an error and printed exactly {@code printed}.
     */
    public void expectNothingSent(ClientOutcome outcome, List<String> printed) {
        expectAnswer(outcome, "nothing (no alert, no Close, no data)", List::isEmpty, printed);
    }

    /**
     * A client whose wait for the server timed out: it sends nothing, or the alert {@code timeout} (plaintext before
     * its handshake completed, encrypted after), ends the connection with FIN, reports an error, and did so within
     * 30 s of the server's silence (REQ-LIM-8).
     */
    public void expectGaveUp(ClientOutcome outcome, boolean established, List<String> printed) {
        int timeout = io.secho.conformance.peer.AlertCode.TIMEOUT.code();
        expectAnswer(outcome, "nothing, or the " + (established ? "encrypted" : "plaintext") + " alert timeout",
                frames -> frames.isEmpty() || (frames.size() == 1 && (established
                        ? frames.get(0).isEncryptedAlert(timeout) : frames.get(0).isPlaintextAlert(timeout))), printed);
        expectGaveUpInTime(outcome);
    }

    private void expectAnswer(ClientOutcome outcome, String expected, Predicate<List<ClientFrame>> right,
                              List<String> printed) {
        requireExited(outcome);
        requireStepsDone(outcome, expected);
        if (!right.test(outcome.answer())) {
            throw fail(expected + ", then FIN", outcome.describe(), outcome.server().sent());
        }
        evidence("the client answered with " + (outcome.answer().isEmpty() ? "nothing" : outcome.server()
                .describeAnswer()));
        expectClosingProcedure(outcome, expected);
        expectReportedError(outcome);
        expectPrinted(outcome, printed);
    }

    /** The script's steps after the probe were all met (a whole session, each reply right). */
    public void requireStepsDone(ClientOutcome outcome, String expected) {
        if (outcome.server().stoppedAfterProbe().isPresent()) {
            ScriptStop stop = outcome.server().stoppedAfterProbe().get();
            throw fail(expected.isEmpty() ? stop.expected() : stop.expected() + ", then " + expected,
                    stop.received() + "; " + outcome.clientDescription(), outcome.server().sent());
        }
    }

    /**
     * The connection ended with FIN, not a reset, and did end: the closing procedure after the client's own alert
     * or Close (REQ-ALERT-4, REQ-ALERT-5), and after a received alert, Close or truncation (REQ-CLOSE-12).
     */
    public void expectClosingProcedure(ClientOutcome outcome, String after) {
        ClientEnding ending = outcome.server().ending();
        boolean reset = ending == ClientEnding.RESET || outcome.server().lateReset();
        if (ending == ClientEnding.FIN && !reset) {
            evidence("the client ended the connection with FIN");
            return;
        }
        boolean ownAlertOrClose = outcome.server().frames().stream().anyMatch(frame -> switch (frame.kind()) {
            case PLAINTEXT_ALERT, ENCRYPTED_ALERT, CLOSE -> true;
            default -> false;
        });
        Req requirement = !ownAlertOrClose ? Req.CLOSE_12 : reset ? Req.ALERT_5 : Req.ALERT_4;
        String why = reset ? (ending == ClientEnding.RESET ? "a TCP reset where the closing procedure ends with an "
                + "orderly FIN" : "a TCP reset right after the client's FIN")
                : ending == ClientEnding.OPEN_AFTER_EXIT ? "the connection stayed open after the client exited"
                : "the connection " + ending.description();
        throw failWith(with(requirement), after + ", then FIN (half-close, drain, close; no reset)",
                why + "; " + outcome.describe(), outcome.server().sent());
    }

    /** The client exited with a status other than 0 and 127: it reported the error to its user. */
    public void expectReportedError(ClientOutcome outcome) {
        ClientRunResult client = outcome.client().orElseThrow();
        if (!client.failed()) {
            throw fail("a non-zero exit status: the client reports the failed session to its user (the "
                    + "--client-command contract: 0 only for a clean session)", outcome.describe(), outcome.server().sent());
        }
        evidence("the client exited with status " + client.exitStatus());
    }

    /** The client exited with status 0. */
    public void expectCleanExit(ClientOutcome outcome) {
        requireExited(outcome);
        ClientRunResult client = outcome.client().orElseThrow();
        if (!client.success()) {
            throw fail("exit status 0: the session ended cleanly", outcome.describeWholeSession(),
                    outcome.server().sent());
        }
        evidence("the client exited with status 0");
    }

    /** What the client printed, line by line, is exactly {@code lines} (REQ-ECHO-12). */
    public void expectPrinted(ClientOutcome outcome, List<String> lines) {
        List<byte[]> printed = outcome.printed();
        List<byte[]> wanted = lines.stream().map(ClientOutcome::utf8).toList();
        boolean same = printed.size() == wanted.size();
        for (int i = 0; same && i < printed.size(); i++) {
            same = Arrays.equals(printed.get(i), wanted.get(i));
        }
        if (!same) {
            String expected = lines.isEmpty() ? "nothing printed on standard output"
                    : "exactly these lines on standard output: " + wanted.stream().map(ClientRunResult::quoteLine)
                    .collect(Collectors.joining(", "));
            throw failWith(with(Req.ECHO_12), expected + " (a client delivers each reply that answers a request, "
                    + "and nothing else)", "printed " + outcome.printedText() + "; " + outcome.describe(),
                    outcome.server().sent());
        }
        evidence(lines.isEmpty() ? "the client printed nothing" : "the client printed exactly the " + lines.size()
                + " expected line(s)");
    }

    /** The client gave up within the spec's 30 s after the server fell silent (REQ-LIM-8), with a little slack. */
    public void expectGaveUpInTime(ClientOutcome outcome) {
        requireExited(outcome);
        long millis = outcome.server().endedAfterMillis();
        Duration allowed = SPEC_MAX_CLIENT_WAIT.plus(WAIT_SLACK);
        if (millis < 0 || millis > allowed.toMillis()) {
            throw fail("the client ends the connection at most 30 s after the server fell silent (REQ-LIM-8)",
                    (millis < 0 ? "the connection did not end" : "it ended after " + millis + " ms") + "; "
                            + outcome.describe(), outcome.server().sent());
        }
        evidence("the client gave up " + millis + " ms after the server fell silent");
    }

    /** A client still running at the run's limit FAILS every case, whatever else it did. */
    private void requireExited(ClientOutcome outcome) {
        ClientRunResult client = outcome.client().orElseThrow();
        if (client.killed()) {
            throw fail("the client exits by itself (every wait of a client is bounded, REQ-LIM-8)",
                    client.exitDescription() + "; " + outcome.describe(), outcome.server().sent());
        }
    }

    /** A failure citing this case's requirements. */
    public ConformanceFailure fail(String expected, String observed, String sent) {
        return scope.fail(expected, observed, sent);
    }

    public ConformanceFailure failWith(List<String> requirementIds, String expected, String observed, String sent) {
        return scope.failWith(requirementIds, expected, observed, sent);
    }

    /** This case's requirements and one more that the failure shows broken. */
    public List<String> with(Req requirement) {
        return scope.with(requirement.id());
    }

    /** Records that the case compared something real with what the spec requires ({@link CaseScope#evidence}). */
    public void evidence(String what) {
        scope.evidence(what);
    }

    /** Every run of the client in this case, as the JSON report's {@code clientRuns}; empty when none ran. */
    public synchronized String runsJson() {
        return runsJson.isEmpty() ? "" : runsJson.toString();
    }

    @Override
    public void close() {
        // Every run's processes and sockets are closed when the run ends.
    }
}
