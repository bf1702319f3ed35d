package io.secho.conformance.clients.cases;

import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.Direction;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.clients.server.ScriptedServer;
import io.secho.conformance.clients.server.Wire;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

@DisplayName("Client framing")
@ExtendWith(ConformanceExtension.class)
public class ClientFramingCases {
    private static final List<String> MESSAGES = List.of("split me", "and me");
    private static final List<String> ONE = List.of("hello");

    @Test
    @DisplayName("every frame of the server written one byte per TCP write: the session completes")
    @ConformanceCase(id = "CFRM-001", requirements = {Req.FRM_4})
    void oneBytePerWrite(ClientCaseContext context) {
        Sessions.wholeSession(context, context.anySuite(), MESSAGES, "every frame of the server written one byte per "
                + "TCP write", server -> server.readClientHello().oneBytePerWrite().sendServerHello()
                .sendServerFinished().readClientFinished());
    }

    @Test
    @DisplayName("ServerHello and server Finished in one TCP write, pipelined replies in one: the session completes")
    @ConformanceCase(id = "CFRM-002", requirements = {Req.FRM_5})
    void severalFramesInOneWrite(ClientCaseContext context) {
        List<String> messages = List.of("one", "two", "three");
        Suite suite = context.anySuite();
        ClientOutcome outcome = context.runWhole(suite, messages, "the ServerHello and the server Finished in one TCP "
                + "write; the replies to requests that came together in one write", server -> {
                    server.readClientHello().coalesce().sendServerHello().sendServerFinished().flush()
                            .readClientFinished();
                    int answered = 0;
                    while (answered < messages.size()) {
                        List<String> batch = new ArrayList<>(List.of(messages.get(answered)));
                        server.readData(batch.get(0));
                        while (answered + batch.size() < messages.size() && server.clientHasSentMore()) {
                            String next = messages.get(answered + batch.size());
                            server.readData(next);
                            batch.add(next);
                        }
                        server.coalesce();
                        batch.forEach(server::reply);
                        server.flush();
                        answered += batch.size();
                    }
                    server.readClose().sendClose();
                });
        context.requireStepsDone(outcome, "");
        context.evidence("the client read the ServerHello and the server Finished from one TCP write");
        context.expectClosingProcedure(outcome, "the client's Close and the server's");
        context.expectCleanExit(outcome);
        context.expectPrinted(outcome, Sessions.replies(messages));
    }

    /** CFRM-003's inputs: a frame type outside 0x01..0x05, before and after the handshake. */
    public static Stream<Arguments> unknownTypes() {
        return Stream.of(
                Arguments.of("CFRM-003.1", "type 0x06 instead of the ServerHello (plaintext decode_error)", 0x06, 1),
                Arguments.of("CFRM-003.2", "type 0xff instead of the server Finished (plaintext decode_error)", 0xff, 2),
                Arguments.of("CFRM-003.3", "type 0x06 instead of a reply (encrypted decode_error)", 0x06, 3),
                Arguments.of("CFRM-003.4", "type 0xff instead of a reply (encrypted decode_error)", 0xff, 3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownTypes")
    @DisplayName("a frame of an unknown type gets decode_error, plaintext before ESTABLISHED, encrypted after")
    @ConformanceCase(id = "CFRM-003", requirements = {Req.FRM_7, Req.ALERT_2})
    void unknownType(String id, String what, int type, int where, ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> {
            server.readClientHello();
            if (where >= 2) {
                server.sendServerHello();
            }
            if (where == 3) {
                server.sendServerFinished().readClientFinished().readData(ONE.get(0));
            }
            server.probe(what).sendFrame(type, new byte[] {0x00}, String.format("a frame of type 0x%02x with a "
                    + "1-byte body", type));
        });
        context.expectAlert(outcome, AlertCode.DECODE_ERROR.code(), where == 3, List.of());
    }

    @Test
    @DisplayName("a record header announcing 49182 bytes (above the S->C limit) gets encrypted record_overflow at once")
    @ConformanceCase(id = "CFRM-004", requirements = {Req.FRM_9, Req.FRM_10, Req.FRM_6})
    void recordOverLimit(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.handshake().readData(ONE.get(0))
                .probe("a record header announcing 49182 body bytes, and no body")
                .sendRaw(Wire.header(FrameType.RECORD.code(), Direction.SERVER_TO_CLIENT.maxRecordBody() + 1), "record header 05 c0 1e (49182 bytes) "
                        + "alone"));
        context.expectAlert(outcome, AlertCode.RECORD_OVERFLOW.code(), true, List.of());
    }

    @Test
    @DisplayName("the largest reply (a 49152-byte payload in a 49181-byte record) is accepted and printed")
    @ConformanceCase(id = "CFRM-005", requirements = {Req.FRM_9, Req.ECHO_12})
    void largestReply(ClientCaseContext context) {
        // U+0390 is 2 bytes and upper-cases to 6: 8192 of them make the largest request and the largest reply.
        List<String> messages = List.of("\u0390".repeat(8192));
        Sessions.wholeSession(context, context.anySuite(), messages, "a reply of 49152 bytes to a request of 16384",
                ScriptedServer::handshake);
    }

    @Test
    @DisplayName("a record of 28 bytes (shorter than 29) gets encrypted decode_error")
    @ConformanceCase(id = "CFRM-006", requirements = {Req.FRM_11})
    void recordTooShort(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.handshake().readData(ONE.get(0))
                .probe("a record frame with a 28-byte body").sendFrame(FrameType.RECORD.code(), new byte[FrameLimits.MIN_RECORD_BODY - 1],
                        "a record frame with a 28-byte body"));
        context.expectAlert(outcome, AlertCode.DECODE_ERROR.code(), true, List.of());
    }

    /** CFRM-007's inputs: a handshake frame after the handshake. */
    public static Stream<Arguments> handshakeFramesLate() {
        return Stream.of(
                Arguments.of("CFRM-007.1", "the ServerHello again", 1),
                Arguments.of("CFRM-007.2", "the server Finished again", 2),
                Arguments.of("CFRM-007.3", "a client_hello frame", 3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("handshakeFramesLate")
    @DisplayName("a hello or Finished in ESTABLISHED instead of a reply gets encrypted unexpected_message")
    @ConformanceCase(id = "CFRM-007", requirements = {Req.FRM_8, Req.HS_11})
    void handshakeFrameLate(String id, String what, int variant, ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> {
            server.handshake().readData(ONE.get(0)).probe(what + " instead of the reply");
            switch (variant) {
                case 1 -> server.sendRaw(server.serverHelloFrame(), "the ServerHello again");
                case 2 -> server.sendRaw(server.serverFinishedFrame(), "the server Finished again");
                default -> server.sendFrame(FrameType.CLIENT_HELLO.code(), server.clientHelloBody(), "a client_hello frame (the "
                        + "client's own ClientHello)");
            }
        });
        context.expectAlert(outcome, AlertCode.UNEXPECTED_MESSAGE.code(), true, List.of());
    }
}
