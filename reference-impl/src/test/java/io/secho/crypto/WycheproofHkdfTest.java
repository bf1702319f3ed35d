package io.secho.crypto;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Wycheproof {@code hkdf_sha256_test.json} through {@code Hkdf.expand(Hkdf.extract(salt, ikm), info, size)}.
 * valid: okm must match. invalid (SizeTooLarge: 8161 bytes): IllegalArgumentException. EmptySalt vectors also
 * check RFC 5869 section 2.2: an empty salt is the same as HashLen (32) zero bytes.
 */
class WycheproofHkdfTest {
    private static final String FILE = "hkdf_sha256_test.json";

    @TestFactory
    List<DynamicTest> allVectors() {
        return WycheproofFiles.dynamicTests(FILE, this::vectors);
    }

    private List<DynamicTest> vectors(JsonObject root) {
        List<DynamicTest> tests = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        int acceptable = 0;
        int emptySalt = 0;
        for (JsonElement groupElement : root.getAsJsonArray("testGroups")) {
            for (JsonElement testElement : groupElement.getAsJsonObject().getAsJsonArray("tests")) {
                JsonObject vector = testElement.getAsJsonObject();
                String result = vector.get("result").getAsString();
                switch (result) {
                    case "valid" -> valid++;
                    case "invalid" -> invalid++;
                    case "acceptable" -> acceptable++;
                    default -> fail("tcId " + vector.get("tcId") + ": unknown result '" + result + "'");
                }
                if (vector.get("salt").getAsString().isEmpty()) {
                    emptySalt++;
                }
                tests.add(DynamicTest.dynamicTest(name(vector), () -> check(vector)));
            }
        }
        assertEquals(root.get("numberOfTests").getAsInt(), tests.size(),
                FILE + ": numberOfTests in the header does not match the tests read");
        assertTrue(valid > 0 && invalid > 0, FILE + ": expected valid and invalid vectors, got " + valid
                + " valid, " + invalid + " invalid");
        assertTrue(emptySalt > 0, FILE + ": expected some empty-salt vectors");
        System.out.printf("%s: %d vectors (%d valid, %d invalid, %d acceptable; %d with an empty salt)%n",
                FILE, tests.size(), valid, invalid, acceptable, emptySalt);
        return tests;
    }

    private static String name(JsonObject vector) {
        String comment = vector.get("comment").getAsString();
        return "tcId " + vector.get("tcId").getAsInt() + (comment.isEmpty() ? "" : ": " + comment)
                + " " + vector.get("flags") + " size " + vector.get("size").getAsInt()
                + " -> " + vector.get("result").getAsString();
    }

    private static void check(JsonObject vector) {
        String id = "tcId " + vector.get("tcId").getAsInt() + " " + vector.get("flags");
        byte[] ikm = WycheproofFiles.hex(vector, "ikm");
        byte[] salt = WycheproofFiles.hex(vector, "salt");
        byte[] info = WycheproofFiles.hex(vector, "info");
        int size = vector.get("size").getAsInt();
        String result = vector.get("result").getAsString();
        byte[] prk = Hkdf.extract(salt, ikm);
        assertEquals(32, prk.length, id + ": HKDF-Extract must give a 32-byte PRK");
        if (salt.length == 0) {
            assertArrayEquals(Hkdf.extract(new byte[32], ikm), prk,
                    id + ": RFC 5869 2.2: an empty salt must act as 32 zero bytes");
        }
        switch (result) {
            case "valid" -> assertArrayEquals(WycheproofFiles.hex(vector, "okm"), Hkdf.expand(prk, info, size),
                    id + ": HKDF-Expand output (" + size + " bytes) does not match okm");
            case "invalid" -> assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(prk, info, size),
                    id + ": HKDF-Expand must reject output size " + size + " with IllegalArgumentException");
            case "acceptable" -> {
                // none in this file; if accepted, the output must still be the expected one
                byte[] okm;
                try {
                    okm = Hkdf.expand(prk, info, size);
                } catch (IllegalArgumentException rejected) {
                    return;
                }
                assertArrayEquals(WycheproofFiles.hex(vector, "okm"), okm, id + ": accepted, so okm must match");
            }
            default -> fail(id + ": unknown result " + result);
        }
    }
}
