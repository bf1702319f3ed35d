package io.secho.conformance;

import io.secho.conformance.net.CaseClock;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.HandshakeProblem;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.EchoRule;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.RandomBytes;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.targets.Preflight;
import io.secho.conformance.targets.SuiteSupport;
import io.secho.conformance.targets.TargetRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a case works with: the target, randomness fixed by the run's seed and the case ID, a wire trace,
 * connections that are closed when the case ends or its time limit passes, and the three ways a case
 * can end other than PASS.
 *
 * <ul>
 *   <li>Getting to the probe (connecting, a handshake, a first echo) is the case's precondition: when it
 *   fails, the case is {@link CaseBlocked BLOCKED}, naming what blocked it. Methods that do this say so.</li>
 *   <li>The probe's judgement fails the case: {@link #fail}, and the checks in {@link Endings}.</li>
 *   <li>A case that does not apply (a suite not offered, an option not given) is {@link CaseSkipped skipped}.</li>
 * </ul>
 *
 * Every PASS needs evidence: the checks record what they compared ({@link #evidence}), and a case that
 * returns without any is an ERROR, never a PASS.
 */
public final class CaseContext implements AutoCloseable, GuardedCase {
    /** A case's hard time limit unless it says it waits longer (for a target's timeouts). */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);
    /** Suites in the order a case that needs "any suite" prefers them: cheapest first. */
    private static final List<Suite> PREFERENCE = List.of(Suite.X25519, Suite.PSK, Suite.MODP2048);
    /** The case whose probe is the handshake of each suite: where a blocked case points. */
    private static final Map<Suite, String> HANDSHAKE_CASE = Map.of(Suite.X25519, "HS-001", Suite.MODP2048, "HS-002",
            Suite.PSK, "HS-003");
    private static final String ALL_HANDSHAKE_CASES = "HS-001, HS-002, HS-003";

    private final TargetRun target;
    private final CaseScope scope;
    private final RandomBytes random;
    private final Trace trace;
    private final List<TestConnection> connections = new ArrayList<>();
    private final CaseClock clock;
    private final Semaphore permits;
    private final ScheduledFuture<?> watchdog;
    private boolean closed;
    private boolean released;

    /** Waits for the target's preflight and, for a target that serves one connection at a time, for its turn. */
    public CaseContext(TargetRun target, String caseId, List<String> requirements) {
        this.target = target;
        this.scope = new CaseScope(caseId, requirements);
        this.trace = scope.trace();
        this.random = InsecureDeterministicRandomBytes.fromLabel(
                "secho-conformance/" + target.config().seed() + "/" + caseId);
        this.permits = target.casePermits();
        permits.acquireUninterruptibly();
        this.clock = CaseClock.startingNow(defaultLimit(target));
        this.watchdog = target.watchdogs().scheduleWithFixedDelay(this::enforceTimeLimit, 250, 250,
                TimeUnit.MILLISECONDS);
    }

    /** A user who raises the I/O timeout for a slow target gets room for a handful of waits per case. */
    private static Duration defaultLimit(TargetRun target) {
        if (target.config().caseTimeLimit().isPresent()) {
            return target.config().caseTimeLimit().get();
        }
        Duration scaled = target.config().ioTimeout().multipliedBy(6);
        return scaled.compareTo(DEFAULT_LIMIT) > 0 ? scaled : DEFAULT_LIMIT;
    }

    @Override
    public CaseScope scope() {
        return scope;
    }

    public String caseId() {
        return scope.caseId();
    }

    public TargetRun target() {
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

    public List<String> requirements() {
        return scope.requirements();
    }

    /** For a case that waits out a target's timeout: its limit becomes {@code total} from its start. */
    public void allowUpTo(Duration total) {
        clock.extendTo(total);
    }

    public CaseClock clock() {
        return clock;
    }

    /** A bit position in [0, bits), fixed by the seed. */
    public int randomIndex(int bound) {
        return randomIndex(random, bound);
    }

    /** A position in [0, bound) drawn from the randomness given: the seeded choices of every profile's cases. */
    public static int randomIndex(RandomBytes random, int bound) {
        byte[] four = random.nextBytes(4);
        int value = ((four[0] & 0x7f) << 24) | ((four[1] & 0xff) << 16) | ((four[2] & 0xff) << 8) | (four[3] & 0xff);
        return value % bound;
    }

    public Optional<PreSharedKey> psk() {
        return target.psk();
    }

    /**
     * BLOCKED, before the case starts, when the preflight found that no case can run against this target
     * (no connection served, not Secho, never answers).
     */
    public void requireUsableTarget() {
        if (!target.config().preflightGate()) {
            return;
        }
        Optional<String> unusable = target.preflight().unusable();
        if (unusable.isPresent()) {
            throw new CaseBlocked(unusable.get(), "", "");
        }
    }

    // ---- Preconditions: a failure here BLOCKS the case --------------------------------------------------

    /** A new connection; BLOCKED when none can be made. */
    public TestConnection connect() {
        return connect(0);
    }

    /** @param receiveBufferBytes see {@link TestConnection#open} */
    public TestConnection connect(int receiveBufferBytes) {
        try {
            return openRegistered(receiveBufferBytes);
        } catch (IOException e) {
            throw new CaseBlocked("cannot connect to the target", "", e.getMessage());
        }
    }

    /**
     * A connection that is itself the probe (one beyond the target's limit): the target refusing or resetting it is
     * its answer to the probe, a FAIL, not a precondition that failed.
     */
    public TestConnection connectAsProbe(String expected, String sent) {
        try {
            return openRegistered(0);
        } catch (IOException e) {
            throw fail(expected, "no connection: " + e.getMessage(), sent);
        }
    }

    private TestConnection openRegistered(int receiveBufferBytes) throws IOException {
        TestConnection connection = TestConnection.open(target.address(), trace, ioTimeout(), clock,
                receiveBufferBytes);
        register(connection);
        return connection;
    }

    private synchronized void register(TestConnection connection) {
        if (closed) {
            connection.close();
            throw new CaseBlocked("the case's time limit passed", "", "");
        }
        connections.add(connection);
    }

    /**
     * The suite, when a whole session of it can be tested; SKIP when it is not offered, not selected or needs
     * a key not given; BLOCKED when it is offered but the preflight could not complete a handshake.
     */
    public Suite requireSession(Suite suite) {
        requireKeyFor(suite);
        SuiteSupport support = support(suite);
        switch (support.status()) {
            case WORKING:
                return suite;
            case BROKEN:
                if (!target.config().preflightGate()) {
                    return suite;
                }
                throw new CaseBlocked("suite " + suite + " did not complete a handshake", HANDSHAKE_CASE.get(suite),
                        support.detail());
            default:
                throw new CaseSkipped("suite " + suite + ": " + support.detail());
        }
    }

    /**
     * For a probe that is a ClientHello alone: SKIP only when the suite is not selected; the caller judges by
     * {@link #offers(Suite)} what the answer must be.
     */
    public Suite requireSelected(Suite suite) {
        SuiteSupport support = support(suite);
        if (support.status() == SuiteSupport.Status.NOT_SELECTED) {
            throw new CaseSkipped("suite " + suite + ": " + support.detail());
        }
        return suite;
    }

    /**
     * For the cases whose probe is the suite's handshake itself (HS-001..HS-003): SKIP when it cannot be
     * tested, and run even when the preflight's handshake failed, since this case is where that fails.
     */
    public Suite requireTestable(Suite suite) {
        requireKeyFor(suite);
        SuiteSupport support = support(suite);
        if (support.status() == SuiteSupport.Status.WORKING || support.status() == SuiteSupport.Status.BROKEN) {
            return suite;
        }
        throw new CaseSkipped("suite " + suite + ": " + support.detail());
    }

    private void requireKeyFor(Suite suite) {
        if (suite == Suite.PSK && psk().isEmpty()) {
            throw CaseSkipped.needsOption("--psk-file FILE", "the target's pre-shared key, for a psk session");
        }
    }

    /**
     * For a probe that needs the server's flight but not a key of the harness's own (a Finished made with a
     * wrong key): SKIP when the suite is not offered or not selected.
     */
    public Suite requireOffered(Suite suite) {
        SuiteSupport support = support(suite);
        return switch (support.status()) {
            case WORKING, BROKEN, NO_PSK_FILE -> suite;
            default -> throw new CaseSkipped("suite " + suite + ": " + support.detail());
        };
    }

    /** False when the target answered this suite's ClientHello with unsupported_suite. */
    public boolean offers(Suite suite) {
        return support(suite).status() != SuiteSupport.Status.NOT_OFFERED;
    }

    private SuiteSupport support(Suite suite) {
        return target.preflight().suites().get(suite);
    }

    /** The first suite whose session can be tested, cheapest first; BLOCKED when there is none. */
    public Suite anySuite() {
        Preflight preflight = target.preflight();
        for (Suite suite : PREFERENCE) {
            if (preflight.suites().get(suite).working()) {
                return suite;
            }
        }
        boolean broken = preflight.suites().values().stream()
                .anyMatch(s -> s.status() == SuiteSupport.Status.BROKEN);
        if (!target.config().preflightGate()) {
            Optional<Suite> tried = PREFERENCE.stream().filter(s -> support(s).status() == SuiteSupport.Status.BROKEN)
                    .findFirst();
            if (tried.isPresent()) {
                return tried.get();
            }
        }
        String found = PREFERENCE.stream().map(s -> s + ": " + support(s).detail()).collect(Collectors.joining("; "));
        if (broken) {
            throw new CaseBlocked("no suite completed a handshake", ALL_HANDSHAKE_CASES, found);
        }
        throw new CaseBlocked("the target offers no suite the harness can test", "", found);
    }

    /** Sends a ClientHello and reads the server's flight; the client Finished is left to the case. BLOCKS. */
    public ClientFlight.Pending startHandshake(Suite suite) {
        return startHandshake(connect(), suite, psk());
    }

    /** The same on a connection the case opened itself (for socket options). BLOCKS. */
    public ClientFlight.Pending startHandshake(TestConnection connection, Suite suite, Optional<PreSharedKey> key) {
        try {
            return ClientFlight.start(connection, suite, key, random);
        } catch (HandshakeProblem e) {
            throw handshakeBlocked(suite, e);
        }
    }

    /** BLOCKED by a handshake that failed on the way to the probe; it points to the suite's handshake case. */
    public CaseBlocked handshakeBlocked(Suite suite, HandshakeProblem e) {
        return new CaseBlocked("the " + suite + " handshake failed in this case", HANDSHAKE_CASE.get(suite),
                e.getMessage());
    }

    /** A complete handshake on a fresh connection. BLOCKS. */
    public Session establish(Suite suite) {
        return startHandshake(suite).finish();
    }

    /** A complete handshake in the cheapest suite that works. BLOCKS. */
    public Session establish() {
        return establish(anySuite());
    }

    /**
     * An echo on the way to the probe (to move the sequence numbers on, say): any data record that opens
     * will do, its content is for the echo cases to judge. BLOCKS.
     */
    public void warmUp(Session session, String text) {
        byte[] request = text.getBytes(StandardCharsets.UTF_8);
        try {
            session.sendData(request);
            InnerPlaintext reply = session.receive("the echo of " + Session.describe(request));
            if (reply.type() != InnerType.DATA) {
                throw firstEchoBlocked("the reply to " + Session.describe(request) + " was " + Session.describe(reply));
            }
        } catch (ReceivedSomethingElse e) {
            throw firstEchoBlocked(e.getMessage());
        }
    }

    /** BLOCKED by an echo that failed on the way to the probe; the echo cases judge echoes. */
    public CaseBlocked firstEchoBlocked(String detail) {
        return new CaseBlocked("a first echo failed", "HS-001, ECHO-001", detail);
    }

    // ---- Probes: a failure here FAILS the case ------------------------------------------------------------

    /** The handshake as the probe itself (HS-001..HS-003): a failure FAILS. */
    public Session handshakeUnderTest(Suite suite) {
        TestConnection connection = connect();
        try {
            Session session = ClientFlight.start(connection, suite, psk(), random).finish();
            evidence("the " + suite + " ServerHello and server Finished verified");
            return session;
        } catch (HandshakeProblem e) {
            throw fail("a ServerHello and a server Finished that verify (REQ-HS-7, REQ-FIN-1)", e.getMessage(),
                    "ClientHello " + suite);
        }
    }

    /** Sends a message and FAILS unless the reply is exactly {@code expected}. */
    public void expectEcho(Session session, byte[] request, byte[] expected) {
        // A case's expectation must be what the spec's rule gives (computed by the harness's own engine, not
        // by the implementation under test): a wrong literal in a case is the harness's error, not a FAIL.
        byte[] owed = EchoRule.expectedReply(request).orElseThrow(() -> new IllegalStateException(
                "a case expects an echo of ill-formed UTF-8 " + Session.describe(request)));
        if (!Arrays.equals(owed, expected)) {
            throw new IllegalStateException("a case expects " + Session.describe(expected) + " as the echo of "
                    + Session.describe(request) + ", but the echo rule of Section 10 gives " + Session.describe(owed));
        }
        byte[] reply = echo(session, request);
        if (!Arrays.equals(reply, expected)) {
            throw fail("the reply " + Session.describe(expected), "the reply " + Session.describe(reply),
                    "data " + Session.describe(request));
        }
        evidence("echo of " + Session.describe(request) + " is " + Session.describe(expected));
    }

    public void expectEcho(Session session, String request, String expected) {
        expectEcho(session, request.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a message and returns the reply's payload; FAILS saying what came instead of a data record. */
    public byte[] echo(Session session, byte[] request) {
        try {
            return session.echo(request);
        } catch (ReceivedSomethingElse e) {
            throw fail(e.expected(), e.received(), "data " + Session.describe(request));
        }
    }

    /**
     * REQ-LIM-5 as the probe: a fresh connection completes a handshake and an echo. FAILS, citing this case's
     * requirements (which name REQ-LIM-5), when it does not.
     *
     * @param after what the case did before, in words, for the message
     */
    public void expectStillServed(String after) {
        Suite suite = anySuite();
        trace.note("checking that a fresh connection is still served " + after);
        TestConnection connection;
        try {
            connection = TestConnection.open(target.address(), trace, ioTimeout(), clock, 0);
            register(connection);
        } catch (IOException e) {
            throw fail("a fresh connection to be served " + after, e.getMessage(), "");
        }
        // No 'i' in the probe: a server with a locale bug fails the echo cases, not this one.
        byte[] request = "ready?".getBytes(StandardCharsets.UTF_8);
        try {
            Session session = ClientFlight.start(connection, suite, psk(), random).finish();
            byte[] reply = session.echo(request);
            if (!Arrays.equals(reply, "READY?".getBytes(StandardCharsets.UTF_8))) {
                throw fail("a fresh connection to be served normally " + after, "reply " + Session.describe(reply),
                        "data \"ready?\"");
            }
        } catch (HandshakeProblem e) {
            throw fail("a fresh connection to be served " + after, "its handshake failed: " + e.getMessage(),
                    "ClientHello " + suite);
        } catch (ReceivedSomethingElse e) {
            throw fail("a fresh connection to be served " + after, e.received(), "data \"ready?\"");
        }
        evidence("a fresh connection was served " + after);
    }

    /** A failure citing this case's requirements. */
    public ConformanceFailure fail(String expected, String observed, String sent) {
        return scope.fail(expected, observed, sent);
    }

    public ConformanceFailure failWith(List<String> requirementIds, String expected, String observed, String sent) {
        return scope.failWith(requirementIds, expected, observed, sent);
    }

    /** Records that the case compared something real with what the spec requires ({@link CaseScope#evidence}). */
    public void evidence(String what) {
        scope.evidence(what);
    }

    /** The watchdog's tick: past the limit, every connection is closed, so a blocked write or read ends. */
    private void enforceTimeLimit() {
        if (clock.passed()) {
            closeConnections();
        }
    }

    private void closeConnections() {
        List<TestConnection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(connections);
        }
        open.forEach(TestConnection::close);
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        closeConnections();
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        permits.release();
    }
}
