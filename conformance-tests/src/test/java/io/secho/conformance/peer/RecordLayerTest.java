package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Section 9's checks on records the forge gets wrong on purpose, one deviation at a time: each must meet the
 * alert of Table 12 at a correct receiver, and a correct record must pass.
 */
class RecordLayerTest {
    private static final SessionSecrets SECRETS = KeySchedule.derive(Sha256.hash(new byte[] {7}),
            Frame.header(1, 0), Frame.header(2, 0));
    private static final TrafficKeys C2S = SECRETS.clientToServer();
    private static final TrafficKeys S2C = SECRETS.serverToClient();
    private static final byte[] HELLO = {'h', 'i'};

    @Test
    void theForgeByDefaultIsTheSealer() throws ProtocolException {
        RecordSealer sealer = new RecordSealer(C2S, Direction.CLIENT_TO_SERVER);
        assertArrayEquals(sealer.sealEncoded(InnerType.DATA, HELLO), RecordForge.with(C2S).payload(HELLO).encode());
        assertArrayEquals(sealer.sealEncoded(InnerType.CLOSE, new byte[0]),
                RecordForge.with(C2S).sequence(1).innerType(InnerType.CLOSE).encode());
        RecordOpener opener = RecordOpener.checkingUtf8(C2S);
        InnerPlaintext first = opener.open(RecordForge.with(C2S).payload(HELLO).frame());
        assertArrayEquals(HELLO, first.payload());
        assertEquals(0, first.sequenceNumber());
        assertEquals(InnerType.CLOSE, opener.open(RecordForge.with(C2S).sequence(1).innerType(InnerType.CLOSE).frame())
                .type());
        assertEquals(2, opener.expectedSequence());
    }

    @Test
    void tagAndAuthenticatedInputsAreBadRecordMac() {
        assertAlert(AlertCode.BAD_RECORD_MAC, RecordForge.with(C2S).payload(HELLO).flipTagBit(0));
        assertAlert(AlertCode.BAD_RECORD_MAC, RecordForge.with(C2S).payload(HELLO).flipTagBit(127));
        assertAlert(AlertCode.BAD_RECORD_MAC, RecordForge.with(C2S).payload(HELLO).flipCiphertextBit(9));
        assertAlert(AlertCode.BAD_RECORD_MAC, RecordForge.with(C2S).payload(HELLO)
                .authenticatedHeader(Frame.header(FrameType.RECORD.code(), 31 + 1)));
        // REQ-KS-4: a record sealed with the other direction's key.
        assertAlert(AlertCode.BAD_RECORD_MAC, RecordForge.with(C2S).key(S2C.key()).payload(HELLO));
        // A nonce altered on the wire: the tag fails before the sequence check (Section 9.3's note).
        byte[] record = RecordForge.with(C2S).payload(HELLO).encode();
        record[FrameLimits.HEADER_LENGTH + FrameLimits.NONCE_LENGTH - 1] ^= 1;
        assertEquals(AlertCode.BAD_RECORD_MAC, alert(RecordOpener.checkingUtf8(C2S), Frame.parse(record)));
    }

    @Test
    void genuineRecordsInTheWrongPlaceAreBadSequence() throws ProtocolException {
        assertAlert(AlertCode.BAD_SEQUENCE, RecordForge.with(C2S).sequence(1).payload(HELLO)); // skipped
        assertAlert(AlertCode.BAD_SEQUENCE, RecordForge.with(C2S).salt(S2C.salt()).payload(HELLO)); // wrong salt
        assertAlert(AlertCode.BAD_SEQUENCE, RecordForge.with(C2S).nonce(new byte[12]).payload(HELLO)); // any nonce
        RecordOpener opener = RecordOpener.checkingUtf8(C2S);
        Frame first = RecordForge.with(C2S).payload(HELLO).frame();
        opener.open(first);
        assertEquals(AlertCode.BAD_SEQUENCE, alert(opener, first), "a replay");
        assertEquals(1, opener.expectedSequence(), "a record that failed step 3 does not move the count (REQ-REC-9)");
    }

    @Test
    void innerTypeAndPayloadRules() {
        assertAlert(AlertCode.DECODE_ERROR, RecordForge.with(C2S).innerType(0x00));
        assertAlert(AlertCode.DECODE_ERROR, RecordForge.with(C2S).innerType(0x04).payload(HELLO));
        assertAlert(AlertCode.DECODE_ERROR, RecordForge.with(C2S).innerType(InnerType.CLOSE).payload(new byte[1]));
        assertAlert(AlertCode.DECODE_ERROR, RecordForge.with(C2S).innerType(InnerType.ALERT).payload(new byte[2]));
        assertAlert(AlertCode.DECODE_ERROR, RecordForge.with(C2S).innerType(InnerType.ALERT));
        // Step 6 is the server's only: a client opener takes ill-formed UTF-8, a server's does not.
        byte[] illFormed = {(byte) 0xc0, (byte) 0x80};
        assertEquals(AlertCode.BAD_PAYLOAD, alert(RecordOpener.checkingUtf8(C2S),
                RecordForge.with(C2S).payload(illFormed).frame()));
        assertEquals(Optional.empty(), Optional.ofNullable(alert(new RecordOpener(S2C),
                RecordForge.with(S2C).payload(illFormed).frame())));
    }

    /** REQ-REC-4: after seq 2^64-1 a sealer sends nothing and an opener accepts nothing. */
    @Test
    void sequenceNumbersNeverWrap() throws ProtocolException {
        RecordSealer sealer = RecordSealer.insecureStartingAt(S2C, Direction.SERVER_TO_CLIENT, -1L);
        Frame last = sealer.seal(InnerType.DATA, HELLO);
        assertThrows(IllegalStateException.class, () -> sealer.seal(InnerType.CLOSE, new byte[0]));
        RecordOpener opener = RecordOpener.insecureExpectingFrom(S2C, -1L);
        assertEquals(-1L, opener.open(last).sequenceNumber());
        assertEquals(AlertCode.BAD_SEQUENCE, alert(opener, RecordForge.with(S2C).sequence(0).frame()),
                "seq 0 after 2^64-1 is no wrap");
    }

    @Test
    void aSealerKeepsToItsDirectionsLimit() {
        byte[] request = new byte[FrameLimits.MAX_REQUEST_PAYLOAD];
        assertEquals(FrameLimits.HEADER_LENGTH + 16413,
                new RecordSealer(C2S, Direction.CLIENT_TO_SERVER).sealEncoded(InnerType.DATA, request).length);
        assertThrows(IllegalArgumentException.class, () -> new RecordSealer(C2S, Direction.CLIENT_TO_SERVER)
                .seal(InnerType.DATA, new byte[request.length + 1]));
        assertEquals(FrameLimits.HEADER_LENGTH + 49181, new RecordSealer(S2C, Direction.SERVER_TO_CLIENT)
                .sealEncoded(InnerType.DATA, new byte[FrameLimits.MAX_REPLY_PAYLOAD]).length);
        // The deviation point sends the oversized record all the same.
        assertEquals(FrameLimits.HEADER_LENGTH + 16414, new RecordSealer(C2S, Direction.CLIENT_TO_SERVER)
                .sealRaw(InnerType.DATA.code(), new byte[request.length + 1]).length);
    }

    /** Section 4.4, steps 1 to 4 in order, with each direction's limits (Table 2). */
    @Test
    void headerChecks() {
        Set<FrameType> established = Set.of(FrameType.RECORD);
        Direction toServer = Direction.CLIENT_TO_SERVER;
        Direction toClient = Direction.SERVER_TO_CLIENT;
        assertEquals(Optional.empty(), new FrameHeader(0x05, 16413).check(established, toServer));
        assertEquals(Optional.of(AlertCode.RECORD_OVERFLOW), new FrameHeader(0x05, 16414).check(established, toServer));
        assertEquals(Optional.empty(), new FrameHeader(0x05, 49181).check(established, toClient));
        assertEquals(Optional.of(AlertCode.RECORD_OVERFLOW), new FrameHeader(0x05, 49182).check(established, toClient));
        assertEquals(Optional.of(AlertCode.DECODE_ERROR), new FrameHeader(0x05, 28).check(established, toServer));
        assertEquals(Optional.empty(), new FrameHeader(0x05, 29).check(established, toServer));
        assertEquals(Optional.empty(), new FrameHeader(0x04, 1024).check(established, toServer), "alerts always");
        assertEquals(Optional.of(AlertCode.RECORD_OVERFLOW), new FrameHeader(0x04, 1025).check(established, toServer));
        // Step order: an unknown type before the state, the state before the length.
        assertEquals(Optional.of(AlertCode.DECODE_ERROR), new FrameHeader(0x06, 0xffff).check(established, toServer));
        assertEquals(Optional.of(AlertCode.DECODE_ERROR), new FrameHeader(0x00, 0).check(established, toServer));
        assertEquals(Optional.of(AlertCode.UNEXPECTED_MESSAGE),
                new FrameHeader(0x01, 0xffff).check(established, toServer));
        assertEquals(Optional.of(AlertCode.UNEXPECTED_MESSAGE), ReceiverState.AWAIT_CLIENT_HELLO.check(
                new FrameHeader(0x05, 0)), "a record before the hello, short as it is");
        assertEquals(Optional.of(AlertCode.UNEXPECTED_MESSAGE), ReceiverState.AWAIT_SERVER_HELLO.check(
                new FrameHeader(0x01, 69)), "a client_hello arriving at a client");
    }

    private static void assertAlert(AlertCode expected, RecordForge record) {
        assertEquals(expected, alert(RecordOpener.checkingUtf8(C2S), record.frame()));
    }

    private static AlertCode alert(RecordOpener opener, Frame frame) {
        try {
            opener.open(frame);
            return null;
        } catch (ProtocolException e) {
            return e.alert();
        }
    }
}
