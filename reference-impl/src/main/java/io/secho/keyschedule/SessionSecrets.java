package io.secho.keyschedule;

/**
 * Everything the key schedule derives for one session. The worked example and the vectors print these;
 * nothing else should.
 */
// REQ-KS-4: each direction's key and salt, client to server and server to client.
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

    @Override
    public String toString() {
        return "SessionSecrets[redacted]";
    }
}
