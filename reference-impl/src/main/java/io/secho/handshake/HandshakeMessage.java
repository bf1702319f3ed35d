package io.secho.handshake;

import io.secho.wire.Frame;
import io.secho.wire.FrameType;

/** A plaintext handshake message; each type keeps its encoder and decoder side by side. */
public sealed interface HandshakeMessage permits ClientHello, ServerHello, Finished {
    FrameType frameType();

    byte[] encodeBody();

    default Frame toFrame() {
        return new Frame(frameType(), encodeBody());
    }
}
