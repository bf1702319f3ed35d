package io.secho.conformance.peer;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;

/**
 * A receiver's record layer for the peer's direction: the checks of Table 12, steps 2 to 5, and step 6 when
 * built with {@link #checkingUtf8} (a correct receiver, either side), in that order (REQ-REC-5).
 */
public final class RecordOpener {
    private final AesGcm aead;
    private final byte[] salt;
    private final boolean checkUtf8;
    private long expectedSequence;
    private boolean exhausted;

    /**
     * Steps 2 to 5 only: the harness observing a server's replies, whose payload it judges itself (a reply that is
     * not UTF-8 is a wrong echo to report, not a record to refuse).
     */
    public RecordOpener(TrafficKeys keys) {
        this(keys, false);
    }

    private RecordOpener(TrafficKeys keys, boolean checkUtf8) {
        this.aead = new AesGcm(keys.key());
        this.salt = keys.salt();
        this.checkUtf8 = checkUtf8;
    }

    /** A correct receiver on either side: step 6 too, a data payload must be well-formed UTF-8 (REQ-ECHO-7, REQ-ECHO-13). */
    public static RecordOpener checkingUtf8(TrafficKeys keys) {
        return new RecordOpener(keys, true);
    }

    /** An opener that expects {@code expectedSequence} first: a deviation, or the 2^64-1 edge of the vectors. */
    public static RecordOpener insecureExpectingFrom(TrafficKeys keys, long expectedSequence) {
        RecordOpener opener = new RecordOpener(keys);
        opener.expectedSequence = expectedSequence;
        return opener;
    }

    /** Like {@link #insecureExpectingFrom}, with step 6. */
    public static RecordOpener insecureCheckingUtf8From(TrafficKeys keys, long expectedSequence) {
        RecordOpener opener = checkingUtf8(keys);
        opener.expectedSequence = expectedSequence;
        return opener;
    }

    /**
     * Table 12 on one record frame whose header passed steps 1 to 4 of Section 4.4.
     *
     * @throws ProtocolException with the alert of the first failing step; the expected seq moves on only for a
     *                           record that passed steps 2 and 3 (REQ-REC-9)
     */
    public InnerPlaintext open(Frame frame) throws ProtocolException {
        if (frame.type() != FrameType.RECORD) {
            throw new IllegalArgumentException("not a record: " + frame.type());
        }
        byte[] body = frame.body();
        if (body.length < FrameLimits.MIN_RECORD_BODY) { // header step 4, REQ-FRM-11
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    "record body of " + body.length + " bytes (at least " + FrameLimits.MIN_RECORD_BODY + ")");
        }
        // Step 2, REQ-REC-6: the nonce exactly as received, the header as AAD.
        byte[] nonce = Arrays.copyOf(body, FrameLimits.NONCE_LENGTH);
        byte[] inner;
        try {
            inner = aead.open(nonce, frame.header(), Arrays.copyOfRange(body, FrameLimits.NONCE_LENGTH, body.length));
        } catch (AEADBadTagException e) {
            throw new ProtocolException(AlertCode.BAD_RECORD_MAC, "the record's tag does not verify");
        }
        // Step 3, REQ-REC-8: only after the tag, the nonce must be salt || expected seq.
        byte[] expectedNonce = RecordNonce.of(salt, expectedSequence);
        if (exhausted || !Arrays.equals(nonce, expectedNonce)) {
            Arrays.fill(inner, (byte) 0);
            throw new ProtocolException(AlertCode.BAD_SEQUENCE, "record nonce " + Hex.encode(nonce)
                    + " where " + (exhausted ? "no further record" : Hex.encode(expectedNonce)) + " was due");
        }
        long sequence = expectedSequence;
        // Step 4, REQ-REC-9. After 2^64-1 no nonce can match any more (Section 9.3's note).
        exhausted = expectedSequence == -1L;
        expectedSequence++;
        return inner(inner, sequence);
    }

    /** The seq the next record must carry. */
    public long expectedSequence() {
        return expectedSequence;
    }

    /** Steps 5 and 6: the inner type and what its payload must be (REQ-REC-10, REQ-ECHO-7). */
    private InnerPlaintext inner(byte[] plaintext, long sequence) throws ProtocolException {
        int code = plaintext[0] & 0xff;
        InnerType type = InnerType.fromCode(code).orElseThrow(() -> new ProtocolException(AlertCode.DECODE_ERROR,
                String.format("inner type 0x%02x", code)));
        byte[] payload = Arrays.copyOfRange(plaintext, FrameLimits.INNER_TYPE_LENGTH, plaintext.length);
        Arrays.fill(plaintext, (byte) 0);
        if (type == InnerType.CLOSE && payload.length != 0) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "close with a payload of " + payload.length + " bytes");
        }
        if (type == InnerType.ALERT && payload.length != AlertMessage.LENGTH) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    "encrypted alert with a payload of " + payload.length + " bytes (must be 1)");
        }
        if (checkUtf8 && type == InnerType.DATA && !EchoRule.wellFormedUtf8(payload)) {
            throw new ProtocolException(AlertCode.BAD_PAYLOAD, "data payload is not well-formed UTF-8");
        }
        return new InnerPlaintext(type, payload, sequence);
    }
}
