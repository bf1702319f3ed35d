package io.secho.wire;

import java.io.IOException;
import java.io.OutputStream;

/** Writes frames; {@link #flush} pushes what was written to the network in as few segments as it can. */
public final class FrameWriter {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    // REQ-FRM-3: only frames within Table 2 are written; the record layer never builds a larger one.
    public void write(Frame frame) throws IOException {
        out.write(frame.encode());
    }

    /**
     * Writes bytes that already are exactly one encoded frame (header and body), as the record layer
     * builds them, without going through a {@link Frame}.
     */
    public void writeEncoded(byte[] encodedFrame) throws IOException {
        out.write(encodedFrame);
    }

    public void flush() throws IOException {
        out.flush();
    }
}
