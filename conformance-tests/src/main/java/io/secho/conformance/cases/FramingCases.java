package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.HandshakeProblem;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.KeyExchange;
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

import static io.secho.conformance.cases.Messages.utf8;

/** Frames survive any TCP segmentation; malformed headers get their alert; abuse never stops the server. */
@DisplayName("Framing and robustness")
@ExtendWith(ConformanceExtension.class)
class FramingCases {
    /**
     * Between the writes of a split: long enough that the server's read returns what came so far (the
     * harness sets TCP_NODELAY), so each write arrives as a read of its own. Were two writes to coalesce
     * on a loaded machine, the case would test less, never fail a correct server.
     */
    private static final Duration SPLIT_PAUSE = Duration.ofMillis(3);
    private static final int FINISHED_FRAME_LENGTH = FrameLimits.HEADER_LENGTH + 32;

    @Test
    @DisplayName("a whole session delivered one byte per TCP write works")
    @ConformanceCase(id = "FRM-001", requirements = {Req.FRM_4})
    void oneBytePerWrite(CaseContext context) {
        Suite suite = context.anySuite();
        TestConnection connection = context.connect();
        byte[] clientRandom = context.random().nextBytes(32);
        KeyExchange exchange = suite.newKeyExchange(context.random(), context.psk());
        Frame hello = new ClientHello(suite, clientRandom, exchange.publicShare()).toFrame();
        connection.sendOneBytePerWrite(hello.encode(), "ClientHello " + suite);
        ClientFlight.Pending pending;
        try {
            pending = ClientFlight.continueAfterHello(connection, suite, exchange, clientRandom, hello);
        } catch (HandshakeProblem e) {
            throw context.fail("a valid server flight after a ClientHello sent one byte per write", e.getMessage(),
                    "ClientHello one byte per write");
        }
        connection.sendOneBytePerWrite(pending.clientFinished().encode(), "client Finished");
        Session session = pending.sessionWithoutFinished();
        Frame data = session.seal(InnerType.DATA, utf8("byte by byte"));
        connection.sendOneBytePerWrite(data.encode(), "record seq 0: data \"byte by byte\"");
        expectReply(context, session, "BYTE BY BYTE", "data one byte per write");
    }

    private static void expectReply(CaseContext context, Session session, String expected, String sent) {
        try {
            InnerPlaintext reply = session.receive("the echo \"" + expected + "\"");
            if (reply.type() != InnerType.DATA || !Arrays.equals(reply.payload(), utf8(expected))) {
                throw context.fail("the echo \"" + expected + "\"", Session.describe(reply), sent);
            }
        } catch (ReceivedSomethingElse e) {
            throw context.fail(e.expected(), e.received(), sent);
        }
        context.evidence("echo \"" + expected + "\" after " + sent);
    }

    @Test
    @DisplayName("the client Finished and five records in one write all get processed, in order")
    @ConformanceCase(id = "FRM-002", requirements = {Req.FRM_5, Req.HS_9, Req.ECHO_1})
    void severalFramesInOneWrite(CaseContext context) {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        Session session = pending.sessionWithoutFinished();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(pending.clientFinished().encode());
        for (int i = 0; i < 5; i++) {
            batch.writeBytes(session.seal(InnerType.DATA, utf8("part " + i)).encode());
        }
        session.connection().send(batch.toByteArray(), "client Finished and 5 data records in one write");
        for (int i = 0; i < 5; i++) {
            expectReply(context, session, "PART " + i, "Finished + 5 records in one write");
        }
    }

    /** Splits a frame at {@code cut}, with the next frame's first {@code ahead} bytes behind its second part. */
    private static void sendSplit(TestConnection connection, byte[] frame, int cut, byte[] next, int ahead, String what) {
        connection.send(Arrays.copyOf(frame, cut), what + ": bytes 0.." + (cut - 1));
        pause();
        byte[] middle = new byte[frame.length - cut + ahead];
        System.arraycopy(frame, cut, middle, 0, frame.length - cut);
        System.arraycopy(next, 0, middle, frame.length - cut, ahead);
        connection.send(middle, what + ": the rest, and the next frame's first " + ahead + " bytes");
        pause();
        connection.send(Arrays.copyOfRange(next, ahead, next.length), "the rest of the next frame");
    }

    /** How many bytes of the next frame ride behind split {@code cut}: varied, never zero, never all. */
    private static int ahead(int cut, int nextLength) {
        return 1 + (cut * 7) % (nextLength - 1);
    }

    /** Lower-case letters without 'i', whose upper case depends on no locale: a locale bug is the echo cases' to find. */
    private static final String LETTERS = "abcdefghjklmnopqrstuvwxyz";

    private static String letters(int n) {
        return "s" + LETTERS.charAt(n / LETTERS.length() % LETTERS.length()) + LETTERS.charAt(n % LETTERS.length());
    }

    @Test
    @DisplayName("a record split at every point, the next record's first bytes riding behind the split: both echoed")
    @ConformanceCase(id = "FRM-011", requirements = {Req.FRM_4, Req.FRM_5})
    void everySplitPointOfARecord(CaseContext context) {
        Session session = context.establish();
        int length = FrameLimits.HEADER_LENGTH + FrameLimits.RECORD_OVERHEAD + letters(0).length();
        for (int cut = 1; cut < length; cut++) {
            byte[] first = session.seal(InnerType.DATA, utf8(letters(2 * cut))).encode();
            byte[] second = session.seal(InnerType.DATA, utf8(letters(2 * cut + 1))).encode();
            sendSplit(session.connection(), first, cut, second, ahead(cut, second.length), "record \"" + letters(2 * cut)
                    + "\" split after byte " + (cut - 1));
            expectReply(context, session, letters(2 * cut).toUpperCase(java.util.Locale.ROOT),
                    "a record split after byte " + (cut - 1));
            expectReply(context, session, letters(2 * cut + 1).toUpperCase(java.util.Locale.ROOT),
                    "the record behind it, its first " + ahead(cut, second.length) + " bytes in the same write");
        }
    }

    @Test
    @DisplayName("the client Finished split at every point, the first record's bytes riding behind: the record is echoed")
    @ConformanceCase(id = "FRM-012", requirements = {Req.FRM_4, Req.FRM_5, Req.HS_9})
    void everySplitPointOfTheClientFinished(CaseContext context) {
        Suite suite = context.anySuite();
        for (int cut = 1; cut < FINISHED_FRAME_LENGTH; cut++) {
            ClientFlight.Pending pending = context.startHandshake(suite);
            byte[] finished = pending.clientFinished().encode();
            Session session = pending.sessionWithoutFinished();
            byte[] record = session.seal(InnerType.DATA, utf8(letters(cut))).encode();
            sendSplit(session.connection(), finished, cut, record, ahead(cut, record.length),
                    "client Finished split after byte " + (cut - 1));
            expectReply(context, session, letters(cut).toUpperCase(java.util.Locale.ROOT),
                    "a client Finished split after byte " + (cut - 1) + " with the record's first bytes behind it");
            session.close();
        }
    }

    @Test
    @DisplayName("a ClientHello header announcing 1025 bytes gets record_overflow before any body is sent")
    @ConformanceCase(id = "FRM-003", requirements = {Req.FRM_6, Req.FRM_9, Req.FRM_10, Req.LIM_6},
            endings = "plaintext alert record_overflow, then FIN")
    void oversizedPlaintextHeader(CaseContext context) {
        TestConnection connection = context.connect();
        connection.send(Frame.header(FrameType.CLIENT_HELLO.code(), 1025), "ClientHello header with length 1025, no body");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.RECORD_OVERFLOW, "header 01 04 01");
    }

    @Test
    @DisplayName("a record header 05 ff ff alone, after the handshake, gets record_overflow")
    @ConformanceCase(id = "FRM-004", requirements = {Req.FRM_6, Req.FRM_9, Req.FRM_10, Req.LIM_6},
            endings = "one encrypted alert record_overflow, then FIN")
    void oversizedRecordHeader(CaseContext context) {
        Session session = context.establish();
        session.connection().send(Frame.header(FrameType.RECORD.code(), 0xffff), "record header with length 65535, no body");
        Endings.encryptedAlertThenFin(context, session, AlertCode.RECORD_OVERFLOW, "header 05 ff ff");
    }

    @Test
    @DisplayName("an unknown frame type gets decode_error")
    @ConformanceCase(id = "FRM-005", requirements = {Req.FRM_7, Req.FRM_6},
            endings = "plaintext alert decode_error, then FIN")
    void unknownFrameType(CaseContext context) {
        TestConnection connection = context.connect();
        connection.send(new byte[] {0x06, 0x00, 0x01, 0x00}, "frame of type 0x06");
        Endings.plaintextAlertThenFin(context, connection, AlertCode.DECODE_ERROR, "frame type 0x06");
    }

    @Test
    @DisplayName("a record shorter than 29 bytes gets decode_error")
    @ConformanceCase(id = "FRM-006", requirements = {Req.FRM_11, Req.FRM_6},
            endings = "one encrypted alert decode_error, then FIN")
    void shortRecord(CaseContext context) {
        Session session = context.establish();
        session.connection().send(new Frame(FrameType.RECORD, new byte[28]), "record frame with length 28");
        Endings.encryptedAlertThenFin(context, session, AlertCode.DECODE_ERROR, "record of 28 bytes");
    }

    @Test
    @DisplayName("a connection dropped in the middle of a record: nothing sent back, then FIN")
    @ConformanceCase(id = "FRM-007", requirements = {Req.CLOSE_6, Req.CLOSE_7, Req.CLOSE_5},
            endings = "nothing, then FIN")
    void droppedMidRecord(CaseContext context) {
        Session session = context.establish();
        byte[] record = session.seal(InnerType.DATA, utf8("half of me")).encode();
        session.connection().send(Arrays.copyOf(record, record.length / 2), "the first half of a record");
        session.connection().halfClose();
        Endings.nothingThenFin(context, session.connection(), "half a record, then FIN");
    }

    @Test
    @DisplayName("a client that resets the connection mid-handshake does not stop the server")
    @ConformanceCase(id = "FRM-008", requirements = {Req.LIM_5})
    void resetMidHandshake(CaseContext context) {
        Suite suite = context.anySuite();
        TestConnection connection = context.connect();
        byte[] hello = new ClientHello(suite, context.random().nextBytes(32),
                suite.newKeyExchange(context.random(), context.psk()).publicShare()).toFrame().encode();
        connection.send(Arrays.copyOf(hello, 10), "the first 10 bytes of a ClientHello");
        connection.reset();
        context.expectStillServed("after a client reset its connection in the middle of a ClientHello");
    }

    @Test
    @DisplayName("a record with an unknown inner type gets decode_error")
    @ConformanceCase(id = "FRM-009", requirements = {Req.REC_10}, endings = "one encrypted alert decode_error, then FIN")
    void unknownInnerType(CaseContext context) {
        Session session = context.establish();
        long sequence = session.nextSequenceToSend();
        byte[] nonce = RecordNonce.of(session.secrets().clientToServer().salt(), sequence);
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(session.secrets().clientToServer().key()), nonce, 0x04,
                utf8("x"));
        session.connection().send(frame, "record seq " + sequence + " with inner type 0x04");
        Endings.encryptedAlertThenFin(context, session, AlertCode.DECODE_ERROR, "inner type 0x04");
    }

    private static void pause() {
        try {
            Thread.sleep(SPLIT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
