package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** REQ-KEX-11: what a PSK file may hold, and that a refusal never shows the content. */
class PreSharedKeyFileTest {
    private static final String DIGITS = "00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @TempDir
    Path dir;

    @Test
    void accepted() throws IOException {
        byte[] key = Hex.decode(DIGITS);
        for (String content : new String[] {DIGITS, DIGITS + "\n", DIGITS + "\r\n", DIGITS.toUpperCase()}) {
            assertArrayEquals(key, PreSharedKey.fromFile(write(content)).bytes(), content.length() + " bytes");
        }
        PreSharedKey psk = PreSharedKey.of(key);
        assertArrayEquals(key, PreSharedKey.fromFile(Files.write(dir.resolve("own"), psk.fileContent())).bytes());
    }

    @Test
    void refusedWithoutShowingTheContent() throws IOException {
        for (String content : new String[] {"", DIGITS.substring(1), DIGITS + "0", DIGITS + "\n\n", DIGITS + " ",
                " " + DIGITS, "\ufeff" + DIGITS, DIGITS + "\r", DIGITS.substring(2) + "0g", "0x" + DIGITS.substring(2),
                DIGITS + "\n" + DIGITS}) {
            Path file = write(content);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreSharedKey.fromFile(file),
                    content);
            assertFalse(e.getMessage().contains(DIGITS.substring(8, 24)), e.getMessage());
        }
        assertFalse(PreSharedKey.of(Hex.decode(DIGITS)).toString().contains("0011"));
    }

    private Path write(String content) throws IOException {
        return Files.write(Files.createTempFile(dir, "psk", ".key"), content.getBytes(StandardCharsets.UTF_8));
    }
}
