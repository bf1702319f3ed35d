package io.secho.wire;

/** Which way bytes flow; it fixes the record size limit, the key and the nonce salt. */
public enum Direction {
    CLIENT_TO_SERVER(FrameLimits.MAX_REQUEST_PAYLOAD),
    SERVER_TO_CLIENT(FrameLimits.MAX_REPLY_PAYLOAD);

    private final int maxDataPayload;

    Direction(int maxDataPayload) {
        this.maxDataPayload = maxDataPayload;
    }

    public int maxDataPayload() {
        return maxDataPayload;
    }

    /** The largest record body allowed in this direction: nonce, inner type, payload, tag. */
    public int maxRecordBody() {
        return FrameLimits.RECORD_OVERHEAD + maxDataPayload;
    }

    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
