package io.secho.keyschedule;

import io.secho.insecure.InsecureDeterministicRandomBytes;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KeyScheduleTest {
    private final InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("key schedule");
    private final byte[] secret = random.nextBytes(32);
    private final byte[] clientHello = helloFrame(0x01, random.nextBytes(32), random.nextBytes(32));
    private final byte[] serverHello = helloFrame(0x02, random.nextBytes(32), random.nextBytes(32));

    @Test
    void deriveIsDeterministic() {
        Map<String, byte[]> first = outputs(KeySchedule.derive(secret, clientHello, serverHello));
        Map<String, byte[]> second = outputs(KeySchedule.derive(secret.clone(), clientHello.clone(), serverHello.clone()));
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), second.get(name), name + " must be the same for the same inputs");
        }
    }

    @Test
    void outputLengths() {
        Map<String, byte[]> out = outputs(KeySchedule.derive(secret, clientHello, serverHello));
        Map<String, Integer> expected = Map.of("th1", 32, "prk", 32, "c2s key", 32, "c2s salt", 4, "s2c key", 32,
                "s2c salt", 4, "c finished", 32, "s finished", 32, "server verify_data", 32);
        for (Map.Entry<String, Integer> length : expected.entrySet()) {
            assertEquals(length.getValue(), out.get(length.getKey()).length, length.getKey() + " length");
        }
    }

    @Test
    void allDerivedValuesDiffer() {
        Map<String, byte[]> out = outputs(KeySchedule.derive(secret, clientHello, serverHello));
        List<String> names = List.copyOf(out.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                byte[] a = out.get(names.get(i));
                byte[] b = out.get(names.get(j));
                int common = Math.min(a.length, b.length);
                assertFalse(Arrays.equals(Arrays.copyOf(a, common), Arrays.copyOf(b, common)),
                        names.get(i) + " and " + names.get(j) + " must differ (compared on their first "
                                + common + " bytes)");
            }
        }
    }

    @Test
    void changingOneByteOfEitherHelloChangesEveryTranscriptBoundOutput() {
        Map<String, byte[]> base = outputs(KeySchedule.derive(secret, clientHello, serverHello));
        for (boolean changeClient : new boolean[] {true, false}) {
            byte[] frame = changeClient ? clientHello : serverHello;
            for (int index : new int[] {0, 1, 2, 3, 5, 6, 38, frame.length - 1}) {
                byte[] modified = frame.clone();
                modified[index] ^= 0x01;
                SessionSecrets changed = changeClient
                        ? KeySchedule.derive(secret, modified, serverHello)
                        : KeySchedule.derive(secret, clientHello, modified);
                Map<String, byte[]> out = outputs(changed);
                String where = (changeClient ? "ClientHello" : "ServerHello") + " byte " + index + " flipped";
                for (Map.Entry<String, byte[]> value : out.entrySet()) {
                    if (value.getKey().equals("prk")) {
                        // by design: PRK = HKDF-Extract("secho v1", secret) does not depend on the transcript
                        assertArrayEquals(base.get("prk"), value.getValue(), where + ": prk must not change");
                    } else {
                        assertFalse(Arrays.equals(base.get(value.getKey()), value.getValue()),
                                where + ": " + value.getKey() + " must change");
                    }
                }
            }
        }
    }

    @Test
    void changingTheSecretChangesEveryKey() {
        byte[] otherSecret = secret.clone();
        otherSecret[0] ^= 0x01;
        Map<String, byte[]> base = outputs(KeySchedule.derive(secret, clientHello, serverHello));
        Map<String, byte[]> out = outputs(KeySchedule.derive(otherSecret, clientHello, serverHello));
        for (Map.Entry<String, byte[]> value : out.entrySet()) {
            if (value.getKey().equals("th1")) {
                assertArrayEquals(base.get("th1"), value.getValue(), "th1 depends only on the hellos");
            } else {
                assertFalse(Arrays.equals(base.get(value.getKey()), value.getValue()),
                        "a different secret must change " + value.getKey());
            }
        }
    }

    @Test
    void matchesIndependentBouncyCastleHkdf() throws GeneralSecurityException {
        SessionSecrets secrets = KeySchedule.derive(secret, clientHello, serverHello);
        byte[] th1 = MessageDigest.getInstance("SHA-256").digest(concat(clientHello, serverHello));
        assertArrayEquals(th1, secrets.transcriptHash1(), "th1 must be SHA-256(CH || SH)");

        Map<String, byte[]> out = outputs(secrets);
        Map<String, Integer> labels = new LinkedHashMap<>();
        labels.put("c2s key", 32);
        labels.put("s2c key", 32);
        labels.put("c2s salt", 4);
        labels.put("s2c salt", 4);
        labels.put("c finished", 32);
        labels.put("s finished", 32);
        for (Map.Entry<String, Integer> label : labels.entrySet()) {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(secret, ascii("secho v1"), concat(ascii(label.getKey()), th1)));
            byte[] expected = new byte[label.getValue()];
            hkdf.generateBytes(expected, 0, expected.length);
            assertArrayEquals(expected, out.get(label.getKey()), label.getKey()
                    + " must be HKDF(salt \"secho v1\", IKM secret, info \"" + label.getKey() + "\" || th1)");
        }
    }

    @Test
    void verifyDataIsHmacOfTranscriptHashes() throws GeneralSecurityException {
        SessionSecrets secrets = KeySchedule.derive(secret, clientHello, serverHello);
        byte[] th1 = MessageDigest.getInstance("SHA-256").digest(concat(clientHello, serverHello));
        assertArrayEquals(hmac(secrets.serverFinishedKey(), th1), secrets.serverVerifyData(),
                "server verify_data must be HMAC-SHA256(s finished key, th1)");

        byte[] serverFinished = concat(new byte[] {0x03, 0x00, 0x20}, secrets.serverVerifyData());
        byte[] th2 = MessageDigest.getInstance("SHA-256").digest(concat(concat(clientHello, serverHello),
                serverFinished));
        assertArrayEquals(th2, KeySchedule.transcriptHash2(clientHello, serverHello, serverFinished),
                "th2 must be SHA-256(CH || SH || SF)");
        assertArrayEquals(hmac(secrets.clientFinishedKey(), th2), KeySchedule.clientVerifyData(secrets, th2),
                "client verify_data must be HMAC-SHA256(c finished key, th2)");
    }

    private static Map<String, byte[]> outputs(SessionSecrets secrets) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("th1", secrets.transcriptHash1());
        out.put("prk", secrets.pseudoRandomKey());
        out.put("c2s key", secrets.clientToServer().key());
        out.put("c2s salt", secrets.clientToServer().salt());
        out.put("s2c key", secrets.serverToClient().key());
        out.put("s2c salt", secrets.serverToClient().salt());
        out.put("c finished", secrets.clientFinishedKey());
        out.put("s finished", secrets.serverFinishedKey());
        out.put("server verify_data", secrets.serverVerifyData());
        return out;
    }

    /** A whole x25519 hello frame: type || u16 length || version 0001 || suite 01 || random || u16 32 || share. */
    private static byte[] helloFrame(int type, byte[] random, byte[] share) {
        int bodyLength = 2 + 1 + 32 + 2 + share.length;
        byte[] frame = new byte[3 + bodyLength];
        frame[0] = (byte) type;
        frame[1] = (byte) (bodyLength >>> 8);
        frame[2] = (byte) bodyLength;
        frame[3] = 0x00;
        frame[4] = 0x01;
        frame[5] = 0x01;
        System.arraycopy(random, 0, frame, 6, 32);
        frame[38] = (byte) (share.length >>> 8);
        frame[39] = (byte) share.length;
        System.arraycopy(share, 0, frame, 40, share.length);
        return frame;
    }

    private static byte[] hmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
