package io.secho.conformance.peer;

/**
 * A correct sender's record layer for one direction (Section 9.2): nonce {@code salt || seq}, seq from 0,
 * one more for every record of any inner type (REQ-REC-2), never wrapping (REQ-REC-4).
 */
public final class RecordSealer {
    private final TrafficKeys keys;
    private final Direction direction;
    private long nextSequence;
    private boolean exhausted;

    /** @param direction the way the records travel: it bounds the data payload (REQ-FRM-3) */
    public RecordSealer(TrafficKeys keys, Direction direction) {
        this.keys = keys;
        this.direction = direction;
    }

    /** A sealer whose first record has seq {@code firstSequence}: a deviation (or the 2^64-1 edge). */
    public static RecordSealer insecureStartingAt(TrafficKeys keys, Direction direction, long firstSequence) {
        RecordSealer sealer = new RecordSealer(keys, direction);
        sealer.nextSequence = firstSequence;
        return sealer;
    }

    public Frame seal(InnerType type, byte[] payload) {
        return Frame.parse(sealEncoded(type, payload));
    }

    /**
     * The next record's bytes; its seq is used up.
     *
     * @throws IllegalArgumentException for a data payload over the direction's limit
     * @throws IllegalStateException    after the record with seq 2^64-1 (REQ-REC-4)
     */
    public byte[] sealEncoded(InnerType type, byte[] payload) {
        if (type == InnerType.DATA && payload.length > direction.maxDataPayload()) {
            throw new IllegalArgumentException("a " + direction + " data payload is at most "
                    + direction.maxDataPayload() + " bytes, not " + payload.length);
        }
        return sealRaw(type.code(), payload);
    }

    /**
     * The next record with any inner type code and any payload length (deviation points), using up its seq
     * as a correct record would: for a test that sends one wrong record in an otherwise correct stream.
     */
    public byte[] sealRaw(int innerTypeCode, byte[] payload) {
        if (exhausted) {
            throw new IllegalStateException("seq 2^64-1 was used: nothing more may be sent (REQ-REC-4)");
        }
        byte[] encoded = RecordForge.with(keys).sequence(nextSequence).innerType(innerTypeCode).payload(payload)
                .encode();
        if (nextSequence == -1L) {
            exhausted = true;
        }
        nextSequence++;
        return encoded;
    }

    /** The seq the next record gets. */
    public long nextSequence() {
        return nextSequence;
    }

    public Direction direction() {
        return direction;
    }

    /** A record with a nonce the caller chose, outside any sealer's count: a replay, a skip, a wrong salt. */
    public static Frame sealWithNonce(AesGcm aead, byte[] nonce, int innerTypeCode, byte[] payload) {
        int bodyLength = FrameLimits.RECORD_OVERHEAD + payload.length;
        byte[] header = Frame.header(FrameType.RECORD.code(), bodyLength);
        byte[] inner = new byte[FrameLimits.INNER_TYPE_LENGTH + payload.length];
        inner[0] = (byte) innerTypeCode;
        System.arraycopy(payload, 0, inner, FrameLimits.INNER_TYPE_LENGTH, payload.length);
        byte[] sealed = aead.seal(nonce, header, inner);
        byte[] body = new byte[bodyLength];
        System.arraycopy(nonce, 0, body, 0, FrameLimits.NONCE_LENGTH);
        System.arraycopy(sealed, 0, body, FrameLimits.NONCE_LENGTH, sealed.length);
        return new Frame(FrameType.RECORD, body);
    }
}
