package io.secho.record;

import io.secho.crypto.AesGcm;
import io.secho.keyschedule.TrafficKeys;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;

/**
 * Protects outgoing records for one direction. The sequence number starts at 0 and is never reused:
 * after 2^64 - 1 the sealer refuses to seal rather than wrap.
 */
public final class RecordSealer {
    private final AesGcm aead;
    private final byte[] salt;
    private final Direction direction;
    private long nextSequence;
    private boolean exhausted;

    public RecordSealer(TrafficKeys keys, Direction direction) {
        this.aead = new AesGcm(keys.key());
        this.salt = keys.salt();
        this.direction = direction;
    }

    /**
     * A sealer whose first record carries {@code firstSequence} instead of 0. A real session always starts
     * at 0 (REQ-REC-2); this exists for test vectors near the end of the sequence space (2^64 - 1).
     */
    public static RecordSealer insecureStartingAt(TrafficKeys keys, Direction direction, long firstSequence) {
        RecordSealer sealer = new RecordSealer(keys, direction);
        sealer.nextSequence = firstSequence;
        return sealer;
    }

    public Frame seal(InnerType type, byte[] payload) {
        return Frame.parse(sealEncoded(type, payload));
    }

    /**
     * Like {@link #seal}, but returns the record's exact wire bytes (header, nonce, ciphertext, tag), built
     * and encrypted in one array: what a connection writes, with no intermediate copies.
     */
    // REQ-REC-1, REQ-REC-2, REQ-REC-3, REQ-REC-4: AES-256-GCM, nonce salt || seq from 0, header as AAD; never past 2^64-1.
    public byte[] sealEncoded(InnerType type, byte[] payload) {
        if (exhausted) {
            throw new IllegalStateException("sequence numbers exhausted: the connection must close");
        }
        if (type == InnerType.DATA && payload.length > direction.maxDataPayload()) {
            throw new IllegalArgumentException("data payload of " + payload.length + " bytes exceeds "
                    + direction.maxDataPayload() + " for " + direction);
        }
        byte[] nonce = RecordNonce.of(salt, nextSequence);
        byte[] encoded = encode(aead, nonce, type.code(), payload);
        if (nextSequence == -1L) {
            exhausted = true;
        }
        nextSequence++;
        return encoded;
    }

    /** The sequence number the next record will carry (unsigned). */
    public long nextSequence() {
        return nextSequence;
    }

    /**
     * Seals with any nonce and inner type code: the building block for tests that must send what a
     * correct sender never would.
     */
    public static Frame sealWithNonce(AesGcm aead, byte[] nonce, int innerTypeCode, byte[] payload) {
        return Frame.parse(encode(aead, nonce, innerTypeCode, payload));
    }

    /** header || nonce || seal(inner_type || payload), the plaintext laid out where its ciphertext goes. */
    private static byte[] encode(AesGcm aead, byte[] nonce, int innerTypeCode, byte[] payload) {
        int bodyLength = FrameLimits.RECORD_OVERHEAD + payload.length;
        if (bodyLength > 0xffff) {
            throw new IllegalArgumentException("frame body of " + bodyLength + " bytes does not fit a u16 length");
        }
        byte[] header = Frame.header(FrameType.RECORD.code(), bodyLength);
        byte[] encoded = new byte[FrameLimits.HEADER_LENGTH + bodyLength];
        int innerStart = FrameLimits.HEADER_LENGTH + AesGcm.NONCE_LENGTH;
        System.arraycopy(header, 0, encoded, 0, FrameLimits.HEADER_LENGTH);
        System.arraycopy(nonce, 0, encoded, FrameLimits.HEADER_LENGTH, AesGcm.NONCE_LENGTH);
        encoded[innerStart] = (byte) innerTypeCode;
        System.arraycopy(payload, 0, encoded, innerStart + FrameLimits.INNER_TYPE_LENGTH, payload.length);
        aead.sealInPlace(nonce, header, encoded, innerStart, FrameLimits.INNER_TYPE_LENGTH + payload.length);
        return encoded;
    }
}
