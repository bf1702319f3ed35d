package io.secho.vectors;

import io.secho.alert.AlertCode;
import io.secho.crypto.AesGcm;
import io.secho.crypto.RandomBytes;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.keyschedule.TrafficKeys;
import io.secho.record.InnerType;
import io.secho.record.RecordNonce;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code secho_v1_record_test.json}: record protection (key, salt, seq, inner plaintext to the exact wire
 * bytes) and the receiver's checks of Table 12, one fault per vector unless flagged CheckOrder.
 */
final class RecordVectors {
    static final String BASE_NAME = "secho_v1_record_test";
    private static final long MAX_SEQ = -1L;
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final TrafficKeys c2s;
    private final TrafficKeys s2c;
    private final TrafficKeys foreign;

    private RecordVectors() {
        RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("secho v1 vectors record keys");
        c2s = new TrafficKeys(random.nextBytes(32), random.nextBytes(4));
        s2c = new TrafficKeys(random.nextBytes(32), random.nextBytes(4));
        foreign = new TrafficKeys(random.nextBytes(32), random.nextBytes(4));
    }

    static VectorFile build() {
        return new RecordVectors().file();
    }

    private VectorFile file() {
        VectorFile file = new VectorFile("SECHO-V1-RECORD", BASE_NAME)
                .header("Secho v1 record layer (spec section 9). RecordProtectionTest: a sender with 'key' and",
                        "'salt' seals innerType || payload with sequence number 'seq' (u64, hex as on the wire)",
                        "and sends exactly 'record'; every intermediate value is given. RecordCheckTest: a",
                        "receiver holding the peer direction's 'key' and 'salt', whose next expected sequence",
                        "number is 'expectedSeq', receives 'record' (a complete frame, header included) and",
                        "either accepts it, yielding innerType and payload, or sends 'alert', applying the",
                        "checks of Table 12 in order. In direction c2s the receiver is the server, which also",
                        "checks that data payloads are well-formed UTF-8 (step 6); in s2c it is the client.")
                .note("Normal", "BASIC", "An ordinary record.")
                .note("BlockBoundary", "EDGE_CASE",
                        "The inner plaintext is 1, 15, 16, 17, 32 or 33 bytes: around the AES block size.")
                .note("LengthBoundary", "EDGE_CASE", "The frame length is 0x0080 or 0x0100: a byte with its top bit"
                        + " set, or a carry into the high byte, where sign or width bugs show.")
                .note("MaximumLength", "EDGE_CASE", "The largest data payload of the direction: 16384 bytes"
                        + " client to server, 49152 server to client (Table 2).")
                .note("LargeSequence", "EDGE_CASE",
                        "A sequence number at a 2^8, 2^32, 2^63 or 2^64 boundary: u64, unsigned, big-endian.")
                .note("CloseRecord", "BASIC", "A Close: inner type 0x02, empty payload.")
                .note("EncryptedAlert", "BASIC", "An encrypted alert: inner type 0x03, one byte of code, any value.")
                .note("ModifiedHeader", "MODIFIED_INPUT", "The header on the wire differs from the one authenticated"
                        + " as AAD (one bit flipped): the tag must fail.")
                .note("WrongAad", "WRONG_PRIMITIVE",
                        "Sealed with an AAD other than the 3-byte header (empty, or a length without the nonce).")
                .note("ModifiedNonce", "MODIFIED_INPUT", "One bit of the explicit nonce flipped: the nonce as received"
                        + " is a GCM input, so the tag fails (step 2) before the sequence check (step 3).")
                .note("ModifiedCiphertext", "MODIFIED_INPUT", "One bit of the ciphertext flipped.")
                .note("ModifiedTag", "MODIFIED_INPUT", "The tag altered.")
                .note("Truncated", "MODIFIED_INPUT",
                        "Bytes removed from the end of the body, the frame length adjusted to match.")
                .note("Extended", "MODIFIED_INPUT",
                        "Bytes appended to the body, the frame length adjusted to match.")
                .note("WrongDirection", "WRONG_PRIMITIVE",
                        "Sealed with the other direction's key or salt (a reflected record, or swapped keys).")
                .note("ForeignSession", "MODIFIED_INPUT", "A genuine record of another session (other key and salt).")
                .note("Replay", "MODIFIED_INPUT",
                        "A genuine record whose sequence number was already accepted: bad_sequence.")
                .note("Skipped", "MODIFIED_INPUT",
                        "A genuine record from further ahead (one was dropped or reordered): bad_sequence.")
                .note("BadInnerType", "MALFORMED", "Inner type not 0x01..0x03: decode_error.")
                .note("BadInnerLength", "MALFORMED",
                        "A Close with a payload, or an alert whose payload is not exactly 1 byte: decode_error.")
                .note("InvalidUtf8", "MALFORMED", "A data payload that is not well-formed UTF-8: bad_payload (step 6),"
                        + " at the server for a request (REQ-ECHO-7) and at the client for a reply (REQ-ECHO-13).")
                .note("CheckOrder", "ORDER", "Two faults at once; the comment names the check that fires first.");

        protection(file.group("RecordProtectionTest").param("direction", "c2s")
                .hexParam("key", c2s.key()).hexParam("salt", c2s.salt()), c2s, Direction.CLIENT_TO_SERVER);
        protection(file.group("RecordProtectionTest").param("direction", "s2c")
                .hexParam("key", s2c.key()).hexParam("salt", s2c.salt()), s2c, Direction.SERVER_TO_CLIENT);
        checks(file.group("RecordCheckTest").param("direction", "c2s")
                .hexParam("key", c2s.key()).hexParam("salt", c2s.salt()), c2s, s2c, true);
        checks(file.group("RecordCheckTest").param("direction", "s2c")
                .hexParam("key", s2c.key()).hexParam("salt", s2c.salt()), s2c, c2s, false);
        return file;
    }

    private static void protection(VectorFile.Group group, TrafficKeys keys, Direction direction) {
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        seal(group, keys, 0, InnerType.DATA.code(), text(fromClient ? "hello, secho" : "HELLO, SECHO"),
                "data, seq 0", "Normal");
        seal(group, keys, 1, InnerType.DATA.code(), NO_PAYLOAD, "empty data payload (inner plaintext 1 byte)",
                "BlockBoundary");
        for (int length : new int[] {14, 15, 16, 31, 32}) {
            seal(group, keys, 2, InnerType.DATA.code(), filler(length, fromClient),
                    "inner plaintext of " + (length + 1) + " bytes", "BlockBoundary");
        }
        seal(group, keys, 3, InnerType.DATA.code(), filler(99, fromClient), "frame length 0x0080 (99-byte payload)",
                "LengthBoundary");
        seal(group, keys, 3, InnerType.DATA.code(), filler(227, fromClient), "frame length 0x0100 (227-byte payload)",
                "LengthBoundary");
        long[] sequences = {255, 256, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, MAX_SEQ - 1, MAX_SEQ};
        for (long seq : sequences) {
            seal(group, keys, seq, InnerType.DATA.code(), text(fromClient ? "seq" : "SEQ"),
                    "seq " + Long.toUnsignedString(seq), "LargeSequence");
        }
        seal(group, keys, 4, InnerType.CLOSE.code(), NO_PAYLOAD, "Close", "CloseRecord");
        seal(group, keys, 5, InnerType.ALERT.code(), new byte[] {(byte) AlertCode.BAD_RECORD_MAC.code()},
                "encrypted alert bad_record_mac (0x06)", "EncryptedAlert");
        int max = direction.maxDataPayload();
        byte[] largest = fromClient ? filler(max, true) : repeat("\u0399\u0308\u0301", max / 6);
        seal(group, keys, 6, InnerType.DATA.code(), largest, "largest data payload, " + max + " bytes: frame length "
                + String.format("0x%04x", FrameLimits.RECORD_OVERHEAD + max), "MaximumLength");
    }

    private static void seal(VectorFile.Group group, TrafficKeys keys, long seq, int innerType, byte[] payload,
                             String comment, String flag) {
        byte[] nonce = RecordNonce.of(keys.salt(), seq);
        Frame record = RecordSealer.sealWithNonce(new AesGcm(keys.key()), nonce, innerType, payload);
        byte[] body = record.body();
        group.test(comment, flag)
                .hex("seq", u64(seq))
                .hex("innerType", new byte[] {(byte) innerType})
                .hex("payload", payload)
                .hex("header", record.header())
                .hex("nonce", nonce)
                .hex("innerPlaintext", KeyScheduleVectors.concat(new byte[] {(byte) innerType}, payload))
                .hex("ciphertext", Arrays.copyOfRange(body, AesGcm.NONCE_LENGTH, body.length - AesGcm.TAG_LENGTH))
                .hex("tag", Arrays.copyOfRange(body, body.length - AesGcm.TAG_LENGTH, body.length))
                .hex("record", record.encode())
                .valid();
    }

    private void checks(VectorFile.Group group, TrafficKeys keys, TrafficKeys reverse, boolean atServer) {
        byte[] message = text(atServer ? "check this record" : "CHECK THIS RECORD");
        int data = InnerType.DATA.code();
        accept(group, keys, 0, data, message, "genuine record, seq 0", "Normal");
        accept(group, keys, 1, data, NO_PAYLOAD, "genuine empty data record, seq 1", "Normal");
        accept(group, keys, MAX_SEQ, data, message, "genuine record, seq 2^64-1", "LargeSequence");
        accept(group, keys, 0x100000000L, data, message, "genuine record, seq 2^32", "LargeSequence");
        accept(group, keys, 2, InnerType.CLOSE.code(), NO_PAYLOAD, "genuine Close", "CloseRecord");
        accept(group, keys, 3, InnerType.ALERT.code(), new byte[] {(byte) 0xff},
                "encrypted alert with the unassigned code 0xff: still an alert (REQ-ALERT-8)", "EncryptedAlert");

        byte[] genuine = sealed(keys, 0, data, message);
        byte[] header = Arrays.copyOf(genuine, 3);
        for (int[] bit : new int[][] {{0, 0}, {0, 7}, {1, 0}, {1, 7}, {2, 0}, {2, 7}}) {
            byte[] aad = KeyScheduleVectors.flip(header, bit[0], bit[1]);
            reject(group, 0, withAad(keys, 0, data, message, aad), AlertCode.BAD_RECORD_MAC,
                    "authenticated header " + hex(aad) + ", sent header " + hex(header), "ModifiedHeader");
        }
        reject(group, 0, withAad(keys, 0, data, message, new byte[0]), AlertCode.BAD_RECORD_MAC,
                "sealed with an empty AAD", "WrongAad");
        byte[] shortLength = Frame.header(FrameType.RECORD.code(), genuine.length - 3 - AesGcm.NONCE_LENGTH);
        reject(group, 0, withAad(keys, 0, data, message, shortLength), AlertCode.BAD_RECORD_MAC,
                "sealed with AAD " + hex(shortLength) + ": a length that leaves out the 12-byte nonce", "WrongAad");
        int[][] nonceBits = {{3, 0}, {3, 7}, {6, 0}, {14, 0}};
        String[] nonceNames = {"first salt byte, bit 0", "first salt byte, bit 7", "last salt byte, bit 0",
            "last seq byte, bit 0 (now seq 1)"};
        for (int i = 0; i < nonceBits.length; i++) {
            reject(group, 0, KeyScheduleVectors.flip(genuine, nonceBits[i][0], nonceBits[i][1]),
                    AlertCode.BAD_RECORD_MAC, "nonce modified: " + nonceNames[i], "ModifiedNonce");
        }
        int ciphertextStart = 3 + AesGcm.NONCE_LENGTH;
        int tagStart = genuine.length - AesGcm.TAG_LENGTH;
        int[][] ciphertextBits = {{ciphertextStart, 0}, {ciphertextStart, 7}, {ciphertextStart + 4, 3},
            {tagStart - 1, 0}};
        String[] ciphertextNames = {"inner type byte, bit 0", "inner type byte, bit 7", "payload byte 4, bit 3",
            "last ciphertext byte, bit 0"};
        for (int i = 0; i < ciphertextBits.length; i++) {
            reject(group, 0, KeyScheduleVectors.flip(genuine, ciphertextBits[i][0], ciphertextBits[i][1]),
                    AlertCode.BAD_RECORD_MAC, "ciphertext modified: " + ciphertextNames[i], "ModifiedCiphertext");
        }
        reject(group, 0, KeyScheduleVectors.flip(genuine, tagStart, 0), AlertCode.BAD_RECORD_MAC,
                "tag modified: first byte, bit 0", "ModifiedTag");
        reject(group, 0, KeyScheduleVectors.flip(genuine, genuine.length - 1, 7), AlertCode.BAD_RECORD_MAC,
                "tag modified: last byte, bit 7", "ModifiedTag");
        byte[] zeroTag = genuine.clone();
        Arrays.fill(zeroTag, tagStart, zeroTag.length, (byte) 0);
        reject(group, 0, zeroTag, AlertCode.BAD_RECORD_MAC, "tag replaced by 16 zero bytes", "ModifiedTag");

        reject(group, 0, resized(genuine, genuine.length - 1), AlertCode.BAD_RECORD_MAC,
                "last byte of the tag removed", "Truncated");
        reject(group, 0, resized(genuine, tagStart), AlertCode.BAD_RECORD_MAC,
                "tag removed (body still at least 29 bytes)", "Truncated");
        reject(group, 0, resized(genuine, 3 + FrameLimits.MIN_RECORD_BODY - 1), AlertCode.DECODE_ERROR,
                "body cut to 28 bytes: below the minimum record length (header check, step 4)", "Truncated");
        reject(group, 0, resized(genuine, genuine.length + 1), AlertCode.BAD_RECORD_MAC, "one zero byte appended",
                "Extended");
        reject(group, 0, resized(genuine, genuine.length + 16), AlertCode.BAD_RECORD_MAC,
                "16 zero bytes appended (a second tag's worth)", "Extended");

        reject(group, 0, sealed(reverse, 0, data, message), AlertCode.BAD_RECORD_MAC,
                "sealed with the other direction's key and salt (a reflected record): the salt is wrong too, the tag"
                        + " check (step 2) fires before the sequence check", "WrongDirection", "CheckOrder");
        reject(group, 0, sealedWith(reverse.key(), keys.salt(), 0, data, message), AlertCode.BAD_RECORD_MAC,
                "sealed with the other direction's key and this direction's salt", "WrongDirection");
        reject(group, 0, sealedWith(keys.key(), reverse.salt(), 0, data, message), AlertCode.BAD_SEQUENCE,
                "this direction's key but the other direction's salt: the tag verifies with the nonce as received,"
                        + " then the nonce is not salt || expected seq (step 3)", "WrongDirection");
        reject(group, 0, sealed(foreign, 0, data, message), AlertCode.BAD_RECORD_MAC,
                "a genuine seq-0 record of another session", "ForeignSession");

        reject(group, 1, genuine, AlertCode.BAD_SEQUENCE, "seq 0 again after seq 0 was accepted", "Replay");
        reject(group, 5, sealed(keys, 4, data, message), AlertCode.BAD_SEQUENCE, "seq 4 when 5 is expected", "Replay");
        reject(group, 0x100000000L, genuine, AlertCode.BAD_SEQUENCE,
                "seq 0 when 2^32 is expected: what a 32-bit counter that wrapped would accept", "Replay");
        reject(group, 0, sealed(keys, 1, data, message), AlertCode.BAD_SEQUENCE, "seq 1 when 0 is expected",
                "Skipped");
        reject(group, 3, sealed(keys, 5, data, message), AlertCode.BAD_SEQUENCE, "seq 5 when 3 is expected",
                "Skipped");
        reject(group, 0, sealed(keys, MAX_SEQ, data, message), AlertCode.BAD_SEQUENCE,
                "seq 2^64-1 when 0 is expected", "Skipped");

        for (int type : new int[] {0x00, 0x04, 0xff}) {
            reject(group, 0, sealed(keys, 0, type, message), AlertCode.DECODE_ERROR,
                    String.format("inner type 0x%02x", type), "BadInnerType");
        }
        reject(group, 0, sealed(keys, 0, InnerType.CLOSE.code(), new byte[1]), AlertCode.DECODE_ERROR,
                "Close with a 1-byte payload", "BadInnerLength");
        reject(group, 0, sealed(keys, 0, InnerType.ALERT.code(), NO_PAYLOAD), AlertCode.DECODE_ERROR,
                "encrypted alert with an empty payload", "BadInnerLength");
        reject(group, 0, sealed(keys, 0, InnerType.ALERT.code(), new byte[] {1, 1}), AlertCode.DECODE_ERROR,
                "encrypted alert with a 2-byte payload", "BadInnerLength");

        byte[] notUtf8 = {(byte) 0x61, (byte) 0xff};
        reject(group, 0, sealed(keys, 0, data, notUtf8), AlertCode.BAD_PAYLOAD,
                "data payload 61 ff is not UTF-8 (step 6)", "InvalidUtf8");

        reject(group, 1, KeyScheduleVectors.flip(genuine, genuine.length - 1, 0), AlertCode.BAD_RECORD_MAC,
                "replayed seq 0 with a modified tag: the tag check (step 2) fires before the sequence check",
                "CheckOrder");
        reject(group, 1, sealed(keys, 0, 0x00, message), AlertCode.BAD_SEQUENCE,
                "replayed seq 0 with inner type 0x00: the sequence check (step 3) fires before the inner type"
                        + " check (step 5)", "CheckOrder");
        reject(group, 0, sealed(keys, 0, 0x00, notUtf8), AlertCode.DECODE_ERROR,
                "inner type 0x00 and a payload that is not UTF-8: step 5 fires before step 6", "CheckOrder");
    }

    private static void accept(VectorFile.Group group, TrafficKeys keys, long seq, int innerType, byte[] payload,
                               String comment, String flag) {
        group.test(comment, flag).hex("expectedSeq", u64(seq)).hex("record", sealed(keys, seq, innerType, payload))
                .hex("innerType", new byte[] {(byte) innerType}).hex("payload", payload).valid();
    }

    private static void reject(VectorFile.Group group, long expectedSeq, byte[] record, AlertCode alert,
                               String comment, String... flags) {
        group.test(comment, flags).hex("expectedSeq", u64(expectedSeq)).hex("record", record).invalid(alert);
    }

    static byte[] sealed(TrafficKeys keys, long seq, int innerType, byte[] payload) {
        return sealedWith(keys.key(), keys.salt(), seq, innerType, payload);
    }

    private static byte[] sealedWith(byte[] key, byte[] salt, long seq, int innerType, byte[] payload) {
        return RecordSealer.sealWithNonce(new AesGcm(key), RecordNonce.of(salt, seq), innerType, payload).encode();
    }

    /** A record whose body was sealed with {@code aad} as associated data but sent under its true header. */
    private static byte[] withAad(TrafficKeys keys, long seq, int innerType, byte[] payload, byte[] aad) {
        byte[] nonce = RecordNonce.of(keys.salt(), seq);
        byte[] inner = KeyScheduleVectors.concat(new byte[] {(byte) innerType}, payload);
        byte[] sealed = new AesGcm(keys.key()).seal(nonce, aad, inner);
        byte[] body = KeyScheduleVectors.concat(nonce, sealed);
        return new Frame(FrameType.RECORD, body).encode();
    }

    /** The frame with its body cut or zero-extended to {@code frameLength - 3} bytes and the length field set. */
    private static byte[] resized(byte[] frame, int frameLength) {
        byte[] body = Arrays.copyOfRange(frame, 3, frameLength);
        return new Frame(FrameType.RECORD, body).encode();
    }

    static byte[] u64(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(String value, int times) {
        return text(value.repeat(times));
    }

    /** {@code length} bytes of English text, lower case for requests, upper case for replies. */
    static byte[] filler(int length, boolean lowerCase) {
        String sentence = "the quick brown fox jumps over the lazy dog. ";
        if (!lowerCase) {
            sentence = sentence.toUpperCase(java.util.Locale.ROOT);
        }
        String text = sentence.repeat(length / sentence.length() + 1);
        return text(text.substring(0, length));
    }

    private static String hex(byte[] value) {
        return io.secho.wire.Hex.encode(value);
    }
}
