package io.secho.conformance.peer;

/**
 * Which way a frame travels. The record limits differ per direction (Table 2): a reply may be three times
 * as long as its request (Section 10.4), so S -> C records are larger.
 */
public enum Direction {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT;

    /** The largest data payload a record of this direction may carry: 16384 C -> S, 49152 S -> C. */
    public int maxDataPayload() {
        return this == CLIENT_TO_SERVER ? FrameLimits.MAX_REQUEST_PAYLOAD : FrameLimits.MAX_REPLY_PAYLOAD;
    }

    /** The largest record body: 16413 C -> S, 49181 S -> C (Table 2, REQ-FRM-3). */
    public int maxRecordBody() {
        return maxDataPayload() + FrameLimits.RECORD_OVERHEAD;
    }

    public Direction reverse() {
        return values()[1 - ordinal()];
    }
}
