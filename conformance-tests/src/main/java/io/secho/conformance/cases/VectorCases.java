package io.secho.conformance.cases;

import com.google.gson.JsonObject;
import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.ServerHello;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The spec's vectors sent to a real server: malformed handshakes and frames, and the echo transform. */
@DisplayName("Vectors")
@ExtendWith(ConformanceExtension.class)
class VectorCases {
    /**
     * The vector file each vector case draws from: invocation {@code CASE.N} sends that file's vector tcId N,
     * so the ID is as stable as the tcId (vectors/tcids.json), and a retired tcId retires {@code CASE.N}.
     */
    static final Map<String, String> VECTOR_FILES = Map.of("HS-010", Vectors.HANDSHAKE, "HS-024", Vectors.HANDSHAKE,
            "FRM-010", Vectors.HANDSHAKE, "ECHO-001", Vectors.ECHO, "ECHO-002", Vectors.ECHO);

    private static Stream<Arguments> vectors(String caseId, Predicate<JsonObject> groupFilter,
                                             Predicate<Vectors.Vector> testFilter) {
        return Vectors.load(VECTOR_FILES.get(caseId), groupFilter, testFilter).stream().map(v -> v.asArguments(caseId));
    }

    private static AlertCode alert(Vectors.Vector vector) {
        return AlertCode.fromWireName(vector.string("alert"))
                .orElseThrow(() -> new IllegalStateException("vector " + vector.tcId() + " names an unknown alert"));
    }

    private static Suite suite(Vectors.Vector vector) {
        return Suite.fromWireName(vector.string("suite"))
                .orElseThrow(() -> new IllegalStateException("vector " + vector.tcId() + " names an unknown suite"));
    }

    /**
     * Every ClientHello vector: those for a server with all suites enabled, and those for a server without
     * psk ({@code SuiteNotEnabled}), which apply to a target that does not offer psk.
     */
    static Stream<Arguments> clientHellos() {
        return vectors("HS-010", group -> Vectors.groupType(group, "ClientHelloTest"), vector -> true);
    }

    /** The suite whose code the frame carries at body offset 2, if the body is that long and the code known. */
    private static Optional<Suite> suiteOnTheWire(byte[] frame) {
        int offset = FrameLimits.HEADER_LENGTH + 2;
        return frame.length > offset ? Suite.fromCode(frame[offset] & 0xff) : Optional.empty();
    }

    /**
     * What a target must answer to a ClientHello vector, given the suites it enables. The vector's own
     * outcome holds when the target enables the suites the vector's group does. Where the target does not
     * enable the hello's suite, Table 6 decides: checks a to c (decode_error, unsupported_version) come
     * first and still apply; everything from check d on (a valid hello, a bad key share) becomes
     * unsupported_suite.
     */
    private static Optional<AlertCode> expectedAlert(CaseContext context, Vectors.Vector vector, Suite suite) {
        Optional<AlertCode> own = vector.valid() ? Optional.empty() : Optional.of(alert(vector));
        boolean groupEnablesSuite = vector.groupStrings("enabledSuites").contains(suite.wireName());
        if (!groupEnablesSuite && context.offers(suite)) {
            // A vector for a server without the suite, sent to one with it: check d passes, and the checks after
            // it judge. Its only other fault, if any (flag CheckOrder), is the share length: step e.
            return vector.flags().contains("CheckOrder") ? Optional.of(AlertCode.ILLEGAL_PARAMETER) : Optional.empty();
        }
        boolean beforeSuiteCheck = own.isPresent() && (own.get() == AlertCode.DECODE_ERROR
                || own.get() == AlertCode.UNSUPPORTED_VERSION || own.get() == AlertCode.UNSUPPORTED_SUITE);
        if (!context.offers(suite) && !beforeSuiteCheck) {
            return Optional.of(AlertCode.UNSUPPORTED_SUITE);
        }
        return own;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clientHellos")
    @DisplayName("ClientHello vectors: each malformed field gets its alert, each valid edge case a ServerHello")
    @ConformanceCase(id = "HS-010", requirements = {Req.HS_6, Req.KEX_3, Req.KEX_4, Req.KEX_7, Req.ALERT_1},
            endings = "invalid: plaintext alert of the vector, then FIN; valid: a ServerHello")
    void clientHelloVector(String id, String comment, Vectors.Vector vector, CaseContext context) {
        byte[] frame = vector.hex("frame");
        Suite suite = suiteOnTheWire(frame).orElse(suite(vector));
        context.requireSelected(suite);
        Optional<AlertCode> expected = expectedAlert(context, vector, suite);
        String what = "vector " + vector.tcId() + ": " + comment
                + (expected.equals(vector.valid() ? Optional.empty() : Optional.of(alert(vector)))
                        ? "" : " (the vector's server and the target differ in enabling " + suite + ": by the order of "
                        + "Table 6 the target owes " + expected.map(AlertCode::wireName).orElse("a ServerHello") + ")");
        TestConnection connection = context.connect();
        connection.send(frame, "ClientHello vector " + vector.tcId() + " (" + comment + ")");
        if (expected.isPresent()) {
            Endings.plaintextAlertThenFin(context, connection, expected.get(), what);
            return;
        }
        try {
            Frame first = connection.readFrame("a ServerHello");
            if (first.type() != FrameType.SERVER_HELLO) {
                throw context.fail("a ServerHello: the vector is a valid ClientHello", Decoded.describeFrame(first), what);
            }
            // Not any frame of type 0x02: a well-formed ServerHello for the hello's suite (Table 7), whose key
            // share the harness could use.
            try {
                ServerHello.decodeAsClient(first.body(), suite);
            } catch (ProtocolException e) {
                throw context.fail("a valid ServerHello for suite " + suite + ": the vector is a valid ClientHello",
                        "a ServerHello that is not one: " + e.getMessage(), what);
            }
            context.evidence("a valid " + suite + " ServerHello in answer to a valid ClientHello");
        } catch (ConnectionEndedException e) {
            throw context.fail("a ServerHello: the vector is a valid ClientHello", e.received(), what);
        }
    }

    static Stream<Arguments> finishedVectors() {
        return vectors("HS-024", group -> Vectors.groupType(group, "FinishedTest"),
                vector -> "server".equals(vector.string("receiver")) && !vector.valid());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("finishedVectors")
    @DisplayName("client Finished vectors: wrong length or wrong MAC get their alert")
    @ConformanceCase(id = "HS-024", requirements = {Req.FIN_2, Req.FIN_6},
            endings = "plaintext alert of the vector, then FIN")
    void finishedVector(String id, String comment, Vectors.Vector vector, CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.requireSession(suite(vector)));
        pending.connection().send(vector.hex("frame"), "Finished vector " + vector.tcId() + " (" + comment + ")");
        Endings.plaintextAlertThenFin(context, pending.connection(), alert(vector), "vector " + vector.tcId() + ": " + comment);
    }

    static Stream<Arguments> frameHeaderVectors() {
        return vectors("FRM-010", group -> Vectors.groupType(group, "FrameHeaderTest"),
                vector -> "server".equals(vector.string("receiver")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("frameHeaderVectors")
    @DisplayName("frame header vectors in every server state: unknown type, unexpected type, oversized, short record")
    @ConformanceCase(id = "FRM-010", requirements = {Req.FRM_6, Req.FRM_7, Req.FRM_8, Req.FRM_9, Req.FRM_11,
            Req.HS_10, Req.ALERT_2},
            endings = "before ESTABLISHED: plaintext alert, then FIN; in ESTABLISHED: one encrypted alert, then FIN")
    void frameHeaderVector(String id, String comment, Vectors.Vector vector, CaseContext context) {
        Suite suite = context.requireSession(suite(vector));
        String state = vector.string("state");
        String what = "vector " + vector.tcId() + " in " + state + ": " + comment;
        AlertCode alert = alert(vector);
        switch (state) {
            case "AWAIT_CLIENT_HELLO" -> {
                TestConnection connection = context.connect();
                connection.send(vector.hex("frame"), what);
                Endings.plaintextAlertThenFin(context, connection, alert, what);
            }
            case "AWAIT_CLIENT_FINISHED" -> {
                ClientFlight.Pending pending = context.startHandshake(suite);
                pending.connection().send(vector.hex("frame"), what);
                Endings.plaintextAlertThenFin(context, pending.connection(), alert, what);
            }
            case "ESTABLISHED" -> {
                Session session = context.establish(suite);
                session.connection().send(vector.hex("frame"), what);
                Endings.encryptedAlertThenFin(context, session, alert, what);
            }
            default -> throw new IllegalStateException("vector " + vector.tcId() + " has unknown state " + state);
        }
    }

    static Stream<Arguments> wellFormedEchoes() {
        return vectors("ECHO-001", group -> true, Vectors.Vector::valid);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wellFormedEchoes")
    @DisplayName("echo vectors: the reply is exactly the vector's output")
    @ConformanceCase(id = "ECHO-001", requirements = {Req.ECHO_1, Req.ECHO_8, Req.ECHO_9, Req.ECHO_10})
    void echoVector(String id, String comment, Vectors.Vector vector, CaseContext context) {
        Session session = context.establish();
        context.expectEcho(session, vector.hex("input"), vector.hex("output"));
    }

    static Stream<Arguments> illFormedEchoes() {
        return vectors("ECHO-002", group -> true, v -> !v.valid());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("illFormedEchoes")
    @DisplayName("ill-formed UTF-8 vectors get bad_payload and no echo")
    @ConformanceCase(id = "ECHO-002", requirements = {Req.ECHO_7, Req.ECHO_2},
            endings = "one encrypted alert bad_payload, then FIN")
    void illFormedVector(String id, String comment, Vectors.Vector vector, CaseContext context) {
        Session session = context.establish();
        session.sendData(vector.hex("input"));
        Endings.encryptedAlertThenFin(context, session, alert(vector), "vector " + vector.tcId() + ": " + comment);
    }
}
