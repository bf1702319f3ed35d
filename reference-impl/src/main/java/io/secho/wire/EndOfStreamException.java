package io.secho.wire;

import java.io.IOException;

/** The peer closed its side (FIN) where the reader expected a frame, or in the middle of one. */
public final class EndOfStreamException extends IOException {
    private final boolean midFrame;

    public EndOfStreamException(boolean midFrame, String detail) {
        super(detail);
        this.midFrame = midFrame;
    }

    /** True if some bytes of a frame had arrived: a truncated frame rather than a quiet stream. */
    public boolean midFrame() {
        return midFrame;
    }
}
