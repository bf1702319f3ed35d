package io.secho.handshake;

import io.secho.keyschedule.SessionSecrets;

/**
 * What a completed handshake leaves behind: the suite, the four handshake frames exactly as they went on
 * the wire, and every derived secret (for the record layer, the worked example and the vectors).
 */
public record HandshakeResult(
        Suite suite,
        byte[] clientHelloFrame,
        byte[] serverHelloFrame,
        byte[] serverFinishedFrame,
        byte[] clientFinishedFrame,
        byte[] sharedSecret,
        SessionSecrets secrets,
        byte[] transcriptHash2) {

    public HandshakeResult {
        clientHelloFrame = clientHelloFrame.clone();
        serverHelloFrame = serverHelloFrame.clone();
        serverFinishedFrame = serverFinishedFrame.clone();
        clientFinishedFrame = clientFinishedFrame.clone();
        sharedSecret = sharedSecret.clone();
        transcriptHash2 = transcriptHash2.clone();
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
    public byte[] clientFinishedFrame() {
        return clientFinishedFrame.clone();
    }

    @Override
    public byte[] sharedSecret() {
        return sharedSecret.clone();
    }

    @Override
    public byte[] transcriptHash2() {
        return transcriptHash2.clone();
    }

    @Override
    public String toString() {
        return "HandshakeResult[" + suite + "]";
    }
}
