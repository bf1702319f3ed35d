package io.secho.conformance.peer;

import java.util.Arrays;

/**
 * An accepted record's inner plaintext, {@code inner_type || payload} (Section 9.1), and the sequence
 * number it came with.
 */
public final class InnerPlaintext {
    private final byte[] inner;
    private final long sequenceNumber;

    public InnerPlaintext(InnerType type, byte[] payload, long sequenceNumber) {
        this.inner = new byte[FrameLimits.INNER_TYPE_LENGTH + payload.length];
        this.inner[0] = (byte) type.code();
        System.arraycopy(payload, 0, this.inner, FrameLimits.INNER_TYPE_LENGTH, payload.length);
        this.sequenceNumber = sequenceNumber;
    }

    public InnerType type() {
        return InnerType.fromCode(inner[0] & 0xff).orElseThrow();
    }

    public byte[] payload() {
        return Arrays.copyOfRange(inner, FrameLimits.INNER_TYPE_LENGTH, inner.length);
    }

    /** The record's seq, an unsigned u64 held in a long. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** Type, size and sequence number only: the payload is plaintext and is not shown. */
    @Override
    public String toString() {
        return String.format("%s[%d bytes, seq %s]", type(), inner.length - FrameLimits.INNER_TYPE_LENGTH,
                Long.toUnsignedString(sequenceNumber));
    }
}
