package io.secho.conformance.peer;

/** The sizes of Table 2, Table 11 and Appendix A, each named once. */
public final class FrameLimits {
    /** type (u8) || length (u16), Table 1. */
    public static final int HEADER_LENGTH = 3;
    /** The fixed cap of every plaintext frame body (Table 2). */
    public static final int MAX_PLAINTEXT_BODY = 1024;
    public static final int SALT_LENGTH = 4;
    public static final int SEQUENCE_LENGTH = 8;
    /** salt (4) || seq (8), the GCM nonce (Section 9.1). */
    public static final int NONCE_LENGTH = SALT_LENGTH + SEQUENCE_LENGTH;
    public static final int INNER_TYPE_LENGTH = 1;
    public static final int TAG_LENGTH = 16;
    /** What a record adds to its payload: 12 + 1 + 16 = 29. */
    public static final int RECORD_OVERHEAD = NONCE_LENGTH + INNER_TYPE_LENGTH + TAG_LENGTH;
    /** A record with an empty payload; anything shorter is a {@code decode_error} (REQ-FRM-11). */
    public static final int MIN_RECORD_BODY = RECORD_OVERHEAD;
    /** 2^14, the largest request payload (Table 2). */
    public static final int MAX_REQUEST_PAYLOAD = 16384;
    /** Upper-casing at most triples the UTF-8 length (Section 10.4). */
    public static final int MAX_UPPERCASE_EXPANSION = 3;
    public static final int MAX_REPLY_PAYLOAD = MAX_REQUEST_PAYLOAD * MAX_UPPERCASE_EXPANSION;
    /** The largest value a u16 length can hold. */
    public static final int MAX_U16 = 0xffff;

    private FrameLimits() {
    }

    /** The largest body a frame of {@code type} may have when it travels in {@code direction} (REQ-FRM-9). */
    public static int maxBody(FrameType type, Direction direction) {
        return type == FrameType.RECORD ? direction.maxRecordBody() : MAX_PLAINTEXT_BODY;
    }
}
