package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.RecordNonce;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.secho.conformance.cases.Messages.utf8;

/** The authenticated close in both directions, truncation, and alerts from the client. */
@DisplayName("Closing")
@ExtendWith(ConformanceExtension.class)
class CloseCases {

    @Test
    @DisplayName("Close from the client is answered with exactly one Close, then FIN")
    @ConformanceCase(id = "CLOSE-001", requirements = {Req.CLOSE_3, Req.CLOSE_4, Req.ALERT_5, Req.ALERT_11},
            endings = "one Close record, then FIN")
    void cleanClose(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "bye");
        session.sendClose();
        Endings.closeThenFin(context, session, "Close");
    }

    @Test
    @DisplayName("requests pipelined before Close are all answered before the server's Close")
    @ConformanceCase(id = "CLOSE-002", requirements = {Req.CLOSE_3, Req.ECHO_1},
            endings = "three echoes, one Close record, then FIN")
    void repliesBeforeClose(CaseContext context) {
        Session session = context.establish();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            batch.writeBytes(session.seal(InnerType.DATA, utf8("last " + i)).encode());
        }
        batch.writeBytes(session.seal(InnerType.CLOSE, new byte[0]).encode());
        session.connection().send(batch.toByteArray(), "3 data records and Close in one write");
        for (int i = 0; i < 3; i++) {
            try {
                InnerPlaintext reply = session.receive("reply " + i + " before the Close");
                if (reply.type() != InnerType.DATA || !Arrays.equals(reply.payload(), utf8("LAST " + i))) {
                    throw context.fail("\"LAST " + i + "\"", Session.describe(reply), "3 requests then Close");
                }
            } catch (ReceivedSomethingElse e) {
                throw context.fail(e.expected(), e.received(), "3 requests then Close");
            }
        }
        context.evidence("the 3 replies came before the Close");
        Endings.closeThenFin(context, session, "3 requests then Close");
    }

    @Test
    @DisplayName("FIN without Close after the handshake (truncation): nothing sent back, then FIN")
    @ConformanceCase(id = "CLOSE-003", requirements = {Req.CLOSE_6, Req.CLOSE_7, Req.CLOSE_5, Req.ALERT_11}, endings = "nothing, then FIN")
    void truncationAtBoundary(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "then silence");
        session.connection().halfClose();
        Endings.nothingThenFin(context, session.connection(), "FIN without Close");
    }

    @Test
    @DisplayName("FIN in the middle of a record header (truncation): nothing sent back, then FIN")
    @ConformanceCase(id = "CLOSE-004", requirements = {Req.CLOSE_6, Req.CLOSE_7}, endings = "nothing, then FIN")
    void truncationMidHeader(CaseContext context) {
        Session session = context.establish();
        byte[] record = session.seal(InnerType.DATA, utf8("cut")).encode();
        session.connection().send(Arrays.copyOf(record, 2), "2 bytes of a record header");
        session.connection().halfClose();
        Endings.nothingThenFin(context, session.connection(), "2 header bytes, then FIN");
    }

    @Test
    @DisplayName("a plaintext alert from the client is not answered: nothing, then FIN")
    @ConformanceCase(id = "CLOSE-005", requirements = {Req.ALERT_8, Req.ALERT_9}, endings = "nothing, then FIN")
    void plaintextAlertFromClient(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        pending.connection().send(AlertMessage.plaintextFrame(AlertCode.HANDSHAKE_FAILURE),
                "plaintext alert handshake_failure instead of the client Finished");
        Endings.nothingThenFin(context, pending.connection(), "plaintext alert from the client");
    }

    @Test
    @DisplayName("an encrypted alert from the client is not answered: nothing, then FIN")
    @ConformanceCase(id = "CLOSE-006", requirements = {Req.ALERT_8, Req.ALERT_9}, endings = "nothing, then FIN")
    void encryptedAlertFromClient(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "about to fail");
        session.send(session.seal(InnerType.ALERT, AlertMessage.encode(AlertCode.BAD_RECORD_MAC)),
                "encrypted alert bad_record_mac");
        Endings.nothingThenFin(context, session.connection(), "encrypted alert from the client");
    }

    @Test
    @DisplayName("a Close that carries a payload gets decode_error")
    @ConformanceCase(id = "CLOSE-007", requirements = {Req.REC_10}, endings = "one encrypted alert decode_error, then FIN")
    void closeWithPayload(CaseContext context) {
        Session session = context.establish();
        long sequence = session.nextSequenceToSend();
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(session.secrets().clientToServer().key()),
                RecordNonce.of(session.secrets().clientToServer().salt(), sequence), InnerType.CLOSE.code(), utf8("x"));
        session.send(frame, "record seq " + sequence + ": close with a 1-byte payload");
        Endings.encryptedAlertThenFin(context, session, AlertCode.DECODE_ERROR, "Close with a payload");
    }

    @Test
    @DisplayName("nothing after the client's Close is processed: a record behind it gets no echo")
    @ConformanceCase(id = "CLOSE-008", requirements = {Req.CLOSE_4}, endings = "one Close record, then FIN")
    void nothingAfterClose(CaseContext context) {
        Session session = context.establish();
        byte[] close = session.seal(InnerType.CLOSE, new byte[0]).encode();
        byte[] late = session.seal(InnerType.DATA, utf8("too late")).encode();
        byte[] both = Arrays.copyOf(close, close.length + late.length);
        System.arraycopy(late, 0, both, close.length, late.length);
        session.connection().send(both, "Close, then a data record in the same write");
        Endings.closeThenFin(context, session, "Close followed by data");
    }

    @Test
    @DisplayName("a plaintext alert right after the ClientHello is not answered: nothing more, then FIN")
    @ConformanceCase(id = "CLOSE-009", requirements = {Req.ALERT_8, Req.ALERT_9},
            endings = "the server's flight, nothing more, then FIN")
    void alertDuringHandshake(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        pending.connection().send(new byte[] {0x04, 0x00, 0x01, (byte) 0xee}, "plaintext alert with unknown code 0xee");
        Endings.nothingThenFin(context, pending.connection(), "unknown alert code from the client");
    }

    @Test
    @DisplayName("a malformed plaintext alert (2 bytes) is not answered either: nothing, then FIN")
    @ConformanceCase(id = "CLOSE-010", requirements = {Req.ALERT_10, Req.ALERT_9}, endings = "nothing, then FIN")
    void malformedAlertFromClient(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        pending.connection().send(new byte[] {0x04, 0x00, 0x02, 0x05, 0x05}, "plaintext alert frame with a 2-byte body");
        Endings.nothingThenFin(context, pending.connection(), "malformed plaintext alert");
    }

    /**
     * After the offending input, this much more follows in the same stream: more than any read buffer of a
     * server holds, so a server that closes without draining leaves input unread, and its kernel answers
     * with a reset (REQ-ALERT-5). Small enough to arrive well within the 2 s drain.
     */
    private static final int TRAILING_BYTES = 128 * 1024;
    /**
     * The trailing input alone is not enough: the socket buffers can take all of it before the server
     * closes, and a reset that follows the server's FIN is never seen by a reader, which read the FIN first
     * (a JDK server's close sends FIN, then the reset). So after the server's FIN the client goes on sending
     * a little, spread over a fraction of the 2 s drain: a server that drains takes it, one that has closed
     * answers it with a reset, and the client's next write fails.
     */
    private static final int LATE_WRITES = 5;
    private static final int LATE_WRITE_BYTES = 1024;
    private static final Duration LATE_WRITE_PAUSE = Duration.ofMillis(40);

    /** Sends the offending bytes and the trailing input in one stream, from a writer of its own. */
    private static Thread sendWithTrailingInput(CaseContext context, TestConnection connection, byte[] offending,
                                                String what) {
        byte[] all = Arrays.copyOf(offending, offending.length + TRAILING_BYTES);
        System.arraycopy(context.random().nextBytes(TRAILING_BYTES), 0, all, offending.length, TRAILING_BYTES);
        return connection.sendInBackground(all, what + ", then " + TRAILING_BYTES / 1024 + " KiB that the server "
                + "must read and discard", false);
    }

    /**
     * After the server's final frame and FIN: the client's input, the trailing input and more sent after the
     * FIN, is read and discarded until the client's FIN, without a reset (REQ-ALERT-4, REQ-ALERT-5).
     */
    private static void expectDrained(CaseContext context, TestConnection connection, Thread writer, String sent) {
        try {
            writer.join(context.ioTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> requirements = Endings.withRequirement(context, Req.ALERT_5);
        String expected = "the server to read and discard the client's input after its FIN, until the client's FIN "
                + "(or for 2 s), and then close without a reset (REQ-ALERT-4, REQ-ALERT-5)";
        if (writer.isAlive()) {
            throw context.failWith(requirements, expected, "the trailing input was still not taken "
                    + context.ioTimeout().toMillis() + " ms after the server's FIN", sent);
        }
        for (int i = 0; i < LATE_WRITES && connection.sendFailure().isEmpty(); i++) {
            connection.send(context.random().nextBytes(LATE_WRITE_BYTES), "more input after the server's FIN, "
                    + "well within its 2 s drain (" + (i + 1) + " of " + LATE_WRITES + ")");
            pause(LATE_WRITE_PAUSE);
        }
        connection.halfClose();
        if (connection.sendFailure().isPresent()) {
            throw context.failWith(requirements, expected, "the client's input was answered with: "
                    + connection.sendFailure().get() + " (the server closed without draining)", sent);
        }
        context.evidence("input after the server's FIN was taken without a reset, then the client's FIN");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("after a plaintext alert (bad version), input behind the ClientHello is drained: alert, then FIN, no reset")
    @ConformanceCase(id = "CLOSE-011", requirements = {Req.ALERT_4, Req.ALERT_5, Req.ALERT_11},
            endings = "plaintext alert unsupported_version, then FIN (not a reset)")
    void drainAfterPlaintextAlert(CaseContext context) {
        TestConnection connection = context.connect();
        byte[] hello = new ClientHello(0x0002, Suite.X25519.code(), context.random().nextBytes(32),
                context.random().nextBytes(32)).toFrame().encode();
        Thread writer = sendWithTrailingInput(context, connection, hello, "ClientHello with version 0x0002");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.UNSUPPORTED_VERSION,
                "ClientHello version 0x0002, then more input");
        expectDrained(context, connection, writer, "ClientHello version 0x0002, then more input");
    }

    @Test
    @DisplayName("after a plaintext alert in the handshake (wrong Finished), input behind it is drained: then FIN, no reset")
    @ConformanceCase(id = "CLOSE-012", requirements = {Req.ALERT_4, Req.ALERT_5, Req.ALERT_11},
            endings = "plaintext alert handshake_failure, then FIN (not a reset)")
    void drainAfterHandshakeAlert(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        byte[] wrong = Bits.invertByte(pending.clientFinished(), 0);
        Thread writer = sendWithTrailingInput(context, pending.connection(), wrong,
                "client Finished with byte 0 of verify_data inverted");
        Endings.plaintextAlertThenFin(context, pending.connection(), AlertCode.HANDSHAKE_FAILURE,
                "a wrong client Finished, then more input");
        expectDrained(context, pending.connection(), writer, "a wrong client Finished, then more input");
    }

    @Test
    @DisplayName("after an encrypted alert (bad tag), input behind the record is drained: alert, then FIN, no reset")
    @ConformanceCase(id = "CLOSE-013", requirements = {Req.ALERT_4, Req.ALERT_5, Req.ALERT_11},
            endings = "one encrypted alert bad_record_mac, then FIN (not a reset)")
    void drainAfterEncryptedAlert(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "before the forgery");
        Frame record = session.seal(InnerType.DATA, utf8("forged"));
        byte[] forged = Bits.invertByte(record, record.length() - 1);
        Thread writer = sendWithTrailingInput(context, session.connection(), forged,
                "record with the last tag byte inverted");
        Endings.encryptedAlertThenFin(context, session, AlertCode.BAD_RECORD_MAC, "a forged record, then more input");
        expectDrained(context, session.connection(), writer, "a forged record, then more input");
    }

    @Test
    @DisplayName("after the server's Close, input behind the client's Close is drained: Close, then FIN, no reset")
    @ConformanceCase(id = "CLOSE-014", requirements = {Req.CLOSE_3, Req.CLOSE_4, Req.ALERT_5},
            endings = "one Close record, then FIN (not a reset)")
    void drainAfterClose(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "before the close");
        byte[] close = session.seal(InnerType.CLOSE, new byte[0]).encode();
        Thread writer = sendWithTrailingInput(context, session.connection(), close, "Close");
        Endings.closeThenFin(context, session, "Close, then more input");
        expectDrained(context, session.connection(), writer, "Close, then more input");
    }

    @Test
    @DisplayName("after a header alert (05 ff ff), the announced body that follows is drained: alert, then FIN, no reset")
    @ConformanceCase(id = "CLOSE-015", requirements = {Req.FRM_10, Req.ALERT_4, Req.ALERT_5},
            endings = "one encrypted alert record_overflow, then FIN (not a reset)")
    void drainAfterHeaderAlert(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "before the header");
        Thread writer = sendWithTrailingInput(context, session.connection(),
                Frame.header(FrameType.RECORD.code(), 0xffff), "record header 05 ff ff");
        Endings.encryptedAlertThenFin(context, session, AlertCode.RECORD_OVERFLOW, "header 05 ff ff, then more input");
        expectDrained(context, session.connection(), writer, "header 05 ff ff, then more input");
    }
}
