package io.secho.conformance.peer;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** The key schedule of Section 7, driven by Table 10. */
public final class KeySchedule {
    /** The HKDF-Extract salt, {@code "secho v1"} (Table 10). */
    public static final byte[] EXTRACT_SALT = "secho v1".getBytes(StandardCharsets.US_ASCII);

    /** The six HKDF-Expand outputs of Table 10: each label and output length. */
    public enum Label {
        C2S_KEY("c2s key", AesGcm.KEY_LENGTH),
        S2C_KEY("s2c key", AesGcm.KEY_LENGTH),
        C2S_SALT("c2s salt", FrameLimits.SALT_LENGTH),
        S2C_SALT("s2c salt", FrameLimits.SALT_LENGTH),
        C_FINISHED("c finished", HmacSha256.MAC_LENGTH),
        S_FINISHED("s finished", HmacSha256.MAC_LENGTH);

        private final String text;
        private final int outputLength;

        Label(String text, int outputLength) {
            this.text = text;
            this.outputLength = outputLength;
        }

        /** The label's ASCII bytes, with no length prefix or terminator (Section 2.2). */
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.US_ASCII);
        }

        public int outputLength() {
            return outputLength;
        }
    }

    private KeySchedule() {
    }

    /**
     * REQ-KS-1 to REQ-KS-3: th1 over the exact frames (headers included), prk from the secret with every
     * leading zero byte, then one HKDF-Expand per row of Table 10 with {@code info = label || th1}.
     */
    public static SessionSecrets derive(byte[] secret, byte[] clientHelloFrame, byte[] serverHelloFrame) {
        byte[] th1 = Sha256.hash(clientHelloFrame, serverHelloFrame);
        byte[] prk = Hkdf.extract(EXTRACT_SALT, secret);
        Map<Label, byte[]> outputs = new EnumMap<>(Label.class);
        for (Label label : Label.values()) {
            byte[] labelBytes = label.bytes();
            byte[] info = new byte[labelBytes.length + th1.length];
            System.arraycopy(labelBytes, 0, info, 0, labelBytes.length);
            System.arraycopy(th1, 0, info, labelBytes.length, th1.length);
            outputs.put(label, Hkdf.expand(prk, info, label.outputLength()));
        }
        return new SessionSecrets(th1, prk, outputs);
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
}
