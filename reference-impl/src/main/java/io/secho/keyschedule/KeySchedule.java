package io.secho.keyschedule;

import io.secho.crypto.Hkdf;
import io.secho.crypto.HmacSha256;
import io.secho.crypto.Sha256;

import java.nio.charset.StandardCharsets;

/**
 * The Secho v1 key schedule (spec: "Key schedule"). Every derived value binds the transcript hash of
 * both hellos, so two sessions never share a key even when the secret (a PSK) is the same.
 */
public final class KeySchedule {
    public static final byte[] EXTRACT_SALT = ascii("secho v1");
    public static final String LABEL_C2S_KEY = "c2s key";
    public static final String LABEL_S2C_KEY = "s2c key";
    public static final String LABEL_C2S_SALT = "c2s salt";
    public static final String LABEL_S2C_SALT = "s2c salt";
    public static final String LABEL_CLIENT_FINISHED = "c finished";
    public static final String LABEL_SERVER_FINISHED = "s finished";
    private static final int KEY_LENGTH = 32;

    private KeySchedule() {
    }

    /**
     * @param secret the agreed secret (x25519: 32 bytes, modp2048: 256 bytes) or the PSK
     * @param clientHelloFrame the whole ClientHello frame, header included, as sent
     * @param serverHelloFrame the whole ServerHello frame, header included, as sent
     */
    // REQ-KS-1, REQ-KS-2, REQ-KS-3, REQ-FIN-1: th1, prk and every derived key and salt exactly as Section 7.
    public static SessionSecrets derive(byte[] secret, byte[] clientHelloFrame, byte[] serverHelloFrame) {
        byte[] th1 = Sha256.hash(clientHelloFrame, serverHelloFrame);
        byte[] prk = Hkdf.extract(EXTRACT_SALT, secret);
        TrafficKeys c2s = new TrafficKeys(expand(prk, LABEL_C2S_KEY, th1, KEY_LENGTH),
                expand(prk, LABEL_C2S_SALT, th1, TrafficKeys.SALT_LENGTH));
        TrafficKeys s2c = new TrafficKeys(expand(prk, LABEL_S2C_KEY, th1, KEY_LENGTH),
                expand(prk, LABEL_S2C_SALT, th1, TrafficKeys.SALT_LENGTH));
        byte[] clientFinishedKey = expand(prk, LABEL_CLIENT_FINISHED, th1, KEY_LENGTH);
        byte[] serverFinishedKey = expand(prk, LABEL_SERVER_FINISHED, th1, KEY_LENGTH);
        byte[] serverVerifyData = HmacSha256.mac(serverFinishedKey, th1);
        return new SessionSecrets(th1, prk, c2s, s2c, clientFinishedKey, serverFinishedKey, serverVerifyData);
    }

    /** th2 = SHA-256(ClientHello || ServerHello || server Finished), all whole frames. */
    public static byte[] transcriptHash2(byte[] clientHelloFrame, byte[] serverHelloFrame, byte[] serverFinishedFrame) {
        return Sha256.hash(clientHelloFrame, serverHelloFrame, serverFinishedFrame);
    }

    // REQ-FIN-4, REQ-KS-1: the client's verify_data over th2.
    public static byte[] clientVerifyData(SessionSecrets secrets, byte[] transcriptHash2) {
        return HmacSha256.mac(secrets.clientFinishedKey(), transcriptHash2);
    }

    static byte[] expand(byte[] prk, String label, byte[] transcriptHash, int length) {
        byte[] labelBytes = ascii(label);
        byte[] info = new byte[labelBytes.length + transcriptHash.length];
        System.arraycopy(labelBytes, 0, info, 0, labelBytes.length);
        System.arraycopy(transcriptHash, 0, info, labelBytes.length, transcriptHash.length);
        return Hkdf.expand(prk, info, length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
