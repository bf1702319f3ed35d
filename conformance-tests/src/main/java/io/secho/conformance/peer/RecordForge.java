package io.secho.conformance.peer;

import java.util.Arrays;

/**
 * A record built field by field, each field the caller's choice: the deviation points of the record layer
 * (Section 9.1). By default it is the correct record with seq 0: {@code header || salt || seq ||
 * AES-256-GCM(key, nonce, header, inner_type || payload)}. Each setter changes one thing, so that a test
 * states exactly what it gets wrong: another nonce (a replay, a skip, a wrong salt), another key (the other
 * direction's, another session's), an unknown inner type, a header that is not the one sent, a tag or
 * ciphertext altered after sealing.
 */
public final class RecordForge {
    private byte[] key;
    private byte[] salt;
    private long sequence;
    private byte[] explicitNonce;
    private int innerTypeCode = InnerType.DATA.code();
    private byte[] payload = new byte[0];
    private byte[] explicitHeader;
    private byte[] authenticatedHeader;
    private int tagBitFlip = -1;
    private int ciphertextBitFlip = -1;

    private RecordForge(TrafficKeys keys) {
        this.key = keys.key();
        this.salt = keys.salt();
    }

    /** A correct record of the direction {@code keys} protect, seq 0, data, empty payload. */
    public static RecordForge with(TrafficKeys keys) {
        return new RecordForge(keys);
    }

    /** Seal under another AES key than the direction's (REQ-KS-4 broken on purpose). */
    public RecordForge key(byte[] value) {
        if (value.length != AesGcm.KEY_LENGTH) {
            throw new IllegalArgumentException("an AES-256 key is " + AesGcm.KEY_LENGTH + " bytes");
        }
        key = value.clone();
        return this;
    }

    public RecordForge salt(byte[] value) {
        if (value.length != FrameLimits.SALT_LENGTH) {
            throw new IllegalArgumentException("a salt is " + FrameLimits.SALT_LENGTH + " bytes");
        }
        salt = value.clone();
        return this;
    }

    public RecordForge sequence(long value) {
        sequence = value;
        return this;
    }

    /** Any 12 bytes as the nonce, instead of salt || seq (REQ-REC-2 broken on purpose). */
    public RecordForge nonce(byte[] value) {
        if (value.length != FrameLimits.NONCE_LENGTH) {
            throw new IllegalArgumentException("a nonce is " + FrameLimits.NONCE_LENGTH + " bytes");
        }
        explicitNonce = value.clone();
        return this;
    }

    /** Any inner type byte, including codes outside Section 9.1's three. */
    public RecordForge innerType(int code) {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("an inner type is one byte");
        }
        innerTypeCode = code;
        return this;
    }

    public RecordForge innerType(InnerType type) {
        return innerType(type.code());
    }

    /** Any payload, including one longer than the direction allows (REQ-FRM-3 broken on purpose). */
    public RecordForge payload(byte[] value) {
        payload = value.clone();
        return this;
    }

    /**
     * The 3 header bytes sent on the wire and used as AAD, instead of {@code 05 || length}: a header whose
     * length lies, or whose type is not a record's.
     */
    public RecordForge header(byte[] value) {
        explicitHeader = checkHeader(value);
        return this;
    }

    /** The AAD differs from the header sent: the tag then fails on the receiver (REQ-REC-6). */
    public RecordForge authenticatedHeader(byte[] value) {
        authenticatedHeader = checkHeader(value);
        return this;
    }

    /** Flips one bit of the tag after sealing (bit 0 of the tag's first byte and so on). */
    public RecordForge flipTagBit(int bit) {
        if (bit < 0 || bit >= FrameLimits.TAG_LENGTH * Byte.SIZE) {
            throw new IllegalArgumentException("the tag has " + FrameLimits.TAG_LENGTH * Byte.SIZE + " bits");
        }
        tagBitFlip = bit;
        return this;
    }

    /** Flips one bit of the ciphertext (inner type byte included) after sealing. */
    public RecordForge flipCiphertextBit(int bit) {
        if (bit < 0 || bit >= (FrameLimits.INNER_TYPE_LENGTH + payload.length) * Byte.SIZE) {
            throw new IllegalArgumentException("the ciphertext has no bit " + bit);
        }
        ciphertextBitFlip = bit;
        return this;
    }

    /** The nonce the record will carry. */
    public byte[] nonce() {
        return explicitNonce != null ? explicitNonce.clone() : RecordNonce.of(salt, sequence);
    }

    /** The complete frame bytes (REQ-REC-3: body = nonce || ciphertext || tag, AAD = the header). */
    public byte[] encode() {
        byte[] header = explicitHeader != null ? explicitHeader
                : Frame.header(FrameType.RECORD.code(), FrameLimits.RECORD_OVERHEAD + payload.length);
        byte[] frame = assemble(new AesGcm(key), header, authenticatedHeader != null ? authenticatedHeader : header,
                nonce(), innerTypeCode, payload);
        int sealedAt = FrameLimits.HEADER_LENGTH + FrameLimits.NONCE_LENGTH;
        if (ciphertextBitFlip >= 0) {
            frame[sealedAt + ciphertextBitFlip / Byte.SIZE] ^= (byte) (1 << (ciphertextBitFlip % Byte.SIZE));
        }
        if (tagBitFlip >= 0) {
            int tagAt = frame.length - FrameLimits.TAG_LENGTH;
            frame[tagAt + tagBitFlip / Byte.SIZE] ^= (byte) (1 << (tagBitFlip % Byte.SIZE));
        }
        return frame;
    }

    /** header || nonce || AES-256-GCM(nonce, aad, inner_type || payload): a record frame's bytes. */
    static byte[] assemble(AesGcm aead, byte[] header, byte[] aad, byte[] nonce, int innerTypeCode, byte[] payload) {
        byte[] inner = new byte[FrameLimits.INNER_TYPE_LENGTH + payload.length];
        inner[0] = (byte) innerTypeCode;
        System.arraycopy(payload, 0, inner, FrameLimits.INNER_TYPE_LENGTH, payload.length);
        byte[] sealed = aead.seal(nonce, aad, inner);
        Arrays.fill(inner, (byte) 0);
        byte[] frame = new byte[FrameLimits.HEADER_LENGTH + FrameLimits.NONCE_LENGTH + sealed.length];
        System.arraycopy(header, 0, frame, 0, FrameLimits.HEADER_LENGTH);
        System.arraycopy(nonce, 0, frame, FrameLimits.HEADER_LENGTH, FrameLimits.NONCE_LENGTH);
        System.arraycopy(sealed, 0, frame, FrameLimits.HEADER_LENGTH + FrameLimits.NONCE_LENGTH, sealed.length);
        return frame;
    }

    /**
     * The record as a {@link Frame}.
     *
     * @throws IllegalArgumentException when a deviation made the bytes something else than one record frame
     */
    public Frame frame() {
        return Frame.parse(encode());
    }

    private static byte[] checkHeader(byte[] value) {
        if (value.length != FrameLimits.HEADER_LENGTH) {
            throw new IllegalArgumentException("a header is " + FrameLimits.HEADER_LENGTH + " bytes");
        }
        return value.clone();
    }
}
