package io.secho.conformance.peer;

import java.util.EnumMap;
import java.util.Map;

/**
 * What Section 7 derives before th2: th1, prk and the six outputs of Table 10 by their labels. Accessors
 * hand out copies; {@link #toString()} shows nothing.
 */
public final class SessionSecrets {
    private final byte[] th1;
    private final byte[] prk;
    private final Map<KeySchedule.Label, byte[]> outputs;

    SessionSecrets(byte[] th1, byte[] prk, Map<KeySchedule.Label, byte[]> outputs) {
        this.th1 = th1.clone();
        this.prk = prk.clone();
        this.outputs = new EnumMap<>(outputs);
        if (this.outputs.size() != KeySchedule.Label.values().length) {
            throw new IllegalArgumentException("every output of Table 10 is needed");
        }
    }

    /** The output of one row of Table 10. */
    public byte[] output(KeySchedule.Label label) {
        return outputs.get(label).clone();
    }

    public byte[] transcriptHash1() {
        return th1.clone();
    }

    public byte[] pseudoRandomKey() {
        return prk.clone();
    }

    /** REQ-KS-4: the client seals with these, the server opens with them. */
    public TrafficKeys clientToServer() {
        return new TrafficKeys(output(KeySchedule.Label.C2S_KEY), output(KeySchedule.Label.C2S_SALT));
    }

    /** REQ-KS-4: the server seals with these, the client opens with them. */
    public TrafficKeys serverToClient() {
        return new TrafficKeys(output(KeySchedule.Label.S2C_KEY), output(KeySchedule.Label.S2C_SALT));
    }

    /** The keys of records travelling in {@code direction}. */
    public TrafficKeys keys(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? clientToServer() : serverToClient();
    }

    public byte[] clientFinishedKey() {
        return output(KeySchedule.Label.C_FINISHED);
    }

    public byte[] serverFinishedKey() {
        return output(KeySchedule.Label.S_FINISHED);
    }

    /** REQ-FIN-1: HMAC-SHA256(s_fin, th1). */
    public byte[] serverVerifyData() {
        return HmacSha256.mac(outputs.get(KeySchedule.Label.S_FINISHED), th1);
    }

    /** The server's Finished frame, {@code 03 00 20 || verify_data} (REQ-FIN-1). */
    public Frame serverFinished() {
        return new Finished(serverVerifyData()).toFrame();
    }

    @Override
    public String toString() {
        return "SessionSecrets[not shown]";
    }
}
