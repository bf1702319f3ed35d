package io.secho.record;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.keyschedule.TrafficKeys;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordLayerTest {
    private static final byte[] C2S_KEY = pattern(32, 0x10);
    private static final byte[] C2S_SALT = {(byte) 0xc2, 0x5a, 0x17, 0x01};
    private static final byte[] S2C_KEY = pattern(32, 0x90);
    private static final byte[] S2C_SALT = {0x52, (byte) 0xc0, 0x5a, 0x17};
    private static final TrafficKeys C2S = new TrafficKeys(C2S_KEY, C2S_SALT);
    private static final TrafficKeys S2C = new TrafficKeys(S2C_KEY, S2C_SALT);

    private static byte[] pattern(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed + 5 * i);
        }
        return out;
    }

    private static RecordSealer clientSealer() {
        return new RecordSealer(C2S, Direction.CLIENT_TO_SERVER);
    }

    private static RecordOpener serverOpener() {
        return new RecordOpener(C2S);
    }

    private static byte[] nonce(byte[] salt, long seq) {
        byte[] out = new byte[12];
        System.arraycopy(salt, 0, out, 0, 4);
        for (int i = 0; i < 8; i++) {
            out[4 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return out;
    }

    /** The record body computed with javax.crypto alone: nonce || AES-256-GCM(key, nonce, aad, type || payload). */
    private static byte[] independentBody(byte[] key, byte[] nonce, byte[] aad, int innerType, byte[] payload)
            throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        byte[] plaintext = new byte[1 + payload.length];
        plaintext[0] = (byte) innerType;
        System.arraycopy(payload, 0, plaintext, 1, payload.length);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] body = new byte[12 + sealed.length];
        System.arraycopy(nonce, 0, body, 0, 12);
        System.arraycopy(sealed, 0, body, 12, sealed.length);
        return body;
    }

    private static byte[] recordHeader(int bodyLength) {
        return new byte[] {0x05, (byte) (bodyLength >>> 8), (byte) bodyLength};
    }

    private static ProtocolException assertAlert(AlertCode expected, Executable call, String what) {
        ProtocolException e = assertThrows(ProtocolException.class, call, what + " must be rejected");
        assertEquals(expected, e.alert(), what + ": alert (" + e.getMessage() + ")");
        return e;
    }

    private static byte[] flip(byte[] data, int index, int bit) {
        byte[] out = data.clone();
        out[index] ^= (byte) (1 << bit);
        return out;
    }

    // --- round trips ---

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of(InnerType.DATA, new byte[0]),
                Arguments.of(InnerType.DATA, "hello, secho".getBytes(StandardCharsets.UTF_8)),
                Arguments.of(InnerType.DATA, pattern(16384, 1)),
                Arguments.of(InnerType.CLOSE, new byte[0]),
                Arguments.of(InnerType.ALERT, new byte[] {(byte) AlertCode.BAD_PAYLOAD.code()}));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("roundTrips")
    void sealOpenRoundTrip(InnerType type, byte[] payload) throws ProtocolException {
        RecordSealer sealer = clientSealer();
        RecordOpener opener = serverOpener();
        Frame frame = sealer.seal(type, payload);
        assertEquals(FrameType.RECORD, frame.type(), "a sealed record is frame type 0x05");
        assertEquals(29 + payload.length, frame.length(), "body = 12 + 1 + payload + 16");
        InnerPlaintext inner = opener.open(frame);
        assertEquals(type, inner.type(), "inner type survives");
        assertArrayEquals(payload, inner.payload(), "payload survives");
        assertEquals(0L, inner.sequenceNumber(), "first record has seq 0");
        assertEquals(1L, sealer.nextSequence(), "sealer advanced");
        assertEquals(1L, opener.expectedSequence(), "opener advanced");
    }

    @Test
    void serverToClientRoundTripAtReplyLimit() throws ProtocolException {
        RecordSealer sealer = new RecordSealer(S2C, Direction.SERVER_TO_CLIENT);
        Frame frame = sealer.seal(InnerType.DATA, pattern(49152, 3));
        assertEquals(49181, frame.length(), "a 49152-byte reply makes the maximal 49181-byte record");
        assertArrayEquals(pattern(49152, 3), new RecordOpener(S2C).open(frame).payload(), "reply payload survives");
    }

    @Test
    void sequenceNumbersZeroOneTwoInNonces() throws ProtocolException {
        RecordSealer sealer = clientSealer();
        RecordOpener opener = serverOpener();
        for (long seq = 0; seq < 3; seq++) {
            Frame frame = sealer.seal(InnerType.DATA, new byte[] {(byte) seq});
            byte[] body = frame.body();
            assertArrayEquals(nonce(C2S_SALT, seq), Arrays.copyOf(body, 12), "nonce of record " + seq);
            assertArrayEquals(C2S_SALT, Arrays.copyOf(body, 4), "nonce starts with the c2s salt");
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) seq}, Arrays.copyOfRange(body, 4, 12),
                    "nonce ends with seq " + seq + " as a big-endian u64");
            assertArrayEquals(nonce(C2S_SALT, seq), RecordNonce.of(C2S_SALT, seq), "RecordNonce.of = salt || seq");
            InnerPlaintext inner = opener.open(frame);
            assertEquals(seq, inner.sequenceNumber(), "opener reports seq " + seq);
        }
        assertEquals(3L, sealer.nextSequence(), "three records sealed");
        assertEquals(3L, opener.expectedSequence(), "three records opened");
    }

    @Test
    void nonceEncodesLargeSequenceBigEndian() {
        byte[] salt = {1, 2, 3, 4};
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd,
            (byte) 0xef}, RecordNonce.of(salt, 0x0123456789abcdefL), "nonce = salt || seq (u64 big-endian)");
        assertArrayEquals(new byte[] {1, 2, 3, 4, -1, -1, -1, -1, -1, -1, -1, -1}, RecordNonce.of(salt, -1L),
                "seq 2^64-1 is all ones");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void bodyLayoutAndAadMatchIndependentAesGcm(InnerType type, byte[] payload) throws Exception {
        RecordSealer sealer = clientSealer();
        sealer.seal(InnerType.DATA, new byte[] {1});
        Frame frame = sealer.seal(type, payload);
        byte[] header = recordHeader(29 + payload.length);
        assertArrayEquals(header, frame.header(), "record header = 05 || u16 body length");
        byte[] expected = independentBody(C2S_KEY, nonce(C2S_SALT, 1), header, type.code(), payload);
        assertArrayEquals(expected, frame.body(),
                "body = nonce[12] || AES-256-GCM(c2s key, nonce, AAD = 3-byte header, type || payload) incl. 16-byte tag");

        byte[] withoutAad = independentBody(C2S_KEY, nonce(C2S_SALT, 1), new byte[0], type.code(), payload);
        assertArrayEquals(Arrays.copyOf(expected, expected.length - 16), Arrays.copyOf(withoutAad, expected.length - 16),
                "precondition: the AAD does not change the ciphertext");
        assertFalse(Arrays.equals(expected, withoutAad), "the AAD changes the tag, so it is really bound");
    }

    @Test
    void openerAcceptsIndependentlySealedRecord() throws Exception {
        byte[] payload = "independent".getBytes(StandardCharsets.UTF_8);
        byte[] body = independentBody(C2S_KEY, nonce(C2S_SALT, 0), recordHeader(29 + payload.length), 1, payload);
        InnerPlaintext inner = serverOpener().open(new Frame(FrameType.RECORD, body));
        assertEquals(InnerType.DATA, inner.type(), "type from an independently built record");
        assertArrayEquals(payload, inner.payload(), "payload from an independently built record");
    }

    @ParameterizedTest(name = "AAD byte {0} bit {1} flipped")
    @CsvSource({"0, 0", "0, 7", "1, 0", "2, 0", "2, 7"})
    void aadIsTheHeaderAlteredAadIsBadRecordMac(int index, int bit) throws Exception {
        byte[] payload = "aad".getBytes(StandardCharsets.UTF_8);
        byte[] header = recordHeader(29 + payload.length);
        byte[] body = independentBody(C2S_KEY, nonce(C2S_SALT, 0), flip(header, index, bit), 1, payload);
        RecordOpener opener = serverOpener();
        assertAlert(AlertCode.BAD_RECORD_MAC, () -> opener.open(new Frame(FrameType.RECORD, body)),
                "record authenticated with a header differing in byte " + index);
        assertEquals(0L, opener.expectedSequence(), "a record that fails its tag does not advance the sequence");
    }

    @Test
    void emptyAadIsBadRecordMac() throws Exception {
        byte[] body = independentBody(C2S_KEY, nonce(C2S_SALT, 0), new byte[0], 1, new byte[] {'x'});
        assertAlert(AlertCode.BAD_RECORD_MAC, () -> serverOpener().open(new Frame(FrameType.RECORD, body)),
                "record sealed without the header as AAD");
    }

    // --- tampering ---

    static Stream<Arguments> flipPositions() {
        // body of a 5-byte payload record: nonce 0..11, ciphertext 12..17 (type + 5), tag 18..33
        return Stream.of(
                Arguments.of("nonce salt", 0), Arguments.of("nonce salt", 3),
                Arguments.of("nonce seq", 4), Arguments.of("nonce seq", 11),
                Arguments.of("ciphertext inner type", 12), Arguments.of("ciphertext payload", 15),
                Arguments.of("ciphertext payload", 17),
                Arguments.of("tag", 18), Arguments.of("tag", 25), Arguments.of("tag", 33));
    }

    @ParameterizedTest(name = "{0}, body byte {1}")
    @MethodSource("flipPositions")
    void flippedBitIsBadRecordMac(String region, int index) throws ProtocolException {
        Frame frame = clientSealer().seal(InnerType.DATA, "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(34, frame.length(), "precondition: 12 + 1 + 5 + 16");
        for (int bit : new int[] {0, 7}) {
            Frame tampered = new Frame(FrameType.RECORD, flip(frame.body(), index, bit));
            RecordOpener opener = serverOpener();
            assertAlert(AlertCode.BAD_RECORD_MAC, () -> opener.open(tampered),
                    region + " byte " + index + " bit " + bit + " flipped");
            assertEquals(0L, opener.expectedSequence(), "no sequence advance after a tag failure");
            assertEquals(InnerType.DATA, opener.open(frame).type(),
                    "the untampered record still opens afterwards at seq 0");
        }
    }

    @Test
    void headerTamperingThroughLengthChangeIsBadRecordMac() throws ProtocolException {
        Frame frame = clientSealer().seal(InnerType.DATA, "hello".getBytes(StandardCharsets.UTF_8));
        byte[] body = frame.body();
        Frame extended = new Frame(FrameType.RECORD, Arrays.copyOf(body, body.length + 1));
        assertAlert(AlertCode.BAD_RECORD_MAC, () -> serverOpener().open(extended),
                "record body extended by one byte (header length 35)");
        Frame truncated = new Frame(FrameType.RECORD, Arrays.copyOf(body, body.length - 1));
        assertAlert(AlertCode.BAD_RECORD_MAC, () -> serverOpener().open(truncated),
                "record body truncated by one byte (header length 33)");
    }

    @ParameterizedTest(name = "5-byte payload record cut by {0} byte(s)")
    @CsvSource({"1, BAD_RECORD_MAC", "5, BAD_RECORD_MAC", "6, DECODE_ERROR", "16, DECODE_ERROR",
            "22, DECODE_ERROR", "34, DECODE_ERROR"})
    void truncatedRecord(int cut, AlertCode expected) throws ProtocolException {
        Frame frame = clientSealer().seal(InnerType.DATA, "hello".getBytes(StandardCharsets.UTF_8));
        int length = frame.length() - cut;
        Frame shortened = new Frame(FrameType.RECORD, Arrays.copyOf(frame.body(), length));
        assertAlert(expected, () -> serverOpener().open(shortened),
                "a record body of " + length + " bytes (minimum 29): " + expected);
    }

    @ParameterizedTest(name = "empty-payload record cut by {0} byte(s)")
    @ValueSource(ints = {1, 16, 29})
    void emptyPayloadRecordShortenedIsDecodeError(int cut) throws ProtocolException {
        Frame frame = clientSealer().seal(InnerType.DATA, new byte[0]);
        assertEquals(29, frame.length(), "precondition: the minimal record is 29 bytes");
        Frame shortened = new Frame(FrameType.RECORD, Arrays.copyOf(frame.body(), 29 - cut));
        assertAlert(AlertCode.DECODE_ERROR, () -> serverOpener().open(shortened),
                "record body of " + (29 - cut) + " bytes, below the minimum 29");
    }

    @Test
    void otherDirectionsKeysAreBadRecordMac() throws ProtocolException {
        Frame fromServer = new RecordSealer(S2C, Direction.SERVER_TO_CLIENT).seal(InnerType.DATA, new byte[] {'a'});
        assertAlert(AlertCode.BAD_RECORD_MAC, () -> serverOpener().open(fromServer),
                "the server opening a record sealed with the s2c keys (reflection)");
        Frame fromClient = clientSealer().seal(InnerType.DATA, new byte[] {'a'});
        assertAlert(AlertCode.BAD_RECORD_MAC, () -> new RecordOpener(S2C).open(fromClient),
                "the client opening a record sealed with the c2s keys");
    }

    // --- sequence ---

    @Test
    void replayIsBadSequence() throws ProtocolException {
        RecordSealer sealer = clientSealer();
        RecordOpener opener = serverOpener();
        Frame first = sealer.seal(InnerType.DATA, new byte[] {'a'});
        opener.open(first);
        assertAlert(AlertCode.BAD_SEQUENCE, () -> opener.open(first), "record 0 replayed after record 0");
        assertEquals(1L, opener.expectedSequence(), "a rejected replay does not advance the sequence");
    }

    @Test
    void skipIsBadSequence() {
        RecordSealer sealer = clientSealer();
        sealer.seal(InnerType.DATA, new byte[] {'a'});
        Frame second = sealer.seal(InnerType.DATA, new byte[] {'b'});
        RecordOpener opener = serverOpener();
        assertAlert(AlertCode.BAD_SEQUENCE, () -> opener.open(second), "record 1 without record 0");
        assertEquals(0L, opener.expectedSequence(), "still expecting seq 0");
    }

    @Test
    void reorderIsBadSequence() throws ProtocolException {
        RecordSealer sealer = clientSealer();
        Frame r0 = sealer.seal(InnerType.DATA, new byte[] {'a'});
        Frame r1 = sealer.seal(InnerType.DATA, new byte[] {'b'});
        Frame r2 = sealer.seal(InnerType.DATA, new byte[] {'c'});
        RecordOpener opener = serverOpener();
        opener.open(r0);
        assertAlert(AlertCode.BAD_SEQUENCE, () -> opener.open(r2), "record 2 arriving before record 1");

        RecordOpener late = serverOpener();
        late.open(r0);
        late.open(r1);
        assertAlert(AlertCode.BAD_SEQUENCE, () -> late.open(r0), "record 0 arriving again after record 1");

        RecordOpener swapped = serverOpener();
        assertAlert(AlertCode.BAD_SEQUENCE, () -> swapped.open(r1), "record 1 arriving first");
    }

    @ParameterizedTest(name = "salt byte {0} bit {1} changed")
    @CsvSource({"0, 0", "1, 3", "3, 7"})
    void wrongSaltWithValidTagIsBadSequence(int index, int bit) {
        byte[] badNonce = nonce(flip(C2S_SALT, index, bit), 0);
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(C2S_KEY), badNonce, InnerType.DATA.code(), new byte[] {'a'});
        RecordOpener opener = serverOpener();
        assertAlert(AlertCode.BAD_SEQUENCE, () -> opener.open(frame),
                "a correctly keyed record whose nonce has a different salt (the tag verifies)");
        assertEquals(0L, opener.expectedSequence(), "no sequence advance");
    }

    @ParameterizedTest(name = "seq {0} when 0 is expected")
    @ValueSource(longs = {1L, 2L, 256L, 1L << 32, -1L})
    void explicitWrongSequenceWithValidTagIsBadSequence(long seq) {
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(C2S_KEY), nonce(C2S_SALT, seq), InnerType.DATA.code(),
                new byte[] {'a'});
        assertAlert(AlertCode.BAD_SEQUENCE, () -> serverOpener().open(frame), "record carrying seq " + seq);
    }

    @Test
    void sealWithNonceMatchesSealForTheExpectedNonce() throws ProtocolException {
        Frame viaSeal = clientSealer().seal(InnerType.DATA, new byte[] {'z'});
        Frame viaNonce = RecordSealer.sealWithNonce(new AesGcm(C2S_KEY), nonce(C2S_SALT, 0), 1, new byte[] {'z'});
        assertEquals(viaSeal, viaNonce, "sealWithNonce with salt || 0 builds the very record seal() builds");
        assertEquals(InnerType.DATA, serverOpener().open(viaNonce).type(), "and it opens");
    }

    // --- inner plaintext ---

    @ParameterizedTest(name = "inner type 0x{0}")
    @ValueSource(strings = {"00", "04", "ff"})
    void unknownInnerTypeIsDecodeError(String hex) {
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(C2S_KEY), nonce(C2S_SALT, 0), Integer.parseInt(hex, 16),
                new byte[] {'a'});
        assertAlert(AlertCode.DECODE_ERROR, () -> serverOpener().open(frame), "inner type 0x" + hex);
    }

    @ParameterizedTest(name = "close with {0} payload byte(s)")
    @ValueSource(ints = {1, 2, 100})
    void closeWithPayloadIsDecodeError(int length) {
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(C2S_KEY), nonce(C2S_SALT, 0), InnerType.CLOSE.code(),
                new byte[length]);
        assertAlert(AlertCode.DECODE_ERROR, () -> serverOpener().open(frame), "close with " + length + " byte(s)");
    }

    @ParameterizedTest(name = "alert with {0} payload byte(s)")
    @ValueSource(ints = {0, 2})
    void alertWithWrongLengthIsDecodeError(int length) {
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(C2S_KEY), nonce(C2S_SALT, 0), InnerType.ALERT.code(),
                new byte[length]);
        assertAlert(AlertCode.DECODE_ERROR, () -> serverOpener().open(frame), "alert with " + length + " byte(s)");
    }

    @Test
    void innerTypeCodesMatchDesign() {
        assertEquals(1, InnerType.DATA.code(), "data = 0x01");
        assertEquals(2, InnerType.CLOSE.code(), "close = 0x02");
        assertEquals(3, InnerType.ALERT.code(), "alert = 0x03");
    }

    // --- sealer payload limits ---

    @Test
    void clientSealerPayloadLimit() {
        RecordSealer sealer = clientSealer();
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(InnerType.DATA, new byte[16385]),
                "16385-byte request payload must be refused");
        assertEquals(0L, sealer.nextSequence(), "a refused seal consumes no sequence number");
        Frame max = assertDoesNotThrow(() -> sealer.seal(InnerType.DATA, new byte[16384]),
                "16384-byte request payload is allowed");
        assertEquals(16413, max.length(), "the maximal c2s record body is 16413");
        assertEquals(0L, assertDoesNotThrow(() -> serverOpener().open(max), "maximal record opens").sequenceNumber(),
                "the accepted maximal record carries seq 0");
    }

    @Test
    void serverSealerPayloadLimit() {
        RecordSealer sealer = new RecordSealer(S2C, Direction.SERVER_TO_CLIENT);
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(InnerType.DATA, new byte[49153]),
                "49153-byte reply payload must be refused");
        Frame max = assertDoesNotThrow(() -> sealer.seal(InnerType.DATA, new byte[49152]),
                "49152-byte reply payload is allowed");
        assertEquals(49181, max.length(), "the maximal s2c record body is 49181");
    }
}
