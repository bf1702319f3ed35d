package io.secho.conformance.peer;

import java.nio.charset.StandardCharsets;

/** The key schedule of Section 7, value by value. */
public final class KeySchedule {
    /** The HKDF-Extract salt, {@code "secho v1"} (Table 10). */
    public static final byte[] EXTRACT_SALT = ascii("secho v1");
    public static final String LABEL_C2S_KEY = "c2s key";
    public static final String LABEL_S2C_KEY = "s2c key";
    public static final String LABEL_C2S_SALT = "c2s salt";
    public static final String LABEL_S2C_SALT = "s2c salt";
    public static final String LABEL_CLIENT_FINISHED = "c finished";
    public static final String LABEL_SERVER_FINISHED = "s finished";
    private static final int KEY_LENGTH = AesGcm.KEY_LENGTH;
    private static final int FINISHED_KEY_LENGTH = 32;

    private KeySchedule() {
    }

    /**
     * REQ-KS-1 to REQ-KS-3: th1 over the exact frames (headers included), prk from the secret with its
     * leading zeros, and the six expansions with the labels of Table 10 followed directly by th1.
     */
    public static SessionSecrets derive(byte[] secret, byte[] clientHelloFrame, byte[] serverHelloFrame) {
        byte[] th1 = Sha256.hash(clientHelloFrame, serverHelloFrame);
        byte[] prk = Hkdf.extract(EXTRACT_SALT, secret);
        TrafficKeys c2s = new TrafficKeys(expand(prk, LABEL_C2S_KEY, th1, KEY_LENGTH),
                expand(prk, LABEL_C2S_SALT, th1, FrameLimits.SALT_LENGTH));
        TrafficKeys s2c = new TrafficKeys(expand(prk, LABEL_S2C_KEY, th1, KEY_LENGTH),
                expand(prk, LABEL_S2C_SALT, th1, FrameLimits.SALT_LENGTH));
        byte[] clientFinishedKey = expand(prk, LABEL_CLIENT_FINISHED, th1, FINISHED_KEY_LENGTH);
        byte[] serverFinishedKey = expand(prk, LABEL_SERVER_FINISHED, th1, FINISHED_KEY_LENGTH);
        // REQ-FIN-1: server verify_data = HMAC-SHA256(s_fin, th1).
        byte[] serverVerifyData = HmacSha256.mac(serverFinishedKey, th1);
        return new SessionSecrets(th1, prk, c2s, s2c, clientFinishedKey, serverFinishedKey, serverVerifyData);
    }

    /** th2 = SHA-256(CH || SH || SF), over the frames as sent or received (REQ-KS-1). */
    public static byte[] transcriptHash2(byte[] clientHelloFrame, byte[] serverHelloFrame, byte[] serverFinishedFrame) {
        return Sha256.hash(clientHelloFrame, serverHelloFrame, serverFinishedFrame);
    }

    /** REQ-FIN-4: client verify_data = HMAC-SHA256(c_fin, th2). */
    public static byte[] clientVerifyData(SessionSecrets secrets, byte[] transcriptHash2) {
        return HmacSha256.mac(secrets.clientFinishedKey(), transcriptHash2);
    }

    /** The client's Finished frame for a transcript (REQ-FIN-4). */
    public static Frame clientFinished(SessionSecrets secrets, byte[] clientHelloFrame, byte[] serverHelloFrame,
                                       byte[] serverFinishedFrame) {
        byte[] th2 = transcriptHash2(clientHelloFrame, serverHelloFrame, serverFinishedFrame);
        return new Finished(clientVerifyData(secrets, th2)).toFrame();
    }

    /** HKDF-Expand(prk, label || th1, length): no separator, no length prefix (Section 7). */
    static byte[] expand(byte[] prk, String label, byte[] th1, int length) {
        byte[] labelBytes = ascii(label);
        byte[] info = new byte[labelBytes.length + th1.length];
        System.arraycopy(labelBytes, 0, info, 0, labelBytes.length);
        System.arraycopy(th1, 0, info, labelBytes.length, th1.length);
        return Hkdf.expand(prk, info, length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
