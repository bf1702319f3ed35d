package io.secho.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreSharedKeyTest {
    /** Distinctive digits, so that a leak of any part of the key into a message is easy to spot. */
    private static final String KEY_HEX = "c0ffee0123456789abcdef9876543210deadbeefcafef00d0badc0de13572468";
    private static final byte[] KEY = HexFormat.of().parseHex(KEY_HEX);

    @Test
    void fromHexAccepts64DigitsWithSurroundingWhiteSpace() {
        for (String text : new String[] {KEY_HEX, KEY_HEX + "\n", "  " + KEY_HEX + "\r\n", "\t\n" + KEY_HEX + " \n",
                KEY_HEX.toUpperCase(Locale.ROOT)}) {
            assertArrayEquals(KEY, PreSharedKey.fromHex(text).bytes(),
                    "fromHex must accept 64 hex digits with surrounding white space: " + escape(text));
        }
    }

    @Test
    void fromHexRejectsBadInputWithoutEchoingIt() {
        String[] bad = {
            KEY_HEX.substring(0, 63),                       // 63 digits
            KEY_HEX + "a",                                  // 65 digits
            KEY_HEX.substring(0, 62) + "zz",                // non-hex
            "0x" + KEY_HEX.substring(0, 62),                // 64 characters, prefix is not hex
            KEY_HEX.substring(0, 32) + " " + KEY_HEX.substring(33), // inner space
            KEY_HEX.substring(0, 63) + "\u0661",            // Arabic-Indic digit one
            "",
        };
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PreSharedKey.fromHex(text), "fromHex must reject: " + escape(text));
            assertNoKeyMaterial(e.getMessage(), "rejection message for " + escape(text));
        }
    }

    @Test
    void toStringNeverShowsTheKey() {
        PreSharedKey key = PreSharedKey.fromHex(KEY_HEX);
        assertNoKeyMaterial(key.toString(), "PreSharedKey.toString()");
        assertNoKeyMaterial(String.valueOf(key), "String.valueOf(PreSharedKey)");
    }

    @Test
    void fromFileReadsTheKey(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("psk.hex"), KEY_HEX + "\n", StandardCharsets.US_ASCII);
        assertEquals(PreSharedKey.fromHex(KEY_HEX), PreSharedKey.fromFile(file),
                "fromFile must read the same key as fromHex (trailing newline ignored)");
        assertArrayEquals(KEY, PreSharedKey.fromFile(file).bytes(), "fromFile must decode the 32 key bytes");
    }

    @Test
    void fromFileRejectsBadContentNamingTheFileButNotTheKey(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("short.hex"), KEY_HEX.substring(0, 63) + "\n",
                StandardCharsets.US_ASCII);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreSharedKey.fromFile(file),
                "fromFile must reject a file with 63 hex digits");
        assertTrue(e.getMessage().contains("short.hex"), "the message must name the file, was: " + e.getMessage());
        assertNoKeyMaterial(e.getMessage(), "fromFile rejection message");
    }

    /** REQ-KEX-11: 64 hex digits in either case, then at most one LF or CRLF; nothing else. */
    @Test
    void fromFileAcceptsExactlyTheDigitsAndOneLineEnd(@TempDir Path directory) throws IOException {
        String upper = KEY_HEX.toUpperCase(Locale.ROOT);
        for (String text : new String[] {KEY_HEX, KEY_HEX + "\n", KEY_HEX + "\r\n", upper, upper + "\n"}) {
            Path file = Files.writeString(directory.resolve("good.hex"), text, StandardCharsets.US_ASCII);
            assertArrayEquals(KEY, PreSharedKey.fromFile(file).bytes(), "must accept " + escape(text));
        }
    }

    @Test
    void fromFileRejectsEverythingElseWithoutShowingIt(@TempDir Path directory) throws IOException {
        String[] bad = {
            KEY_HEX + "\n\n",                 // two line ends
            KEY_HEX + "\r",                   // a lone CR
            KEY_HEX + "\n\r\n",
            " " + KEY_HEX + "\n",              // leading space
            KEY_HEX + " \n",                  // trailing space
            "\n" + KEY_HEX,                   // leading line end
            KEY_HEX + "\t",
            KEY_HEX + "\n" + KEY_HEX + "\n",   // a second line
            KEY_HEX.substring(0, 63) + "\n",
            KEY_HEX + "0\n",
            "",
            "\n",
        };
        for (String text : bad) {
            Path file = Files.writeString(directory.resolve("bad.hex"), text, StandardCharsets.US_ASCII);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreSharedKey.fromFile(file),
                    "fromFile must reject " + escape(text));
            assertTrue(e.getMessage().contains("bad.hex: a PSK file must hold exactly 64 hex digits, optionally "
                    + "followed by one line end (LF or CRLF)"), e.getMessage());
            assertNoKeyMaterial(e.getMessage(), "the message for " + escape(text));
        }
    }

    /** Some editors start a UTF-8 file with a byte-order mark: REQ-KEX-11 allows none, and the message says so. */
    @Test
    void fromFileRejectsAUtf8ByteOrderMarkSayingSo(@TempDir Path directory) throws IOException {
        byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] digits = (KEY_HEX + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[mark.length + digits.length];
        System.arraycopy(mark, 0, content, 0, mark.length);
        System.arraycopy(digits, 0, content, mark.length, digits.length);
        Path file = Files.write(directory.resolve("bom.hex"), content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreSharedKey.fromFile(file));
        assertTrue(e.getMessage().contains("byte-order mark"), e.getMessage());
        assertNoKeyMaterial(e.getMessage(), "the message for a file with a byte-order mark");
    }

    @Test
    void fromFileSaysWhenTheFileIsNotTextOrFarTooLarge(@TempDir Path directory) throws IOException {
        Path utf16 = Files.writeString(directory.resolve("utf16.hex"), KEY_HEX, StandardCharsets.UTF_16);
        IllegalArgumentException notText = assertThrows(IllegalArgumentException.class,
                () -> PreSharedKey.fromFile(utf16));
        assertTrue(notText.getMessage().contains("the file is not plain text"), notText.getMessage());
        assertNoKeyMaterial(notText.getMessage(), "the message for a UTF-16 key file");

        Path large = Files.write(directory.resolve("large.hex"), new byte[1 << 20]);
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> PreSharedKey.fromFile(large));
        assertTrue(tooLarge.getMessage().contains("large.hex: more than 1024 bytes is no key file"),
                tooLarge.getMessage());
    }

    @Test
    void ofChecksLengthAndCopies() {
        assertThrows(IllegalArgumentException.class, () -> PreSharedKey.of(new byte[31]), "31 bytes must be rejected");
        assertThrows(IllegalArgumentException.class, () -> PreSharedKey.of(new byte[33]), "33 bytes must be rejected");
        byte[] input = KEY.clone();
        PreSharedKey key = PreSharedKey.of(input);
        input[0] ^= 1;
        key.bytes()[1] ^= 1;
        assertArrayEquals(KEY, key.bytes(), "the key must not change when the caller's arrays change");
        assertEquals(PreSharedKey.fromHex(KEY_HEX), key, "of(bytes) and fromHex(hex) of the same key must be equal");
        assertEquals(PreSharedKey.fromHex(KEY_HEX).hashCode(), key.hashCode(), "equal keys must have equal hash codes");
        byte[] other = KEY.clone();
        other[31] ^= 1;
        assertNotEquals(PreSharedKey.of(other), key, "keys differing in one bit must not be equal");
    }

    /** No 8-digit run of the key, in either case, may appear in the text. */
    private static void assertNoKeyMaterial(String text, String what) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 8 <= KEY_HEX.length(); i++) {
            String fragment = KEY_HEX.substring(i, i + 8);
            assertFalse(lower.contains(fragment), what + " must not contain key digits '" + fragment + "': " + text);
        }
    }

    private static String escape(String text) {
        return "\"" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }
}
