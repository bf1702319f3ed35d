package io.secho.conformance.net;

import io.secho.conformance.peer.SessionSecrets;
import io.secho.conformance.peer.Suite;

/** One handshake as the harness ran it: the frames on the wire and what both sides derived. */
public record HandshakeTranscript(
        Suite suite,
        byte[] clientHelloFrame,
        byte[] serverHelloFrame,
        byte[] serverFinishedFrame,
        byte[] clientRandom,
        byte[] serverRandom,
        byte[] serverShare,
        SessionSecrets secrets) {

    public HandshakeTranscript {
        clientHelloFrame = clientHelloFrame.clone();
        serverHelloFrame = serverHelloFrame.clone();
        serverFinishedFrame = serverFinishedFrame.clone();
        clientRandom = clientRandom.clone();
        serverRandom = serverRandom.clone();
        serverShare = serverShare.clone();
    }

    @Override
    public byte[] clientHelloFrame() {
        return clientHelloFrame.clone();
    }

    @Override
    public byte[] serverHelloFrame() {
        return serverHelloFrame.clone();
    }

    @Override
    public byte[] serverFinishedFrame() {
        return serverFinishedFrame.clone();
    }

    @Override
    public byte[] clientRandom() {
        return clientRandom.clone();
    }

    @Override
    public byte[] serverRandom() {
        return serverRandom.clone();
    }

    @Override
    public byte[] serverShare() {
        return serverShare.clone();
    }
}
