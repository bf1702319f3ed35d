package io.secho.conformance.peer;

/**
 * A correct sender's record layer for one direction (Section 9.2): nonce {@code salt || seq}, seq from 0,
 * one more for every record of any inner type (REQ-REC-2), never wrapping (REQ-REC-4). Each record is
 * built by {@link RecordForge}, whose defaults are the correct record.
 */
public final class RecordSealer {
    private final TrafficKeys keys;
    private final Direction direction;
    /** How many records were sealed, counted from the first seq; the seq of a record is first + its index. */
    private final long first;
    private long sealed;

    private RecordSealer(TrafficKeys keys, Direction direction, long first) {
        this.keys = keys;
        this.direction = direction;
        this.first = first;
    }

    /** @param direction the way the records travel: it bounds the data payload (REQ-FRM-3) */
    public RecordSealer(TrafficKeys keys, Direction direction) {
        this(keys, direction, 0);
    }

    /** A sealer whose first record has seq {@code firstSequence}: a deviation, or the 2^64-1 edge. */
    public static RecordSealer insecureStartingAt(TrafficKeys keys, Direction direction, long firstSequence) {
        return new RecordSealer(keys, direction, firstSequence);
    }

    /** The seq the next record gets. */
    public long nextSequence() {
        return first + sealed;
    }

    public Direction direction() {
        return direction;
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
        int limit = direction.maxDataPayload();
        if (type == InnerType.DATA && payload.length > limit) {
            throw new IllegalArgumentException(payload.length + " bytes of data exceed " + direction + "'s " + limit);
        }
        return sealRaw(type.code(), payload);
    }

    /**
     * The next record with any inner type code and any payload length (deviation points), using up its seq
     * as a correct record would: for a test that sends one wrong record in an otherwise correct stream.
     */
    public byte[] sealRaw(int innerTypeCode, byte[] payload) {
        long seq = nextSequence();
        // The record with seq 2^64-1 has index -1 - first (unsigned); nothing may follow it (REQ-REC-4).
        if (Long.compareUnsigned(sealed, -1L - first) > 0) {
            throw new IllegalStateException("seq 2^64-1 was used: nothing more may be sent (REQ-REC-4)");
        }
        sealed++;
        return RecordForge.with(keys).sequence(seq).innerType(innerTypeCode).payload(payload).encode();
    }

    /** A record with a nonce the caller chose, outside any sealer's count: a replay, a skip, a wrong salt. */
    public static Frame sealWithNonce(AesGcm aead, byte[] nonce, int innerTypeCode, byte[] payload) {
        byte[] header = Frame.header(FrameType.RECORD.code(), FrameLimits.RECORD_OVERHEAD + payload.length);
        return Frame.parse(RecordForge.assemble(aead, header, header, nonce, innerTypeCode, payload));
    }
}
