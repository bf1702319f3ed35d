package io.secho.conformance.cases;

import io.secho.alert.AlertCode;
import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.handshake.Suite;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;

/** The spec's vectors sent to a real server: malformed handshakes and frames, and the echo transform. */
@DisplayName("Vectors")
@ExtendWith(ConformanceExtension.class)
class VectorCases {

    private static AlertCode alert(Vectors.Vector vector) {
        return AlertCode.fromWireName(vector.string("alert"))
                .orElseThrow(() -> new IllegalStateException("vector " + vector.tcId() + " names an unknown alert"));
    }

    private static Suite suite(Vectors.Vector vector) {
        return Suite.fromWireName(vector.string("suite"))
                .orElseThrow(() -> new IllegalStateException("vector " + vector.tcId() + " names an unknown suite"));
    }

    static Stream<Arguments> clientHellos() {
        return Vectors.load(Vectors.HANDSHAKE,
                group -> Vectors.groupType(group, "ClientHelloTest") && group.getAsJsonArray("enabledSuites").size() == 3,
                vector -> true).stream().map(v -> v.asArguments("HS-010"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clientHellos")
    @DisplayName("ClientHello vectors: each malformed field gets its alert, each valid edge case a ServerHello")
    @ConformanceCase(id = "HS-010", requirements = {"REQ-HS-6", "REQ-KEX-3", "REQ-KEX-4", "REQ-KEX-7", "REQ-ALERT-1"},
            endings = "invalid: plaintext alert of the vector, then FIN; valid: a ServerHello")
    void clientHelloVector(String id, String comment, Vectors.Vector vector, CaseContext context) throws IOException {
        context.requireSuite(suite(vector));
        TestConnection connection = context.connect();
        connection.send(vector.hex("frame"), "ClientHello vector " + vector.tcId() + " (" + comment + ")");
        if (!vector.valid()) {
            Endings.plaintextAlertThenFin(context, connection, alert(vector), "vector " + vector.tcId() + ": " + comment);
            return;
        }
        Frame first = connection.readFrame("a ServerHello");
        if (first.type() != FrameType.SERVER_HELLO) {
            throw context.fail("a ServerHello: the vector is a valid ClientHello", Decoded.describeFrame(first),
                    "vector " + vector.tcId() + ": " + comment);
        }
    }

    static Stream<Arguments> finishedVectors() {
        return Vectors.load(Vectors.HANDSHAKE, group -> Vectors.groupType(group, "FinishedTest"),
                vector -> "server".equals(vector.string("receiver")) && !vector.valid())
                .stream().map(v -> v.asArguments("HS-024"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("finishedVectors")
    @DisplayName("client Finished vectors: wrong length or wrong MAC get their alert")
    @ConformanceCase(id = "HS-024", requirements = {"REQ-FIN-2", "REQ-FIN-6"},
            endings = "plaintext alert of the vector, then FIN")
    void finishedVector(String id, String comment, Vectors.Vector vector, CaseContext context) throws IOException {
        ClientFlight.Pending pending = context.startHandshake(context.requireSuite(suite(vector)));
        pending.connection().send(vector.hex("frame"), "Finished vector " + vector.tcId() + " (" + comment + ")");
        Endings.plaintextAlertThenFin(context, pending.connection(), alert(vector), "vector " + vector.tcId() + ": " + comment);
    }

    static Stream<Arguments> frameHeaderVectors() {
        return Vectors.load(Vectors.HANDSHAKE, group -> Vectors.groupType(group, "FrameHeaderTest"),
                vector -> "server".equals(vector.string("receiver")))
                .stream().map(v -> v.asArguments("FRM-010"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("frameHeaderVectors")
    @DisplayName("frame header vectors in every server state: unknown type, unexpected type, oversized, short record")
    @ConformanceCase(id = "FRM-010", requirements = {"REQ-FRM-6", "REQ-FRM-7", "REQ-FRM-8", "REQ-FRM-9", "REQ-FRM-11",
            "REQ-HS-10", "REQ-ALERT-2"},
            endings = "before ESTABLISHED: plaintext alert, then FIN; in ESTABLISHED: one encrypted alert, then FIN")
    void frameHeaderVector(String id, String comment, Vectors.Vector vector, CaseContext context) throws IOException {
        Suite suite = context.requireSuite(suite(vector));
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
                Session session = context.handshake(suite);
                session.connection().send(vector.hex("frame"), what);
                Endings.encryptedAlertThenFin(context, session, alert, what);
            }
            default -> throw new IllegalStateException("vector " + vector.tcId() + " has unknown state " + state);
        }
    }

    static Stream<Arguments> wellFormedEchoes() {
        return Vectors.load(Vectors.ECHO, group -> true, Vectors.Vector::valid).stream().map(v -> v.asArguments("ECHO-001"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wellFormedEchoes")
    @DisplayName("echo vectors: the reply is exactly the vector's output")
    @ConformanceCase(id = "ECHO-001", requirements = {"REQ-ECHO-1", "REQ-ECHO-8", "REQ-ECHO-9", "REQ-ECHO-10"})
    void echoVector(String id, String comment, Vectors.Vector vector, CaseContext context) {
        Session session = context.handshake(context.anySuite());
        byte[] reply = context.echo(session, vector.hex("input"));
        if (!Arrays.equals(reply, vector.hex("output"))) {
            throw context.fail("the reply " + Session.describe(vector.hex("output")) + " (vector " + vector.tcId() + ")",
                    "the reply " + Session.describe(reply), "data " + Session.describe(vector.hex("input")) + ", " + comment);
        }
    }

    static Stream<Arguments> illFormedEchoes() {
        return Vectors.load(Vectors.ECHO, group -> true, v -> !v.valid()).stream().map(v -> v.asArguments("ECHO-002"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("illFormedEchoes")
    @DisplayName("ill-formed UTF-8 vectors get bad_payload and no echo")
    @ConformanceCase(id = "ECHO-002", requirements = {"REQ-ECHO-7", "REQ-ECHO-2"},
            endings = "one encrypted alert bad_payload, then FIN")
    void illFormedVector(String id, String comment, Vectors.Vector vector, CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        session.sendData(vector.hex("input"));
        Endings.encryptedAlertThenFin(context, session, alert(vector), "vector " + vector.tcId() + ": " + comment);
    }
}
