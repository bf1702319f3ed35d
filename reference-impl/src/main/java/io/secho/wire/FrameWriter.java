package io.secho.wire;

import java.io.IOException;
import java.io.OutputStream;

/** Writes frames; {@link #flush} pushes what was written to the network in as few segments as it can. */
public final class FrameWriter {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void write(Frame frame) throws IOException {
        out.write(frame.encode());
    }

    public void flush() throws IOException {
        out.flush();
    }
}
