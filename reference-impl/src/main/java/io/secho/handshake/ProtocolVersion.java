package io.secho.handshake;

/** Protocol versions on the wire. v1 is the only one. */
final class ProtocolVersion {
    public static final int V1 = 0x0001;

    private ProtocolVersion() {
    }
}
