package io.secho.conformance.peer;

/**
 * Which way a frame travels. The record limits differ per direction (Table 2): a reply may be three times
 * as long as its request (Section 10.4), so S -> C records are larger.
 */
public enum Direction {
    CLIENT_TO_SERVER(FrameLimits.MAX_REQUEST_PAYLOAD),
    SERVER_TO_CLIENT(FrameLimits.MAX_REPLY_PAYLOAD);

    private final int maxDataPayload;

    Direction(int maxDataPayload) {
        this.maxDataPayload = maxDataPayload;
    }

    /** The largest data payload a record of this direction may carry. */
    public int maxDataPayload() {
        return maxDataPayload;
    }

    /** The largest record body of this direction: 16413 C -> S, 49181 S -> C (Table 2, REQ-FRM-3). */
    public int maxRecordBody() {
        return FrameLimits.RECORD_OVERHEAD + maxDataPayload;
    }

    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
