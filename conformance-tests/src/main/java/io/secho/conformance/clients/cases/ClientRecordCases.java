package io.secho.conformance.clients.cases;

import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.clients.server.RecordFields;
import io.secho.conformance.clients.server.Wire;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

@DisplayName("Client records")
@ExtendWith(ConformanceExtension.class)
public class ClientRecordCases {
    /** The first request is answered right; the reply to the second is the probe. */
    static final List<String> TWO = List.of("first", "second");
    static final List<String> FIRST_REPLY = List.of("FIRST");

    /** A session up to the second request; then the reply to it, as the deviation point makes it. */
    static ClientOutcome secondReply(ClientCaseContext context, String what, Consumer<RecordFields> reply) {
        return context.run(context.anySuite(), TWO, server -> server.handshake().echo(TWO.get(0)).readData(TWO.get(1))
                .probe(what).sendRecord(reply));
    }

    /** The reply to the second request, as the deviation point makes it, must get this encrypted alert. */
    static void replyGetsAlert(ClientCaseContext context, String what, Consumer<RecordFields> reply, AlertCode alert) {
        context.expectAlert(secondReply(context, what, reply), alert.code(), true, FIRST_REPLY);
    }

    @Test
    @DisplayName("the client's records: c2s salt and seq 0, 1, 2 ... for every record, the Close included")
    @ConformanceCase(id = "CREC-001", requirements = {Req.REC_2, Req.REC_1, Req.REC_3})
    void clientNonces(ClientCaseContext context) {
        List<String> messages = List.of("one", "two", "three");
        Sessions.wholeSession(context, context.anySuite(), messages, "three requests and a Close, each record's nonce "
                + "and tag checked", server -> server.handshake());
    }

    @Test
    @DisplayName("a reply with a forged tag gets encrypted bad_record_mac and is not printed")
    @ConformanceCase(id = "CREC-002", requirements = {Req.REC_6, Req.REC_7, Req.ECHO_12})
    void forgedTag(ClientCaseContext context) {
        replyGetsAlert(context, "the reply with a forged tag", record -> record.data("SECOND").forgeTag(),
                AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a reply that replays seq 0 (valid tag) gets bad_sequence")
    @ConformanceCase(id = "CREC-003", requirements = {Req.REC_8, Req.ECHO_12})
    void replayedSequence(ClientCaseContext context) {
        replyGetsAlert(context, "the reply sealed with seq 0 again", record -> record.data("SECOND").seq(0),
                AlertCode.BAD_SEQUENCE);
    }

    @Test
    @DisplayName("a reply that skips seq 1 (seq 2, valid tag) gets bad_sequence")
    @ConformanceCase(id = "CREC-004", requirements = {Req.REC_8, Req.ECHO_12})
    void skippedSequence(ClientCaseContext context) {
        replyGetsAlert(context, "the reply sealed with seq 2 instead of 1", record -> record.data("SECOND").seq(2),
                AlertCode.BAD_SEQUENCE);
    }

    @Test
    @DisplayName("a reply whose nonce has another salt (valid tag) gets bad_sequence")
    @ConformanceCase(id = "CREC-005", requirements = {Req.REC_8, Req.ECHO_12})
    void wrongSalt(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), TWO, server -> {
            server.handshake().echo(TWO.get(0)).readData(TWO.get(1)).probe("the reply sealed with another salt");
            byte[] salt = server.serverSalt();
            salt[0] ^= 0x01;
            server.sendRecord(record -> record.data("SECOND").salt(salt));
        });
        context.expectAlert(outcome, AlertCode.BAD_SEQUENCE.code(), true, FIRST_REPLY);
    }

    @Test
    @DisplayName("a reply sealed with the c2s key and salt gets bad_record_mac")
    @ConformanceCase(id = "CREC-006", requirements = {Req.KS_4, Req.REC_6, Req.ECHO_12})
    void wrongDirectionKey(ClientCaseContext context) {
        replyGetsAlert(context, "the reply sealed with the c2s key and salt", record -> record.data("SECOND").clientKey(),
                AlertCode.BAD_RECORD_MAC);
    }

    /** CREC-007's inputs: records that open but are no valid data, close or alert record. */
    public static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of("CREC-007.1", "inner type 0x04", 0x04, new byte[] {'X'}),
                Arguments.of("CREC-007.2", "a Close with a 1-byte payload", InnerType.CLOSE.code(), new byte[] {0x00}),
                Arguments.of("CREC-007.3", "an alert with a 2-byte payload", InnerType.ALERT.code(), new byte[] {0x0c, 0x0c}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedRecords")
    @DisplayName("a record with an unknown inner type or a malformed close or alert payload gets decode_error")
    @ConformanceCase(id = "CREC-007", requirements = {Req.REC_10, Req.ECHO_12})
    void malformedRecord(String id, String what, int innerType, byte[] payload, ClientCaseContext context) {
        replyGetsAlert(context, "instead of the reply, a record with " + what,
                record -> record.inner(innerType, payload, what), AlertCode.DECODE_ERROR);
    }

    @Test
    @DisplayName("an encrypted alert instead of a reply: the client sends nothing, prints no reply, exit != 0")
    @ConformanceCase(id = "CREC-008", requirements = {Req.ALERT_8, Req.ALERT_9, Req.ECHO_12, Req.CLOSE_12})
    void encryptedAlert(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), TWO, server -> server.handshake().echo(TWO.get(0))
                .readData(TWO.get(1)).probe("the encrypted alert internal_error instead of the reply")
                .sendEncryptedAlert(AlertCode.INTERNAL_ERROR.code()).halfClose());
        context.expectNothingSent(outcome, FIRST_REPLY);
    }
}
