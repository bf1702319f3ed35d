package io.secho.session;

import io.secho.alert.AlertCode;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.secho.session.SessionPair.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table 8 row by row: an event, the bytes the server session sends, its next state. Time is passed in. */
class ServerSessionTest {
    private static final long SECOND = 1_000_000_000L;

    private static void assertClosedWith(ServerSession server, String end) {
        assertEquals(ServerSession.State.CLOSED, server.state());
        assertTrue(server.end().orElseThrow().describe().startsWith(end), server.end().orElseThrow().describe());
    }

    private static AlertCode encryptedAlert(RecordOpener opener, byte[] output) throws Exception {
        assertEquals(33, output.length, "one encrypted alert record and nothing else");
        InnerPlaintext inner = opener.open(Frame.parse(output));
        assertEquals(InnerType.ALERT, inner.type());
        return AlertCode.fromCode(inner.payload()[0] & 0xff).orElseThrow();
    }

    @Test
    void theAllowedFrameTypesAreThoseOfTable8() {
        assertEquals(EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT),
                ServerSession.State.AWAIT_CLIENT_HELLO.allowedFrames());
        assertEquals(EnumSet.of(FrameType.FINISHED, FrameType.ALERT),
                ServerSession.State.AWAIT_CLIENT_FINISHED.allowedFrames());
        assertEquals(EnumSet.of(FrameType.RECORD, FrameType.ALERT), ServerSession.State.ESTABLISHED.allowedFrames());
        assertTrue(ServerSession.State.CLOSED.allowedFrames().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void aValidClientHelloGetsServerHelloThenFinished(Suite suite) {
        SessionPair pair = new SessionPair(suite);
        byte[] flight = pair.serverFlight();
        assertEquals(FrameType.SERVER_HELLO.code(), flight[0]);
        assertEquals(FrameType.FINISHED.code(), flight[flight.length - 35], "ServerHello, then the 35-byte Finished");
        assertEquals(ServerSession.State.AWAIT_CLIENT_FINISHED, pair.server.state());
        assertEquals(suite, pair.server.suite().orElseThrow());
    }

    @Test
    void aClientHelloFailingTable6GetsItsPlaintextAlertAndNoHello() {
        SessionPair pair = new SessionPair(Suite.X25519);
        byte[] hello = pair.client.takeOutput();
        hello[4] = 0x02; // version 0x0002
        pair.server.receive(hello, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.UNSUPPORTED_VERSION), pair.server.takeOutput());
        assertClosedWith(pair.server, "alert sent unsupported_version (plaintext)");
        assertTrue(pair.server.wantsHalfClose(), "the closing procedure follows the alert");
    }

    @Test
    void theHandshakeTimeoutSendsPlaintextTimeout() {
        SessionPair pair = new SessionPair(Suite.X25519);
        assertEquals(T0 + 10 * SECOND, pair.server.nextDeadline());
        pair.server.tick(T0 + 10 * SECOND - 1);
        assertEquals(ServerSession.State.AWAIT_CLIENT_HELLO, pair.server.state(), "not yet");
        pair.server.tick(T0 + 10 * SECOND);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.TIMEOUT), pair.server.takeOutput());
        assertClosedWith(pair.server, "alert sent timeout (plaintext): handshake not complete within 10000 ms");
    }

    @Test
    void theHandshakeTimeoutRunsOnInAwaitClientFinished() {
        SessionPair pair = new SessionPair(Suite.PSK);
        pair.serverFlight();
        pair.server.tick(T0 + 10 * SECOND);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.TIMEOUT), pair.server.takeOutput());
    }

    @Test
    void aValidClientFinishedEstablishesSilentlyAndStartsTheIdleTimer() {
        SessionPair pair = new SessionPair(Suite.X25519);
        pair.client.receive(pair.serverFlight(), T0);
        pair.server.receive(pair.client.takeOutput(), T0 + SECOND);
        assertEquals(ServerSession.State.ESTABLISHED, pair.server.state());
        assertEquals(0, pair.server.takeOutput().length);
        assertEquals(T0 + SECOND + 300 * SECOND, pair.server.nextDeadline());
    }

    @Test
    void aFinishedOfTheWrongLengthGetsPlaintextDecodeError() {
        SessionPair pair = new SessionPair(Suite.X25519);
        pair.serverFlight();
        byte[] finished = new byte[3 + 31];
        finished[0] = 0x03;
        finished[2] = 31;
        pair.server.receive(finished, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.DECODE_ERROR), pair.server.takeOutput());
        assertClosedWith(pair.server, "alert sent decode_error (plaintext)");
    }

    @Test
    void aFinishedThatDoesNotVerifyGetsPlaintextHandshakeFailure() {
        SessionPair pair = new SessionPair(Suite.X25519);
        pair.client.receive(pair.serverFlight(), T0);
        byte[] finished = pair.client.takeOutput();
        finished[10] ^= 0x01;
        pair.server.receive(finished, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.HANDSHAKE_FAILURE), pair.server.takeOutput());
    }

    @Test
    void aDataRecordGetsExactlyOneUpperCasedReply() throws Exception {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("straße".getBytes(StandardCharsets.UTF_8), T0);
        pair.server.receive(pair.client.takeOutput(), T0 + SECOND);
        InnerPlaintext reply = pair.serverRecords(0).open(Frame.parse(pair.server.takeOutput()));
        assertEquals(InnerType.DATA, reply.type());
        assertEquals("STRASSE", new String(reply.payload(), StandardCharsets.UTF_8));
        assertEquals(ServerSession.State.ESTABLISHED, pair.server.state());
        assertEquals(T0 + SECOND + 300 * SECOND, pair.server.nextDeadline(), "a complete frame restarts the idle timer");
    }

    @Test
    void invalidUtf8GetsEncryptedBadPayload() throws Exception {
        SessionPair pair = SessionPair.established(Suite.PSK);
        pair.client.send(new byte[] {(byte) 0xc0, (byte) 0x80}, T0);
        pair.server.receive(pair.client.takeOutput(), T0);
        assertEquals(AlertCode.BAD_PAYLOAD, encryptedAlert(pair.serverRecords(0), pair.server.takeOutput()));
        assertClosedWith(pair.server, "alert sent bad_payload (encrypted)");
    }

    @Test
    void closeGetsOneCloseThenTheClosingProcedure() throws Exception {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.close(T0);
        byte[] close = pair.client.takeOutput();
        byte[] followUp = pair.clientSealer(1).seal(InnerType.DATA, "late".getBytes()).encode();
        byte[] both = Arrays.copyOf(close, close.length + followUp.length);
        System.arraycopy(followUp, 0, both, close.length, followUp.length);
        pair.server.receive(both, T0);
        assertEquals(InnerType.CLOSE, pair.serverRecords(0).open(Frame.parse(pair.server.takeOutput())).type(),
                "exactly one Close, and nothing for the record after it");
        assertClosedWith(pair.server, "clean close");
        assertTrue(pair.server.wantsHalfClose());
        pair.server.halfClosed(T0 + SECOND);
        assertFalse(pair.server.isDone(), "draining");
        assertEquals(T0 + 3 * SECOND, pair.server.nextDeadline(), "the drain lasts 2 s at most");
        pair.server.receiveEof(T0 + SECOND);
        assertTrue(pair.server.isDone(), "EOF ends the drain");
    }

    @Test
    void theDrainEndsAfterTwoSecondsWithoutEof() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.close(T0);
        pair.server.receive(pair.client.takeOutput(), T0);
        pair.server.takeOutput();
        pair.server.halfClosed(T0);
        pair.server.receive(new byte[100], T0 + SECOND);
        assertEquals(0, pair.server.takeOutput().length, "CLOSED discards input");
        pair.server.tick(T0 + 2 * SECOND - 1);
        assertFalse(pair.server.isDone());
        pair.server.tick(T0 + 2 * SECOND);
        assertTrue(pair.server.isDone());
    }

    @Test
    void aRecordFailingItsTagGetsEncryptedBadRecordMacAndNoEcho() throws Exception {
        SessionPair pair = SessionPair.established(Suite.MODP2048);
        pair.client.send("secret".getBytes(), T0);
        byte[] record = pair.client.takeOutput();
        record[record.length - 1] ^= 0x01;
        pair.server.receive(record, T0);
        assertEquals(AlertCode.BAD_RECORD_MAC, encryptedAlert(pair.serverRecords(0), pair.server.takeOutput()));
    }

    @Test
    void theIdleTimeoutSendsEncryptedTimeoutAndPartialFramesDoNotRestartIt() throws Exception {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("x".getBytes(), T0);
        byte[] record = pair.client.takeOutput();
        pair.server.receive(Arrays.copyOf(record, 10), T0 + 100 * SECOND);
        assertEquals(T0 + 300 * SECOND, pair.server.nextDeadline(), "a partial frame is no frame");
        pair.server.tick(T0 + 300 * SECOND);
        assertEquals(AlertCode.TIMEOUT, encryptedAlert(pair.serverRecords(0), pair.server.takeOutput()));
        assertClosedWith(pair.server, "alert sent timeout (encrypted): idle for 300000 ms");
    }

    @Test
    void aPlaintextAlertEndsTheSessionUnanswered() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.server.receive(SessionPair.plaintextAlert(AlertCode.INTERNAL_ERROR), T0);
        assertEquals(0, pair.server.takeOutput().length);
        assertClosedWith(pair.server, "peer sent alert");
        assertTrue(pair.server.wantsHalfClose(), "the closing procedure, never a reset");
    }

    @Test
    void anEncryptedAlertEndsTheSessionUnanswered() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.server.receive(pair.clientSealer(0).seal(InnerType.ALERT, new byte[] {0x0c}).encode(), T0);
        assertEquals(0, pair.server.takeOutput().length);
        assertClosedWith(pair.server, "peer sent alert internal_error (0x0c) (encrypted)");
    }

    @Test
    void eofIsATruncationAnsweredWithNothing() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.server.receive(new byte[] {0x05, 0x00}, T0);
        pair.server.receiveEof(T0);
        assertEquals(0, pair.server.takeOutput().length);
        assertClosedWith(pair.server, "truncated: connection closed in the middle of a frame without Close");
        pair.server.halfClosed(T0);
        assertTrue(pair.server.isDone(), "EOF has come already: no drain");
    }

    @Test
    void headerChecksComeBeforeTheBodyInTheSpecsOrder() {
        SessionPair record = new SessionPair(Suite.X25519);
        record.server.receive(new byte[] {0x05, 0x00, 0x40}, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.UNEXPECTED_MESSAGE), record.server.takeOutput(),
                "a record before the handshake, on its header alone");
        SessionPair unknown = new SessionPair(Suite.X25519);
        unknown.server.receive(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.DECODE_ERROR), unknown.server.takeOutput());
        SessionPair oversized = new SessionPair(Suite.X25519);
        oversized.server.receive(new byte[] {0x01, 0x04, 0x01}, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.RECORD_OVERFLOW), oversized.server.takeOutput());
        SessionPair established = SessionPair.established(Suite.X25519);
        established.server.receive(new byte[] {0x05, (byte) 0xff, (byte) 0xff}, T0);
        assertEquals(33, established.server.takeOutput().length, "05 ff ff in ESTABLISHED: encrypted record_overflow");
    }

    @Test
    void bytesOneAtATimeMakeTheSameSession() {
        SessionPair pair = new SessionPair(Suite.MODP2048);
        byte[] hello = pair.client.takeOutput();
        for (byte b : hello) {
            pair.server.receive(new byte[] {b}, T0);
        }
        assertEquals(ServerSession.State.AWAIT_CLIENT_FINISHED, pair.server.state());
        pair.client.receive(pair.server.takeOutput(), T0);
        for (byte b : pair.client.takeOutput()) {
            pair.server.receive(new byte[] {b}, T0);
        }
        assertEquals(ServerSession.State.ESTABLISHED, pair.server.state());
    }

    @Test
    void aStalledWriterIsAbortedAfterTheIdleTimeoutWithoutAnAlert() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("a".getBytes(), T0);
        pair.server.receive(pair.client.takeOutput(), T0);
        assertTrue(pair.server.pendingOutput().length > 0);
        assertFalse(pair.server.wantsRead(), "no reading while output is pending: memory stays bounded");
        pair.server.outputWritten(T0 + SECOND); // nothing of it was taken
        assertEquals(T0 + SECOND + 300 * SECOND, pair.server.nextDeadline());
        pair.server.tick(T0 + 301 * SECOND);
        assertTrue(pair.server.isDone(), "a plain close: nothing more can reach the peer");
        assertClosedWith(pair.server, "aborted: stalled writer: a write was blocked for more than 300000 ms");
    }

    @Test
    void outputTakenInFullEndsTheStall() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("a".getBytes(), T0);
        pair.server.receive(pair.client.takeOutput(), T0 + SECOND);
        pair.server.outputWritten(T0 + SECOND);
        for (ByteBuffer buffer : pair.server.pendingOutput()) {
            buffer.position(buffer.limit());
        }
        pair.server.outputWritten(T0 + 2 * SECOND);
        assertFalse(pair.server.hasOutput());
        assertTrue(pair.server.wantsRead());
        assertEquals(T0 + SECOND + 300 * SECOND, pair.server.nextDeadline(), "the idle timer again, from the last frame");
    }

    @Test
    void aDeferredKeyAgreementAnswersWithTheSameBytesOnceItIsDone() {
        byte[] inline = new SessionPair(Suite.MODP2048).serverFlight();
        SessionPair pair = new SessionPair(Suite.MODP2048, Set.of(Suite.MODP2048));
        pair.server.receive(pair.client.takeOutput(), T0);
        assertFalse(pair.server.hasOutput(), "nothing before the key agreement is done");
        assertFalse(pair.server.wantsRead(), "no reading meanwhile");
        ServerSession.KeyAgreementTask task = pair.server.takeKeyAgreement();
        assertTrue(task != null && pair.server.takeKeyAgreement() == null, "handed out once");
        task.run();
        pair.server.keyAgreementDone(T0);
        assertArrayEquals(inline, pair.server.takeOutput(), "ServerHello and Finished, as without the hand-off");
        assertEquals(ServerSession.State.AWAIT_CLIENT_FINISHED, pair.server.state());
        assertTrue(pair.server.wantsRead());
    }

    @Test
    void inputBehindADeferredClientHelloWaitsForItsAnswer() {
        SessionPair pair = new SessionPair(Suite.MODP2048, Set.of(Suite.MODP2048));
        byte[] hello = pair.client.takeOutput();
        byte[] both = Arrays.copyOf(hello, hello.length + 4);
        System.arraycopy(SessionPair.plaintextAlert(AlertCode.INTERNAL_ERROR), 0, both, hello.length, 4);
        pair.server.receive(both, T0);
        pair.server.takeKeyAgreement().run();
        pair.server.keyAgreementDone(T0);
        assertEquals(ServerSession.State.CLOSED, pair.server.state(), "the alert, processed after the answer");
        assertClosedWith(pair.server, "peer sent alert internal_error");
        assertEquals(FrameType.SERVER_HELLO.code(), pair.server.takeOutput()[0], "the flight went out first");
    }

    @Test
    void aDeferredKeyAgreementThatRefusesTheShareGetsIllegalParameter() {
        SessionPair pair = new SessionPair(Suite.MODP2048, Set.of(Suite.MODP2048));
        byte[] hello = pair.client.takeOutput();
        Arrays.fill(hello, 40, hello.length, (byte) 0); // y = 0
        pair.server.receive(hello, T0);
        pair.server.takeKeyAgreement().run();
        pair.server.keyAgreementDone(T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.ILLEGAL_PARAMETER), pair.server.takeOutput());
    }

    @Test
    void theHandshakeTimeoutRunsOnWhileTheKeyAgreementRuns() {
        SessionPair pair = new SessionPair(Suite.MODP2048, Set.of(Suite.MODP2048));
        pair.server.receive(pair.client.takeOutput(), T0);
        ServerSession.KeyAgreementTask task = pair.server.takeKeyAgreement();
        pair.server.tick(T0 + 10 * SECOND);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.TIMEOUT), pair.server.takeOutput());
        task.run();
        pair.server.keyAgreementDone(T0 + 11 * SECOND);
        assertEquals(0, pair.server.takeOutput().length, "the late answer goes nowhere");
        assertTrue(pair.server.wantsRead(), "the drain reads");
    }

    @Test
    void busyIsThePlaintextBusyAlertAlone() {
        ServerSession busy = ServerSession.busy(new ServerSession.Settings(EnumSet.of(Suite.X25519), Optional.empty(),
                InsecureDeterministicRandomBytes.fromLabel("busy"), SessionPair.HANDSHAKE_TIMEOUT,
                SessionPair.IDLE_TIMEOUT, SessionPair.DRAIN), T0, "limit");
        assertArrayEquals(new byte[] {0x04, 0x00, 0x01, 0x0d}, busy.takeOutput());
        assertClosedWith(busy, "alert sent busy (plaintext)");
        assertTrue(busy.wantsHalfClose());
    }
}
