package io.secho.record;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.keyschedule.TrafficKeys;
import io.secho.wire.AlertMessage;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;
import io.secho.wire.Hex;
import io.secho.wire.ReceivedFrame;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;

/**
 * Verifies incoming records for one direction, in the spec's order: tag first (with the nonce as
 * received), then the nonce must be exactly salt || next sequence number. Nothing of a record is
 * released before both checks pass.
 */
public final class RecordOpener {
    private final AesGcm aead;
    private final byte[] salt;
    private long expectedSequence;
    private boolean exhausted;

    public RecordOpener(TrafficKeys keys) {
        this.aead = new AesGcm(keys.key());
        this.salt = keys.salt();
    }

    /**
     * An opener that expects {@code expectedSequence} first instead of 0. A real session always starts at
     * 0 (REQ-REC-8); this exists for test vectors near the end of the sequence space.
     */
    public static RecordOpener insecureExpectingFrom(TrafficKeys keys, long expectedSequence) {
        RecordOpener opener = new RecordOpener(keys);
        opener.expectedSequence = expectedSequence;
        return opener;
    }

    public InnerPlaintext open(Frame frame) throws ProtocolException {
        return open(frame.type(), frame.header(), frame.body());
    }

    /** The same checks as {@link #open(Frame)}, on the body where the reader put it. */
    public InnerPlaintext open(ReceivedFrame frame) throws ProtocolException {
        return open(frame.type(), frame.header(), frame.body());
    }

    // REQ-REC-5, REQ-REC-6, REQ-REC-7, REQ-REC-8, REQ-REC-9, REQ-REC-10: Table 12 in order: tag, nonce, inner type; nothing released before.
    private InnerPlaintext open(FrameType type, byte[] header, byte[] body) throws ProtocolException {
        if (type != FrameType.RECORD) {
            throw new IllegalArgumentException("not a record frame: " + type);
        }
        if (body.length < FrameLimits.MIN_RECORD_BODY) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "record body of " + body.length
                    + " bytes is shorter than the minimum " + FrameLimits.MIN_RECORD_BODY);
        }
        byte[] nonce = Arrays.copyOfRange(body, 0, AesGcm.NONCE_LENGTH);
        byte[] plaintext;
        try {
            plaintext = aead.open(nonce, header, body, AesGcm.NONCE_LENGTH, body.length - AesGcm.NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw new ProtocolException(AlertCode.BAD_RECORD_MAC,
                    "record tag does not verify (seq expected " + Long.toUnsignedString(expectedSequence) + ")");
        }
        byte[] expectedNonce = RecordNonce.of(salt, expectedSequence);
        if (exhausted || !Arrays.equals(nonce, expectedNonce)) {
            throw new ProtocolException(AlertCode.BAD_SEQUENCE, "record nonce is not the expected one: expected "
                    + Hex.encode(expectedNonce) + ", got " + Hex.encode(nonce)
                    + " (a replayed, reordered or skipped record)");
        }
        long sequence = expectedSequence;
        if (expectedSequence == -1L) {
            exhausted = true;
        }
        expectedSequence++;
        return parseInner(plaintext, sequence);
    }

    public long expectedSequence() {
        return expectedSequence;
    }

    private static InnerPlaintext parseInner(byte[] plaintext, long sequence) throws ProtocolException {
        int code = plaintext[0] & 0xff;
        InnerType type = InnerType.fromCode(code).orElseThrow(() -> new ProtocolException(
                AlertCode.DECODE_ERROR, String.format("unknown inner type 0x%02x", code)));
        byte[] payload = Arrays.copyOfRange(plaintext, 1, plaintext.length);
        if (type == InnerType.CLOSE && payload.length != 0) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    "close record carries " + payload.length + " payload byte(s); it must be empty");
        }
        if (type == InnerType.ALERT && payload.length != AlertMessage.LENGTH) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    "encrypted alert carries " + payload.length + " byte(s); it must be 1");
        }
        return new InnerPlaintext(type, payload, sequence);
    }
}
