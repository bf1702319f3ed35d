package io.secho.conformance.peer;

/** Everything Section 7 derives before th2: th1, prk, both directions' keys and salts, both finished keys. */
public record SessionSecrets(
        byte[] transcriptHash1,
        byte[] pseudoRandomKey,
        TrafficKeys clientToServer,
        TrafficKeys serverToClient,
        byte[] clientFinishedKey,
        byte[] serverFinishedKey,
        byte[] serverVerifyData) {

    public SessionSecrets {
        transcriptHash1 = transcriptHash1.clone();
        pseudoRandomKey = pseudoRandomKey.clone();
        clientFinishedKey = clientFinishedKey.clone();
        serverFinishedKey = serverFinishedKey.clone();
        serverVerifyData = serverVerifyData.clone();
    }

    @Override
    public byte[] transcriptHash1() {
        return transcriptHash1.clone();
    }

    @Override
    public byte[] pseudoRandomKey() {
        return pseudoRandomKey.clone();
    }

    @Override
    public byte[] clientFinishedKey() {
        return clientFinishedKey.clone();
    }

    @Override
    public byte[] serverFinishedKey() {
        return serverFinishedKey.clone();
    }

    @Override
    public byte[] serverVerifyData() {
        return serverVerifyData.clone();
    }

    /** REQ-KS-4: the keys of records travelling in {@code direction}. */
    public TrafficKeys keys(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    /** The server's Finished frame, {@code 03 00 20 || HMAC-SHA256(s_fin, th1)} (REQ-FIN-1). */
    public Frame serverFinished() {
        return new Finished(serverVerifyData).toFrame();
    }

    @Override
    public String toString() {
        return "SessionSecrets[not shown]";
    }
}
