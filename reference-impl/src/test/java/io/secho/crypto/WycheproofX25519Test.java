package io.secho.crypto;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.handshake.KeyAgreement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Wycheproof {@code x25519_test.json} (schema xdh_comp, fields public/private/shared, all 32 bytes) through
 * {@code X25519KeyExchange.fromPrivateKey(private).sharedSecret(public)}.
 *
 * <p>The spec accepts any 32-byte peer value and rejects only an all-zero shared secret. So:
 * <ul>
 *   <li>expected shared secret all zeros (flags ZeroSharedSecret / LowOrderPublic; all "acceptable") -&gt;
 *       ProtocolException with illegal_parameter;</li>
 *   <li>valid -&gt; the expected shared secret;</li>
 *   <li>other acceptable (Twist, NonCanonicalPublic, EdgeCase...) -&gt; accepted, and equal to the expected secret
 *       (RFC 7748 masks the top bit and reduces non-canonical u mod p, as Wycheproof expects);</li>
 *   <li>invalid (none in this file) -&gt; must be rejected with illegal_parameter.</li>
 * </ul>
 */
class WycheproofX25519Test {
    private static final String FILE = "x25519_test.json";
    private static final byte[] ZERO = new byte[32];

    @TestFactory
    List<DynamicTest> allVectors() {
        return WycheproofFiles.dynamicTests(FILE, this::vectors);
    }

    private List<DynamicTest> vectors(JsonObject root) {
        List<DynamicTest> tests = new ArrayList<>();
        int skipped = 0;
        int total = 0;
        int valid = 0;
        int invalid = 0;
        int acceptableAccepted = 0;
        int acceptableRejected = 0;
        for (JsonElement groupElement : root.getAsJsonArray("testGroups")) {
            JsonObject group = groupElement.getAsJsonObject();
            int groupSize = group.getAsJsonArray("tests").size();
            total += groupSize;
            if (!"curve25519".equals(group.get("curve").getAsString())) {
                skipped += groupSize;
                continue;
            }
            for (JsonElement testElement : group.getAsJsonArray("tests")) {
                JsonObject vector = testElement.getAsJsonObject();
                String result = vector.get("result").getAsString();
                boolean zeroShared = Arrays.equals(ZERO, WycheproofFiles.hex(vector, "shared"));
                switch (result) {
                    case "valid" -> valid++;
                    case "invalid" -> invalid++;
                    case "acceptable" -> {
                        if (zeroShared) {
                            acceptableRejected++;
                        } else {
                            acceptableAccepted++;
                        }
                    }
                    default -> fail("tcId " + vector.get("tcId") + ": unknown result '" + result + "'");
                }
                tests.add(DynamicTest.dynamicTest(name(vector), () -> check(vector)));
            }
        }
        assertEquals(root.get("numberOfTests").getAsInt(), total,
                FILE + ": numberOfTests in the header does not match the tests read");
        assertTrue(valid > 0, FILE + ": no valid curve25519 vector found");
        assertTrue(acceptableRejected > 0, FILE + ": no vector with an all-zero shared secret found");
        System.out.printf("%s: %d curve25519 vectors (%d valid, %d invalid, %d acceptable: %d all-zero secret"
                + " expected to be rejected, %d expected to be accepted), %d skipped%n", FILE, tests.size(), valid,
                invalid, acceptableAccepted + acceptableRejected, acceptableRejected, acceptableAccepted, skipped);
        return tests;
    }

    private static String name(JsonObject vector) {
        String comment = vector.get("comment").getAsString();
        return "tcId " + vector.get("tcId").getAsInt() + (comment.isEmpty() ? "" : ": " + comment)
                + " " + vector.get("flags") + " -> " + vector.get("result").getAsString();
    }

    private static void check(JsonObject vector) throws InvalidKeyShareException {
        String id = "tcId " + vector.get("tcId").getAsInt() + " " + vector.get("flags");
        byte[] privateKey = WycheproofFiles.hex(vector, "private");
        byte[] publicKey = WycheproofFiles.hex(vector, "public");
        byte[] shared = WycheproofFiles.hex(vector, "shared");
        String result = vector.get("result").getAsString();
        X25519KeyExchange exchange = X25519KeyExchange.fromPrivateKey(privateKey);
        if ("invalid".equals(result) || Arrays.equals(ZERO, shared)) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> KeyAgreement.sharedSecret(exchange, publicKey),
                    id + ": a peer value giving an all-zero (or invalid) shared secret must be rejected");
            assertEquals(AlertCode.ILLEGAL_PARAMETER, e.alert(), id + ": wrong alert for a rejected X25519 share");
            return;
        }
        assertArrayEquals(shared, exchange.sharedSecret(publicKey),
                id + ": " + result + " vector must be accepted with exactly the expected shared secret");
    }
}
