package io.secho.conformance.clients.cases;

import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.Level;
import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.server.ScriptedServer;
import io.secho.conformance.clients.server.Wire;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

@DisplayName("Client closing and alerts")
@ExtendWith(ConformanceExtension.class)
public class ClientCloseCases {
    private static final List<String> ONE = List.of("one");
    private static final List<String> TWO = ClientRecordCases.TWO;
    private static final List<String> FIRST_REPLY = ClientRecordCases.FIRST_REPLY;
    /** More than a client's buffers hold: a client that closes without draining leaves some unread, and resets. */
    private static final int STRAY_BYTES = 256 * 1024;
    /** How long CCLOSE-005 waits for a Close sent without waiting for the reply. */
    private static final long PIPELINED_CLOSE_WAIT_MILLIS = 1000;

    /** A session up to the second request; then the probe instead of its reply. */
    private static ClientOutcome insteadOfSecondReply(ClientCaseContext context, String what,
                                                      Consumer<ScriptedServer> probe) {
        return context.run(context.anySuite(), TWO, server -> {
            server.handshake().echo(TWO.get(0)).readData(TWO.get(1)).probe(what);
            probe.accept(server);
        });
    }

    /** The probe instead of the reply to the second request; the client must end silently, the first reply printed. */
    private static void endsSilently(ClientCaseContext context, String what, Consumer<ScriptedServer> probe) {
        context.expectNothingSent(insteadOfSecondReply(context, what, probe), FIRST_REPLY);
    }

    @Test
    @DisplayName("FIN without the server's Close after the client's Close: an error (truncation), nothing sent")
    @ConformanceCase(id = "CCLOSE-001", requirements = {Req.CLOSE_6, Req.CLOSE_7, Req.CLOSE_12})
    void finWithoutClose(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.handshake().echo("one")
                .readClose().probe("FIN instead of the server's Close").halfClose());
        context.expectNothingSent(outcome, List.of("ONE"));
    }

    /** CCLOSE-002's inputs: where the server's stream ends. */
    public static Stream<Arguments> truncations() {
        return Stream.of(
                Arguments.of("CCLOSE-002.1", "EOF inside a record header, a reply owed", 1),
                Arguments.of("CCLOSE-002.2", "EOF inside a record body, a reply owed", 2),
                Arguments.of("CCLOSE-002.3", "EOF after the ServerHello, before the server Finished", 3),
                Arguments.of("CCLOSE-002.4", "EOF inside the ServerHello", 4));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("truncations")
    @DisplayName("EOF inside a frame, or during the handshake: an error (truncation), nothing sent")
    @ConformanceCase(id = "CCLOSE-002", requirements = {Req.CLOSE_6, Req.CLOSE_7, Req.CLOSE_12})
    void truncated(String id, String what, int variant, ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> {
            server.readClientHello();
            switch (variant) {
                case 1 -> server.sendServerHello().sendServerFinished().readClientFinished().readData("one").probe(what)
                        .sendRaw(new byte[] {(byte) FrameType.RECORD.code(), 0x00}, "2 of the 3 bytes of a record header");
                case 2 -> server.sendServerHello().sendServerFinished().readClientFinished().readData("one").probe(what)
                        .sendRaw(concat(Wire.header(FrameType.RECORD.code(), 32), new byte[10]),
                                "a record header announcing 32 bytes, and 10 of them");
                case 3 -> server.probe(what).sendServerHello();
                default -> server.probe(what).sendRaw(concat(Wire.header(FrameType.SERVER_HELLO.code(), 37 + 32), new byte[17]),
                        "a ServerHello header and 17 of its 69 body bytes");
            }
            server.halfClose();
        });
        context.expectNothingSent(outcome, List.of());
    }

    @Test
    @DisplayName("a TCP reset instead of the server's Close: reported as an error")
    @ConformanceCase(id = "CCLOSE-003", requirements = {Req.CLOSE_8}, level = Level.SHOULD)
    void resetInsteadOfClose(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.handshake().echo("one")
                .readClose().probe("a TCP reset instead of the server's Close").reset());
        context.expectReportedError(outcome);
        context.expectPrinted(outcome, List.of("ONE"));
    }

    @Test
    @DisplayName("the server's Close before the client's, a reply owed: encrypted unexpected_message, exit != 0")
    @ConformanceCase(id = "CCLOSE-004", requirements = {Req.CLOSE_10, Req.ECHO_12})
    void serverCloseFirst(ClientCaseContext context) {
        ClientOutcome outcome = insteadOfSecondReply(context, "a Close instead of the reply", ScriptedServer::sendClose);
        context.expectAlert(outcome, AlertCode.UNEXPECTED_MESSAGE.code(), true, FIRST_REPLY);
    }

    @Test
    @DisplayName("the server's Close while a reply is owed after the client's Close: failed, nothing sent")
    @ConformanceCase(id = "CCLOSE-005", requirements = {Req.CLOSE_11, Req.ECHO_12, Req.CLOSE_12})
    void serverCloseWithReplyOwed(ClientCaseContext context) {
        AtomicBoolean pipelined = new AtomicBoolean();
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> {
            server.handshake().readData("one");
            if (server.clientSendsWithin(PIPELINED_CLOSE_WAIT_MILLIS)) {
                pipelined.set(true);
                server.readClose().probe("the server's Close, the reply to \"one\" still owed").sendClose();
            } else {
                server.probe("the reply (the client waits for it before its Close)");
                Sessions.serve(server, List.of());
            }
        });
        if (!pipelined.get()) {
            throw new CaseSkipped("the client waits for each reply before it sends on, so no reply is ever owed after "
                    + "its Close (this case applies to a client that sends its Close without waiting)");
        }
        context.expectNothingSent(outcome, List.of());
    }

    @Test
    @DisplayName("an encrypted alert followed by stray bytes: the client drains them and ends with FIN, no reset")
    @ConformanceCase(id = "CCLOSE-006", requirements = {Req.CLOSE_12, Req.ALERT_9})
    void alertThenStrayBytes(ClientCaseContext context) {
        endsSilently(context, "the encrypted alert internal_error, then 256 KiB of stray bytes (the server's side left "
                + "open, so that a reset after the client's FIN shows)", server -> server.coalesce()
                .sendEncryptedAlert(AlertCode.INTERNAL_ERROR.code())
                .sendRaw(new byte[STRAY_BYTES], STRAY_BYTES + " zero bytes").flush());
    }

    @Test
    @DisplayName("a plaintext alert in ESTABLISHED: the client closes and sends nothing")
    @ConformanceCase(id = "CCLOSE-007", requirements = {Req.ALERT_8, Req.ALERT_9, Req.CLOSE_12})
    void plaintextAlertEstablished(ClientCaseContext context) {
        endsSilently(context, "the plaintext alert internal_error instead of the reply",
                server -> server.sendPlaintextAlert(AlertCode.INTERNAL_ERROR.code()).halfClose());
    }

    @Test
    @DisplayName("an encrypted alert with an unknown code (0x7f): the client closes and sends nothing")
    @ConformanceCase(id = "CCLOSE-008", requirements = {Req.ALERT_8, Req.ALERT_9, Req.CLOSE_12})
    void unknownAlertCode(ClientCaseContext context) {
        endsSilently(context, "an encrypted alert with the unknown code 0x7f",
                server -> server.sendEncryptedAlert(0x7f).halfClose());
    }

    @Test
    @DisplayName("a plaintext alert with a 2-byte body: the client closes and sends no alert")
    @ConformanceCase(id = "CCLOSE-009", requirements = {Req.ALERT_10, Req.ALERT_9, Req.CLOSE_12})
    void malformedPlaintextAlert(ClientCaseContext context) {
        endsSilently(context, "a plaintext alert frame with a 2-byte body", server -> server
                .sendFrame(FrameType.ALERT.code(), new byte[] {0x0c, 0x0c}, "alert frame 04 00 02 0c 0c").halfClose());
    }

    @Test
    @DisplayName("after its own alert the client half-closes and drains: no reset while the server keeps sending")
    @ConformanceCase(id = "CCLOSE-010", requirements = {Req.ALERT_4, Req.ALERT_5, Req.ALERT_3})
    void drainAfterOwnAlert(ClientCaseContext context) {
        ClientOutcome outcome = insteadOfSecondReply(context, "a reply with a forged tag, then 256 KiB of stray bytes",
                server -> server.coalesce().sendRecord(record -> record.data("SECOND").forgeTag())
                        .sendRaw(new byte[STRAY_BYTES], STRAY_BYTES + " zero bytes").flush());
        context.expectAlert(outcome, AlertCode.BAD_RECORD_MAC.code(), true, FIRST_REPLY);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
