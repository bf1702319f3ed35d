package io.secho.crypto;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.crypto.AEADBadTagException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Wycheproof {@code aes_gcm_test.json} through {@link AesGcm}. Only the groups that match what Secho uses
 * (256-bit key, 96-bit IV, 128-bit tag) apply; other key, IV and tag sizes are counted and skipped.
 *
 * <p>valid: seal must give exactly ct||tag and open must give msg. invalid: open must throw
 * {@link AEADBadTagException}. acceptable: the file (commit dac1dd47) has none in the applicable groups; should one
 * appear, open must either throw {@link AEADBadTagException} or return msg, and in the latter case seal must
 * reproduce ct||tag.
 */
class WycheproofAesGcmTest {
    private static final String FILE = "aes_gcm_test.json";

    @TestFactory
    List<DynamicTest> applicableVectors() {
        return WycheproofFiles.dynamicTests(FILE, this::vectors);
    }

    private List<DynamicTest> vectors(JsonObject root) {
        List<DynamicTest> tests = new ArrayList<>();
        int total = 0;
        int skipped = 0;
        int valid = 0;
        int invalid = 0;
        int acceptable = 0;
        for (JsonElement groupElement : root.getAsJsonArray("testGroups")) {
            JsonObject group = groupElement.getAsJsonObject();
            int groupSize = group.getAsJsonArray("tests").size();
            total += groupSize;
            if (group.get("keySize").getAsInt() != 256 || group.get("ivSize").getAsInt() != 96
                    || group.get("tagSize").getAsInt() != 128) {
                skipped += groupSize;
                continue;
            }
            for (JsonElement testElement : group.getAsJsonArray("tests")) {
                JsonObject vector = testElement.getAsJsonObject();
                String result = vector.get("result").getAsString();
                switch (result) {
                    case "valid" -> valid++;
                    case "invalid" -> invalid++;
                    case "acceptable" -> acceptable++;
                    default -> fail("tcId " + vector.get("tcId") + ": unknown result '" + result + "'");
                }
                tests.add(DynamicTest.dynamicTest(name(vector), () -> check(vector)));
            }
        }
        assertEquals(root.get("numberOfTests").getAsInt(), total,
                FILE + ": numberOfTests in the header does not match the tests read");
        assertTrue(tests.size() > 0, FILE + ": no test group with keySize 256, ivSize 96, tagSize 128");
        assertTrue(valid > 0 && invalid > 0, FILE + ": expected both valid and invalid AES-256-GCM vectors, got "
                + valid + " valid, " + invalid + " invalid");
        System.out.printf("%s: %d applicable AES-256-GCM/96-bit IV/128-bit tag vectors (%d valid, %d invalid,"
                + " %d acceptable), %d of %d skipped for other sizes%n",
                FILE, tests.size(), valid, invalid, acceptable, skipped, total);
        return tests;
    }

    private static String name(JsonObject vector) {
        String comment = vector.get("comment").getAsString();
        return "tcId " + vector.get("tcId").getAsInt() + (comment.isEmpty() ? "" : ": " + comment)
                + " " + vector.get("flags") + " -> " + vector.get("result").getAsString();
    }

    private static void check(JsonObject vector) throws AEADBadTagException {
        String id = "tcId " + vector.get("tcId").getAsInt();
        byte[] key = WycheproofFiles.hex(vector, "key");
        byte[] iv = WycheproofFiles.hex(vector, "iv");
        byte[] aad = WycheproofFiles.hex(vector, "aad");
        byte[] msg = WycheproofFiles.hex(vector, "msg");
        byte[] sealed = concat(WycheproofFiles.hex(vector, "ct"), WycheproofFiles.hex(vector, "tag"));
        switch (vector.get("result").getAsString()) {
            case "valid" -> {
                assertArrayEquals(sealed, new AesGcm(key).seal(iv, aad, msg),
                        id + ": seal(iv, aad, msg) must be exactly ct||tag");
                assertArrayEquals(msg, new AesGcm(key).open(iv, aad, sealed),
                        id + ": open(iv, aad, ct||tag) must return msg");
            }
            case "invalid" -> {
                AesGcm aes = new AesGcm(key);
                assertThrows(AEADBadTagException.class, () -> aes.open(iv, aad, sealed),
                        id + ": open of an invalid ciphertext must throw AEADBadTagException, not return plaintext");
            }
            case "acceptable" -> {
                byte[] opened;
                try {
                    opened = new AesGcm(key).open(iv, aad, sealed);
                } catch (AEADBadTagException rejected) {
                    return; // rejecting an "acceptable" vector is allowed
                }
                assertArrayEquals(msg, opened, id + ": acceptable vector was accepted, so open must return msg");
                assertArrayEquals(sealed, new AesGcm(key).seal(iv, aad, msg),
                        id + ": acceptable vector was accepted, so seal must reproduce ct||tag");
            }
            default -> fail(id + ": unknown result " + vector.get("result"));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
