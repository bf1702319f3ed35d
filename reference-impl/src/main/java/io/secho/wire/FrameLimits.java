package io.secho.wire;

import io.secho.crypto.AesGcm;

/** Every size limit of the wire format, in one place (spec: "Limits"). */
public final class FrameLimits {
    public static final int HEADER_LENGTH = 3;
    public static final int MAX_PLAINTEXT_BODY = 1024;
    public static final int INNER_TYPE_LENGTH = 1;
    /** Nonce, inner type and tag: a record body is this plus the payload. The AEAD fixes the nonce and tag sizes. */
    public static final int RECORD_OVERHEAD = AesGcm.NONCE_LENGTH + INNER_TYPE_LENGTH + AesGcm.TAG_LENGTH;
    public static final int MIN_RECORD_BODY = RECORD_OVERHEAD;
    public static final int MAX_REQUEST_PAYLOAD = 16384;
    /** Upper-casing expands UTF-8 at most threefold, so every reply to a legal request fits. */
    public static final int MAX_UPPERCASE_EXPANSION = 3;
    public static final int MAX_REPLY_PAYLOAD = MAX_REQUEST_PAYLOAD * MAX_UPPERCASE_EXPANSION;

    private FrameLimits() {
    }

    /** The largest body a receiver reading {@code direction} accepts for a frame of this type. */
    public static int maxBody(FrameType type, Direction direction) {
        return type == FrameType.RECORD ? direction.maxRecordBody() : MAX_PLAINTEXT_BODY;
    }
}
