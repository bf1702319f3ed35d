package io.secho.conformance;

import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.HandshakeProblem;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.conformance.targets.SuiteSupport;
import io.secho.conformance.targets.TargetRun;
import io.secho.crypto.InsecureDeterministicRandomBytes;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.handshake.Suite;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a case works with: the target, randomness fixed by the run's seed and the case ID, a wire trace,
 * and connections that are closed when the case ends.
 */
public final class CaseContext implements AutoCloseable {
    /** Suites in the order a case that needs "any suite" prefers them: cheapest first. */
    private static final List<Suite> PREFERENCE = List.of(Suite.X25519, Suite.PSK, Suite.MODP2048);

    private final TargetRun target;
    private final String caseId;
    private final List<String> requirements;
    private final RandomBytes random;
    private final Trace trace = new Trace();
    private final List<TestConnection> connections = new ArrayList<>();

    public CaseContext(TargetRun target, String caseId, List<String> requirements) {
        this.target = target;
        this.caseId = caseId;
        this.requirements = List.copyOf(requirements);
        this.random = InsecureDeterministicRandomBytes.fromLabel(
                "secho-conformance/" + target.config().seed() + "/" + caseId);
    }

    public String caseId() {
        return caseId;
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

    public TestConnection connect() {
        return connect(0);
    }

    /** @param receiveBufferBytes see {@link TestConnection#open(java.net.InetSocketAddress, Trace, Duration, int)} */
    public TestConnection connect(int receiveBufferBytes) {
        try {
            TestConnection connection = TestConnection.open(target.address(), trace, ioTimeout(), receiveBufferBytes);
            connections.add(connection);
            return connection;
        } catch (IOException e) {
            throw fail("a TCP connection to the target", e.getMessage(), "");
        }
    }

    /** Skips the case, with the reason, unless the target offers the suite. */
    public Suite requireSuite(Suite suite) {
        SuiteSupport support = target.suiteSupport().get(suite);
        Assumptions.assumeTrue(support.status() == SuiteSupport.Status.OFFERED
                || support.status() == SuiteSupport.Status.INCONCLUSIVE,
                () -> "suite " + suite + " not tested: " + support.detail());
        return suite;
    }

    /** The first suite the target offers, in the order of preference; skips if there is none. */
    public Suite anySuite() {
        for (Suite suite : PREFERENCE) {
            SuiteSupport support = target.suiteSupport().get(suite);
            if (support.offered()) {
                return suite;
            }
        }
        Assumptions.abort("the target offers no suite the harness can use: " + target.suiteSupport());
        throw new AssertionError("unreachable");
    }

    /** Sends ClientHello, reads the server's flight; the client Finished is left to the case. */
    public ClientFlight.Pending startHandshake(Suite suite) {
        return startHandshake(suite, psk());
    }

    public ClientFlight.Pending startHandshake(Suite suite, Optional<PreSharedKey> key) {
        return startHandshake(connect(), suite, key);
    }

    /** The handshake on a connection the case opened itself (for socket options). */
    public ClientFlight.Pending startHandshake(TestConnection connection, Suite suite, Optional<PreSharedKey> key) {
        try {
            return ClientFlight.start(connection, suite, key, random);
        } catch (HandshakeProblem e) {
            throw fail("a ServerHello and a server Finished that verify (REQ-HS-7, REQ-FIN-1)", e.getMessage(),
                    "ClientHello " + suite);
        } catch (ConnectionEndedException e) {
            throw fail("a ServerHello and a server Finished (REQ-HS-7)", e.getMessage(), "ClientHello " + suite);
        } catch (IOException e) {
            throw fail("a ServerHello and a server Finished (REQ-HS-7)", e.getMessage(), "ClientHello " + suite);
        }
    }

    /** A complete handshake on a fresh connection. */
    public Session handshake(Suite suite) {
        try {
            return startHandshake(suite).finish();
        } catch (IOException e) {
            throw fail("to send the client Finished", e.getMessage(), "");
        }
    }

    /** Sends a message and returns the reply, or fails the case saying what came instead. */
    public byte[] echo(Session session, byte[] request) {
        try {
            return session.echo(request);
        } catch (ReceivedSomethingElse e) {
            throw fail(e.expected(), e.received(), "data " + Session.describe(request));
        } catch (IOException e) {
            throw fail("the echo of " + Session.describe(request), e.getMessage(), "data " + Session.describe(request));
        }
    }

    public String echo(Session session, String request) {
        return new String(echo(session, request.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** REQ-LIM-5: after whatever the case did, a fresh connection is still served. */
    public void assertStillServing() {
        Suite suite = anySuite();
        trace.note("checking that a fresh connection is still served (REQ-LIM-5)");
        try (Session session = handshake(suite)) {
            // No 'i' in the probe: a server with a locale bug should fail the echo cases, not this check.
            byte[] reply = echo(session, "ready?".getBytes(StandardCharsets.UTF_8));
            if (!Arrays.equals(reply, "READY?".getBytes(StandardCharsets.UTF_8))) {
                throw failWith(List.of("REQ-LIM-5", "REQ-ECHO-1"), "a fresh connection to be served normally",
                        "reply " + Session.describe(reply), "data \"ready?\"");
            }
        } catch (IOException e) {
            throw failWith(List.of("REQ-LIM-5"), "a fresh connection to be served", e.getMessage(), "");
        }
    }

    /** A failure citing this case's requirements. */
    public ConformanceFailure fail(String expected, String observed, String sent) {
        return failWith(requirements, expected, observed, sent);
    }

    public ConformanceFailure failWith(List<String> requirementIds, String expected, String observed, String sent) {
        return new ConformanceFailure(requirementIds, expected, observed + "\n  trace (last lines):\n" + trace.tail(12),
                sent);
    }

    public List<String> requirements() {
        return requirements;
    }


    @Override
    public void close() {
        for (TestConnection connection : connections) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // The case is over; a connection that will not close cleanly changes nothing.
            }
        }
    }
}
