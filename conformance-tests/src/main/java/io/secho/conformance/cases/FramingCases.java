package io.secho.conformance.cases;

import io.secho.alert.AlertCode;
import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static io.secho.conformance.cases.Messages.utf8;

/** Frames survive any TCP segmentation; malformed headers get their alert; abuse never stops the server. */
@DisplayName("Framing and robustness")
@ExtendWith(ConformanceExtension.class)
class FramingCases {

    @Test
    @DisplayName("a whole session delivered one byte per TCP write works")
    @ConformanceCase(id = "FRM-001", requirements = {"REQ-FRM-4"})
    void oneBytePerWrite(CaseContext context) throws IOException {
        Suite suite = context.anySuite();
        TestConnection connection = context.connect();
        byte[] clientRandom = context.random().nextBytes(32);
        io.secho.crypto.KeyExchange exchange = suite.newKeyExchange(context.random(), context.psk());
        Frame hello = new ClientHello(suite, clientRandom, exchange.publicShare()).toFrame();
        connection.sendOneBytePerWrite(hello.encode(), "ClientHello " + suite);
        ClientFlight.Pending pending = readFlightAfterHello(context, connection, suite, exchange, clientRandom, hello);
        connection.sendOneBytePerWrite(pending.clientFinished().encode(), "client Finished");
        Session session = pending.sessionWithoutFinished();
        Frame data = session.seal(InnerType.DATA, utf8("byte by byte"));
        connection.sendOneBytePerWrite(data.encode(), "record seq 0: data \"byte by byte\"");
        try {
            InnerPlaintext reply = session.receive("the echo");
            if (!Arrays.equals(reply.payload(), utf8("BYTE BY BYTE"))) {
                throw context.fail("\"BYTE BY BYTE\"", Session.describe(reply), "data \"byte by byte\"");
            }
        } catch (ReceivedSomethingElse e) {
            throw context.fail(e.expected(), e.received(), "data one byte per write");
        }
    }

    /** The hello went out byte by byte; read the server's flight as usual. */
    private static ClientFlight.Pending readFlightAfterHello(CaseContext context, TestConnection connection, Suite suite,
                                                             io.secho.crypto.KeyExchange exchange, byte[] clientRandom,
                                                             Frame hello) throws IOException {
        try {
            return ClientFlight.continueAfterHello(connection, suite, exchange, clientRandom, hello);
        } catch (io.secho.conformance.net.HandshakeProblem e) {
            throw context.fail("a valid server flight after a ClientHello sent one byte per write", e.getMessage(),
                    "ClientHello one byte per write");
        }
    }

    @Test
    @DisplayName("the client Finished and five records in one write all get processed, in order")
    @ConformanceCase(id = "FRM-002", requirements = {"REQ-FRM-5", "REQ-HS-9", "REQ-ECHO-1"})
    void severalFramesInOneWrite(CaseContext context) throws IOException {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        Session session = pending.sessionWithoutFinished();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(pending.clientFinished().encode());
        for (int i = 0; i < 5; i++) {
            batch.writeBytes(session.seal(InnerType.DATA, utf8("part " + i)).encode());
        }
        session.connection().send(batch.toByteArray(), "client Finished and 5 data records in one write");
        for (int i = 0; i < 5; i++) {
            try {
                InnerPlaintext reply = session.receive("reply " + i);
                if (!Arrays.equals(reply.payload(), utf8("PART " + i))) {
                    throw context.fail("\"PART " + i + "\"", Session.describe(reply), "5 records in one write");
                }
            } catch (ReceivedSomethingElse e) {
                throw context.fail(e.expected(), e.received(), "Finished + 5 records in one write");
            }
        }
    }

    @Test
    @DisplayName("a ClientHello header announcing 1025 bytes gets record_overflow before any body is sent")
    @ConformanceCase(id = "FRM-003", requirements = {"REQ-FRM-6", "REQ-FRM-9", "REQ-FRM-10", "REQ-LIM-6"},
            endings = "plaintext alert record_overflow, then FIN")
    void oversizedPlaintextHeader(CaseContext context) throws IOException {
        TestConnection connection = context.connect();
        connection.send(Frame.header(FrameType.CLIENT_HELLO.code(), 1025), "ClientHello header with length 1025, no body");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.RECORD_OVERFLOW, "header 01 04 01");
        context.assertStillServing();
    }

    @Test
    @DisplayName("a record header 05 ff ff alone, after the handshake, gets record_overflow")
    @ConformanceCase(id = "FRM-004", requirements = {"REQ-FRM-6", "REQ-FRM-9", "REQ-FRM-10", "REQ-LIM-6"},
            endings = "one encrypted alert record_overflow, then FIN")
    void oversizedRecordHeader(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        session.connection().send(Frame.header(FrameType.RECORD.code(), 0xffff), "record header with length 65535, no body");
        Endings.encryptedAlertThenFin(context, session, AlertCode.RECORD_OVERFLOW, "header 05 ff ff");
    }

    @Test
    @DisplayName("an unknown frame type gets decode_error")
    @ConformanceCase(id = "FRM-005", requirements = {"REQ-FRM-7", "REQ-FRM-6"},
            endings = "plaintext alert decode_error, then FIN")
    void unknownFrameType(CaseContext context) throws IOException {
        TestConnection connection = context.connect();
        connection.send(new byte[] {0x06, 0x00, 0x01, 0x00}, "frame of type 0x06");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.DECODE_ERROR, "frame type 0x06");
        context.assertStillServing();
    }

    @Test
    @DisplayName("a record shorter than 29 bytes gets decode_error")
    @ConformanceCase(id = "FRM-006", requirements = {"REQ-FRM-11", "REQ-FRM-6"},
            endings = "one encrypted alert decode_error, then FIN")
    void shortRecord(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        session.connection().send(new Frame(FrameType.RECORD, new byte[28]), "record frame with length 28");
        Endings.encryptedAlertThenFin(context, session, AlertCode.DECODE_ERROR, "record of 28 bytes");
    }

    @Test
    @DisplayName("a connection dropped in the middle of a record: nothing sent back, FIN, and serving goes on")
    @ConformanceCase(id = "FRM-007", requirements = {"REQ-CLOSE-6", "REQ-CLOSE-7", "REQ-LIM-5", "REQ-CLOSE-5"},
            endings = "nothing, then FIN")
    void droppedMidRecord(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        byte[] record = session.seal(InnerType.DATA, utf8("half of me")).encode();
        session.connection().send(Arrays.copyOf(record, record.length / 2), "the first half of a record");
        session.connection().halfClose();
        Endings.nothingThenFin(context, session.connection(), "half a record, then FIN");
        context.assertStillServing();
    }

    @Test
    @DisplayName("a client that resets the connection mid-handshake does not stop the server")
    @ConformanceCase(id = "FRM-008", requirements = {"REQ-LIM-5"})
    void resetMidHandshake(CaseContext context) throws IOException {
        TestConnection connection = context.connect();
        Suite suite = context.anySuite();
        byte[] hello = new ClientHello(suite, context.random().nextBytes(32),
                suite.newKeyExchange(context.random(), context.psk()).publicShare()).toFrame().encode();
        connection.send(Arrays.copyOf(hello, 10), "the first 10 bytes of a ClientHello");
        connection.reset();
        context.assertStillServing();
    }

    @Test
    @DisplayName("a record with an unknown inner type gets decode_error")
    @ConformanceCase(id = "FRM-009", requirements = {"REQ-REC-10"}, endings = "one encrypted alert decode_error, then FIN")
    void unknownInnerType(CaseContext context) throws IOException {
        Session session = context.handshake(context.anySuite());
        long sequence = session.nextSequenceToSend();
        byte[] nonce = io.secho.record.RecordNonce.of(session.secrets().clientToServer().salt(), sequence);
        Frame frame = io.secho.record.RecordSealer.sealWithNonce(
                new io.secho.crypto.AesGcm(session.secrets().clientToServer().key()), nonce, 0x04, utf8("x"));
        session.connection().send(frame, "record seq " + sequence + " with inner type 0x04");
        Endings.encryptedAlertThenFin(context, session, AlertCode.DECODE_ERROR, "inner type 0x04");
    }
}
