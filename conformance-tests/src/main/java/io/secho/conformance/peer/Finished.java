package io.secho.conformance.peer;

/** A Finished (frame 0x03, Section 8): 32 bytes of verify_data, kept as the frame that carries them. */
public final class Finished {
    public static final int LENGTH = HmacSha256.MAC_LENGTH;

    private final Frame frame;

    /** Any verify_data, of any length: a test may send a wrong one on purpose. */
    public Finished(byte[] verifyData) {
        this.frame = new Frame(FrameType.FINISHED, verifyData);
    }

    /** REQ-FIN-2: a body other than 32 bytes is a {@code decode_error}. */
    public static Finished decode(byte[] body) throws ProtocolException {
        if (body.length == LENGTH) {
            return new Finished(body);
        }
        throw new ProtocolException(AlertCode.DECODE_ERROR,
                "Finished body of " + body.length + " bytes (must be " + LENGTH + ")");
    }

    public byte[] verifyData() {
        return frame.body();
    }

    public FrameType frameType() {
        return FrameType.FINISHED;
    }

    public byte[] encodeBody() {
        return frame.body();
    }

    public Frame toFrame() {
        return frame;
    }

    /**
     * REQ-FIN-3 / REQ-FIN-6, compared in constant time (REQ-FIN-8).
     *
     * @param whose "server" or "client", for the message
     * @throws ProtocolException {@code handshake_failure} when the verify_data differs
     */
    public void verify(byte[] expected, String whose) throws ProtocolException {
        if (HmacSha256.constantTimeEquals(expected, frame.body())) {
            return;
        }
        throw new ProtocolException(AlertCode.HANDSHAKE_FAILURE, "the " + whose
                + " Finished does not verify (a different key or a modified hello)");
    }
}
