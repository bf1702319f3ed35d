package io.secho.lab;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabProfileOptionsTest {
    /** The arguments a profile prints (for a replay line) parse back into the same profile. */
    @Test
    void argumentsRoundTrip() {
        LabProfile dh = LabProfile.defaults(LabVariant.DH);
        for (LabProfile profile : List.of(dh, dh.withNonceLength(16).withAad(new byte[] {0x0a}).withHkdfInfo("x y")
                        .withKeyEncoding(LabProfile.KeyEncoding.DER).withKeyFormat(LabProfile.KeyFormat.X942)
                        .withServerSendsKeyFirst(true).withPlaintextReplies(true),
                LabProfile.defaults(LabVariant.SEC).withPlaintextReplies(true))) {
            List<String> arguments = LabProfileOptions.toArguments(profile);
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 2; i < arguments.size(); i++) {
                String option = arguments.get(i);
                boolean flag = i + 1 == arguments.size() || arguments.get(i + 1).startsWith("--");
                given.put(option, flag ? "true" : arguments.get(++i));
            }
            if (profile.variant() == LabVariant.SEC) {
                given.put(LabProfileOptions.KEY_FILE, "lab.key");
            }
            assertEquals(profile, LabProfileOptions.parse(given), String.join(" ", arguments));
        }
    }

    @Test
    void anEmptyHkdfInfoIsKeptEmpty() {
        assertEquals("", LabProfileOptions.parse(Map.of(LabProfileOptions.HKDF_INFO, "")).hkdfInfo());
        assertEquals(LabProfile.DEFAULT_HKDF_INFO, LabProfileOptions.parse(Map.of()).hkdfInfo());
    }

    @Test
    void theKeyFileFormatIsAutoUnlessGiven() {
        assertEquals(KeyFileFormat.AUTO, LabProfileOptions.keyFileFormat(Map.of(LabProfileOptions.KEY_FILE, "k")));
        assertEquals(KeyFileFormat.RAW, LabProfileOptions.keyFileFormat(Map.of(LabProfileOptions.KEY_FILE_FORMAT, "RAW")));
    }

    @Test
    void theVariantFollowsTheKeyFileUnlessGiven() {
        assertEquals(LabVariant.SEC, LabProfileOptions.parse(Map.of(LabProfileOptions.KEY_FILE, "k")).variant());
        assertEquals(LabVariant.DH, LabProfileOptions.parse(Map.of()).variant());
    }

    @Test
    void mistakesNameTheOption() {
        for (Map<String, String> given : List.of(Map.of("--nonce-length", "eleven"), Map.of("--nonce-length", "13"),
                Map.of("--aad", "0"), Map.of("--key-format", "rsa"), Map.of("--lab-variant", "tls"),
                Map.of("--key-file", "k", "--hkdf-info", "x"), Map.of("--plaintext-replies", "perhaps"),
                Map.of("--key-file", "k", "--key-file-format", "base64"), Map.of("--key-file-format", "raw"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabProfileOptions.parse(given));
            String option = given.keySet().stream().filter(o -> !o.equals("--key-file")).findFirst().orElseThrow();
            assertTrue(e.getMessage().startsWith(option), given + ": " + e.getMessage());
        }
    }
}
