package io.secho.session;

import io.secho.alert.AlertCode;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;

import static io.secho.session.SessionPair.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table 9 row by row: an event, the bytes the client session sends, what it reports, its next state. */
class ClientSessionTest {
    private static final long SECOND = 1_000_000_000L;

    private static ClientEvent.Failure failure(ClientSession client) {
        ClientEvent event = client.nextEvent();
        assertTrue(event instanceof ClientEvent.Failed, String.valueOf(event));
        assertEquals(ClientSession.State.CLOSED, client.state());
        assertNull(client.nextEvent(), "nothing is delivered after a failure");
        return ((ClientEvent.Failed) event).failure();
    }

    private static AlertCode sentAlert(ClientSession client, boolean encrypted) {
        ClientEvent.Failure failure = failure(client);
        assertTrue(failure instanceof ClientEvent.Failure.AlertSent, failure.toString());
        assertEquals(encrypted, ((ClientEvent.Failure.AlertSent) failure).encrypted());
        return ((ClientEvent.Failure.AlertSent) failure).alert();
    }

    /** The client's encrypted alert, its record number {@code seq}. */
    private static AlertCode encryptedAlert(SessionPair pair, long seq, byte[] output) throws Exception {
        InnerPlaintext inner = pair.clientRecords(seq).open(Frame.parse(output));
        assertEquals(InnerType.ALERT, inner.type());
        return AlertCode.fromCode(inner.payload()[0] & 0xff).orElseThrow();
    }

    @Test
    void theAllowedFrameTypesAreThoseOfTable9() {
        assertEquals(EnumSet.of(FrameType.SERVER_HELLO, FrameType.ALERT),
                ClientSession.State.AWAIT_SERVER_HELLO.allowedFrames());
        assertEquals(EnumSet.of(FrameType.FINISHED, FrameType.ALERT),
                ClientSession.State.AWAIT_SERVER_FINISHED.allowedFrames());
        assertEquals(EnumSet.of(FrameType.RECORD, FrameType.ALERT), ClientSession.State.ESTABLISHED.allowedFrames());
        assertTrue(ClientSession.State.CLOSED.allowedFrames().isEmpty());
    }

    @Test
    void beforeTheConnectionThereIsNothingToSendAndNoTimer() {
        ClientSession client = new ClientSession(Suite.X25519, Optional.empty(),
                InsecureDeterministicRandomBytes.fromLabel("early"), SessionPair.WAIT, SessionPair.DRAIN);
        assertNull(client.state());
        assertEquals(Long.MAX_VALUE, client.nextDeadline());
        assertEquals(0, client.takeOutput().length);
    }

    @Test
    void theStartSendsClientHelloAndStartsTheWaitTimer() {
        SessionPair pair = new SessionPair(Suite.X25519);
        assertEquals(ClientSession.State.AWAIT_SERVER_HELLO, pair.client.state());
        assertEquals(T0 + 10 * SECOND, pair.client.nextDeadline());
        byte[] hello = pair.client.takeOutput();
        assertEquals(72, hello.length);
        assertEquals(FrameType.CLIENT_HELLO.code(), hello[0]);
    }

    @Test
    void aValidServerHelloRestartsTheWaitTimer() {
        SessionPair pair = new SessionPair(Suite.X25519);
        byte[] flight = pair.serverFlight();
        pair.client.receive(Arrays.copyOf(flight, 72), T0 + 3 * SECOND);
        assertEquals(ClientSession.State.AWAIT_SERVER_FINISHED, pair.client.state());
        assertEquals(T0 + 13 * SECOND, pair.client.nextDeadline());
        assertEquals(0, pair.client.takeOutput().length);
    }

    @Test
    void aServerHelloWithAnotherSuiteGetsPlaintextIllegalParameter() {
        SessionPair pair = new SessionPair(Suite.X25519);
        byte[] flight = pair.serverFlight();
        flight[5] = (byte) Suite.PSK.code();
        pair.client.receive(flight, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.ILLEGAL_PARAMETER), pair.client.takeOutput());
        assertEquals(AlertCode.ILLEGAL_PARAMETER, sentAlert(pair.client, false));
    }

    @Test
    void aValidServerFinishedGetsTheClientFinishedAndStopsTheTimer() {
        SessionPair pair = new SessionPair(Suite.PSK);
        pair.client.receive(pair.serverFlight(), T0);
        assertEquals(ClientSession.State.ESTABLISHED, pair.client.state());
        byte[] finished = pair.client.takeOutput();
        assertEquals(35, finished.length);
        assertEquals(FrameType.FINISHED.code(), finished[0]);
        assertEquals(Long.MAX_VALUE, pair.client.nextDeadline(), "no wait: nothing is outstanding");
    }

    @Test
    void aServerFinishedThatDoesNotVerifyGetsPlaintextHandshakeFailure() {
        SessionPair pair = new SessionPair(Suite.PSK);
        byte[] flight = pair.serverFlight();
        flight[flight.length - 1] ^= 0x01;
        pair.client.receive(flight, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.HANDSHAKE_FAILURE), pair.client.takeOutput());
        assertEquals(AlertCode.HANDSHAKE_FAILURE, sentAlert(pair.client, false));
    }

    @Test
    void aServerFinishedOfTheWrongLengthGetsPlaintextDecodeError() {
        SessionPair pair = new SessionPair(Suite.PSK);
        byte[] flight = pair.serverFlight();
        pair.client.receive(Arrays.copyOf(flight, 40), T0);
        byte[] finished = new byte[3 + 33];
        finished[0] = 0x03;
        finished[2] = 33;
        pair.client.receive(finished, T0);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.DECODE_ERROR), pair.client.takeOutput());
    }

    @Test
    void eachRequestHasItsOwnWaitTimerAndItsReplyIsDeliveredAsSent() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("ß".getBytes(StandardCharsets.UTF_8), T0 + SECOND);
        pair.client.send("b".getBytes(StandardCharsets.UTF_8), T0 + 2 * SECOND);
        assertEquals(2, pair.client.outstanding());
        assertEquals(T0 + 11 * SECOND, pair.client.nextDeadline(), "the oldest request's wait");
        byte[] forged = pair.serverSealer(0).seal(InnerType.DATA, "not the upper case".getBytes()).encode();
        pair.client.receive(forged, T0 + 3 * SECOND);
        ClientEvent event = pair.client.nextEvent();
        assertArrayEquals("not the upper case".getBytes(), ((ClientEvent.Reply) event).payload(),
                "the client delivers what the server sent, not what it expects");
        assertEquals(T0 + 12 * SECOND, pair.client.nextDeadline(), "now the second request's wait");
    }

    @Test
    void aDataRecordWithNoRequestOutstandingGetsEncryptedUnexpectedMessage() throws Exception {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.takeOutput();
        pair.client.receive(pair.serverSealer(0).seal(InnerType.DATA, "unasked".getBytes()).encode(), T0);
        assertEquals(AlertCode.UNEXPECTED_MESSAGE, encryptedAlert(pair, 0, pair.client.takeOutput()));
        assertEquals(AlertCode.UNEXPECTED_MESSAGE, sentAlert(pair.client, true));
    }

    @Test
    void aReplyThatIsNotUtf8GetsEncryptedBadPayloadAndIsNotDelivered() throws Exception {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("a".getBytes(), T0);
        pair.client.takeOutput();
        pair.client.receive(pair.serverSealer(0).seal(InnerType.DATA, new byte[] {(byte) 0xff}).encode(), T0);
        assertEquals(AlertCode.BAD_PAYLOAD, encryptedAlert(pair, 1, pair.client.takeOutput()));
        assertEquals(AlertCode.BAD_PAYLOAD, sentAlert(pair.client, true));
    }

    @Test
    void closeSendsCloseAndWaitsForTheServersClose() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.close(T0 + SECOND);
        assertEquals(T0 + 11 * SECOND, pair.client.nextDeadline());
        pair.server.receive(pair.client.takeOutput(), T0);
        pair.client.receive(pair.server.takeOutput(), T0);
        assertTrue(pair.client.nextEvent() instanceof ClientEvent.Closed);
        assertEquals(ClientSession.State.CLOSED, pair.client.state());
        assertEquals(0, pair.client.takeOutput().length, "nothing after the server's Close");
        assertTrue(pair.client.wantsHalfClose());
    }

    @Test
    void aCloseBeforeTheClientsOwnGetsEncryptedUnexpectedMessage() throws Exception {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.takeOutput();
        pair.client.receive(pair.serverSealer(0).seal(InnerType.CLOSE, new byte[0]).encode(), T0);
        assertEquals(AlertCode.UNEXPECTED_MESSAGE, encryptedAlert(pair, 0, pair.client.takeOutput()));
    }

    @Test
    void theServersCloseWithRepliesOwedIsAFailureAnsweredWithNothing() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.send("a".getBytes(), T0);
        pair.client.close(T0);
        pair.client.takeOutput();
        pair.client.receive(pair.serverSealer(0).seal(InnerType.CLOSE, new byte[0]).encode(), T0);
        assertEquals(0, pair.client.takeOutput().length);
        assertTrue(failure(pair.client) instanceof ClientEvent.Failure.RepliesLost);
    }

    @Test
    void aWaitThatRunsOutFailsWithTheTimeoutAlert() throws Exception {
        SessionPair handshaking = new SessionPair(Suite.X25519);
        handshaking.client.takeOutput();
        handshaking.client.tick(T0 + 10 * SECOND);
        assertArrayEquals(SessionPair.plaintextAlert(AlertCode.TIMEOUT), handshaking.client.takeOutput());
        assertTrue(failure(handshaking.client) instanceof ClientEvent.Failure.TimedOut);

        SessionPair established = SessionPair.established(Suite.X25519);
        established.client.send("a".getBytes(), T0);
        established.client.takeOutput();
        established.client.tick(T0 + 10 * SECOND);
        assertEquals(AlertCode.TIMEOUT, encryptedAlert(established, 1, established.client.takeOutput()));
        assertEquals(new ClientEvent.Failure.TimedOut("the server's reply", false), failure(established.client));
    }

    @Test
    void aTimeoutAfterTheClientsCloseSendsNothing() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.close(T0);
        pair.client.takeOutput();
        pair.client.tick(T0 + 10 * SECOND);
        assertEquals(0, pair.client.takeOutput().length, "our Close was our last record");
        assertEquals(new ClientEvent.Failure.TimedOut("the server's Close", false), failure(pair.client));
    }

    @Test
    void alertsAndEofEndTheSessionUnanswered() {
        SessionPair alerted = SessionPair.established(Suite.X25519);
        alerted.client.takeOutput();
        alerted.client.receive(SessionPair.plaintextAlert(AlertCode.BUSY), T0);
        assertEquals(0, alerted.client.takeOutput().length);
        assertTrue(failure(alerted.client) instanceof ClientEvent.Failure.AlertReceived);

        SessionPair truncated = SessionPair.established(Suite.X25519);
        truncated.client.takeOutput();
        truncated.client.receiveEof(T0);
        assertEquals(0, truncated.client.takeOutput().length);
        assertEquals(new ClientEvent.Failure.Truncated("the server closed the connection without Close"),
                failure(truncated.client));
    }

    @Test
    void closedDiscardsEverything() {
        SessionPair pair = SessionPair.established(Suite.X25519);
        pair.client.takeOutput();
        pair.client.receive(SessionPair.plaintextAlert(AlertCode.BUSY), T0);
        failure(pair.client);
        pair.client.receive(pair.serverSealer(0).seal(InnerType.DATA, "late".getBytes()).encode(), T0);
        assertNull(pair.client.nextEvent());
        assertEquals(0, pair.client.takeOutput().length, "at most one alert, and none in answer to an alert");
    }
}
