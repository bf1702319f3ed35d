package io.secho.conformance.cases;

import io.secho.alert.AlertCode;
import io.secho.alert.AlertMessage;
import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordNonce;
import io.secho.record.RecordSealer;
import io.secho.crypto.AesGcm;
import io.secho.wire.Frame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static io.secho.conformance.cases.Messages.utf8;

/** The authenticated close in both directions, truncation, and alerts from the client. */
@DisplayName("Closing")
@ExtendWith(ConformanceExtension.class)
class CloseCases {

    @Test
    @DisplayName("Close from the client is answered with exactly one Close, then FIN")
    @ConformanceCase(id = "CLOSE-001", requirements = {"REQ-CLOSE-3", "REQ-CLOSE-4", "REQ-ALERT-5", "REQ-ALERT-11"},
            endings = "one Close record, then FIN")
    void cleanClose(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        context.echo(session, "bye");
        session.sendClose();
        Endings.closeThenFin(context, session, "Close");
    }

    @Test
    @DisplayName("requests pipelined before Close are all answered before the server's Close")
    @ConformanceCase(id = "CLOSE-002", requirements = {"REQ-CLOSE-3", "REQ-ECHO-1"},
            endings = "three echoes, one Close record, then FIN")
    void repliesBeforeClose(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            batch.writeBytes(session.seal(InnerType.DATA, utf8("last " + i)).encode());
        }
        batch.writeBytes(session.seal(InnerType.CLOSE, new byte[0]).encode());
        session.connection().send(batch.toByteArray(), "3 data records and Close in one write");
        for (int i = 0; i < 3; i++) {
            try {
                InnerPlaintext reply = session.receive("reply " + i + " before the Close");
                if (!Arrays.equals(reply.payload(), utf8("LAST " + i))) {
                    throw context.fail("\"LAST " + i + "\"", Session.describe(reply), "3 requests then Close");
                }
            } catch (ReceivedSomethingElse e) {
                throw context.fail(e.expected(), e.received(), "3 requests then Close");
            }
        }
        Endings.closeThenFin(context, session, "3 requests then Close");
    }

    @Test
    @DisplayName("FIN without Close after the handshake (truncation): nothing sent back, then FIN")
    @ConformanceCase(id = "CLOSE-003", requirements = {"REQ-CLOSE-6", "REQ-CLOSE-7", "REQ-CLOSE-5", "REQ-ALERT-11"}, endings = "nothing, then FIN")
    void truncationAtBoundary(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        context.echo(session, "then silence");
        session.connection().halfClose();
        Endings.nothingThenFin(context, session.connection(), "FIN without Close");
    }

    @Test
    @DisplayName("FIN in the middle of a record header (truncation): nothing sent back, then FIN")
    @ConformanceCase(id = "CLOSE-004", requirements = {"REQ-CLOSE-6", "REQ-CLOSE-7"}, endings = "nothing, then FIN")
    void truncationMidHeader(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        byte[] record = session.seal(InnerType.DATA, utf8("cut")).encode();
        session.connection().send(Arrays.copyOf(record, 2), "2 bytes of a record header");
        session.connection().halfClose();
        Endings.nothingThenFin(context, session.connection(), "2 header bytes, then FIN");
    }

    @Test
    @DisplayName("a plaintext alert from the client is not answered: nothing, then FIN")
    @ConformanceCase(id = "CLOSE-005", requirements = {"REQ-ALERT-8", "REQ-ALERT-9"}, endings = "nothing, then FIN")
    void plaintextAlertFromClient(CaseContext context) throws IOException {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        pending.connection().send(AlertMessage.plaintextFrame(AlertCode.HANDSHAKE_FAILURE),
                "plaintext alert handshake_failure instead of the client Finished");
        Endings.nothingThenFin(context, pending.connection(), "plaintext alert from the client");
    }

    @Test
    @DisplayName("an encrypted alert from the client is not answered: nothing, then FIN")
    @ConformanceCase(id = "CLOSE-006", requirements = {"REQ-ALERT-8", "REQ-ALERT-9"}, endings = "nothing, then FIN")
    void encryptedAlertFromClient(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        context.echo(session, "about to fail");
        session.send(session.seal(InnerType.ALERT, AlertMessage.encode(AlertCode.BAD_RECORD_MAC)),
                "encrypted alert bad_record_mac");
        Endings.nothingThenFin(context, session.connection(), "encrypted alert from the client");
    }

    @Test
    @DisplayName("a Close that carries a payload gets decode_error")
    @ConformanceCase(id = "CLOSE-007", requirements = {"REQ-REC-10"}, endings = "one encrypted alert decode_error, then FIN")
    void closeWithPayload(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        long sequence = session.nextSequenceToSend();
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(session.secrets().clientToServer().key()),
                RecordNonce.of(session.secrets().clientToServer().salt(), sequence), InnerType.CLOSE.code(), utf8("x"));
        session.send(frame, "record seq " + sequence + ": close with a 1-byte payload");
        Endings.encryptedAlertThenFin(context, session, AlertCode.DECODE_ERROR, "Close with a payload");
    }

    @Test
    @DisplayName("nothing after the client's Close is processed: a record behind it gets no echo")
    @ConformanceCase(id = "CLOSE-008", requirements = {"REQ-CLOSE-4"}, endings = "one Close record, then FIN")
    void nothingAfterClose(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        byte[] close = session.seal(InnerType.CLOSE, new byte[0]).encode();
        byte[] late = session.seal(InnerType.DATA, utf8("too late")).encode();
        byte[] both = Arrays.copyOf(close, close.length + late.length);
        System.arraycopy(late, 0, both, close.length, late.length);
        session.connection().send(both, "Close, then a data record in the same write");
        Endings.closeThenFin(context, session, "Close followed by data");
    }

    @Test
    @DisplayName("a plaintext alert right after the ClientHello is not answered: nothing more, then FIN")
    @ConformanceCase(id = "CLOSE-009", requirements = {"REQ-ALERT-8", "REQ-ALERT-9"},
            endings = "the server's flight, nothing more, then FIN")
    void alertDuringHandshake(CaseContext context) throws IOException {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        pending.connection().send(new byte[] {0x04, 0x00, 0x01, (byte) 0xee}, "plaintext alert with unknown code 0xee");
        Endings.nothingThenFin(context, pending.connection(), "unknown alert code from the client");
    }

    @Test
    @DisplayName("a malformed plaintext alert (2 bytes) is not answered either: nothing, then FIN")
    @ConformanceCase(id = "CLOSE-010", requirements = {"REQ-ALERT-10", "REQ-ALERT-9"}, endings = "nothing, then FIN")
    void malformedAlertFromClient(CaseContext context) throws IOException {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        pending.connection().send(new byte[] {0x04, 0x00, 0x02, 0x05, 0x05}, "plaintext alert frame with a 2-byte body");
        Endings.nothingThenFin(context, pending.connection(), "malformed plaintext alert");
    }
}
