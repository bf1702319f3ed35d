package io.secho.wire;

/**
 * A frame as {@link FrameReader#readReceived} read it, header bytes included. Unlike {@link Frame}, it makes
 * no defensive copies: the reader allocated both arrays for this frame alone and hands them over, so
 * the record layer can open a record where it was read. Whoever holds it must not share the arrays.
 */
public record ReceivedFrame(FrameType type, byte[] header, byte[] body) {
    /** An immutable {@link Frame} with the same type and body (one copy). */
    public Frame toFrame() {
        return new Frame(type, body);
    }
}
