package io.secho.lab;

import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabKeyTest {
    private static final byte[] RAW_32 = Hex.decode("f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff");

    @Test
    void readsRawBytesAndSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("key.bin"), RAW_32);
        LabKey key = LabKey.fromFile(file);
        assertArrayEquals(RAW_32, key.bytes());
        assertTrue(key.source().startsWith("raw bytes") && key.source().contains("AES-256"), key.source());
        Path short16 = Files.write(dir.resolve("key16.bin"), java.util.Arrays.copyOf(RAW_32, 16));
        assertEquals(16, LabKey.fromFile(short16).length());
    }

    @Test
    void readsHexTextWithANewlineAndSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("key.hex"), Hex.encode(RAW_32).toUpperCase() + "\n");
        LabKey key = LabKey.fromFile(file);
        assertArrayEquals(RAW_32, key.bytes());
        assertTrue(key.source().startsWith("hex text, 64 digits"), key.source());
        Path hex16 = Files.writeString(dir.resolve("key16.hex"), Hex.encode(RAW_32).substring(0, 32));
        LabKey aes128 = LabKey.fromFile(hex16);
        assertEquals(16, aes128.length());
        assertTrue(aes128.source().contains("AES-128"), aes128.source());
    }

    @Test
    void refusesOtherSizesWithAPreciseMessage(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("key.bin"), new byte[24]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabKey.fromFile(file));
        assertTrue(e.getMessage().contains("24 bytes") && e.getMessage().contains(file.toString()), e.getMessage());
        Path big = Files.write(dir.resolve("big"), new byte[5000]);
        assertThrows(IllegalArgumentException.class, () -> LabKey.fromFile(big));
    }

    /** 32 typed hex digits, as a lab program hard-codes its key: raw AES-256 or hex AES-128, and auto says so. */
    @Test
    void aFileThatIsBothRawAndHexIsReadAsHexByDefaultAndSaysItIsAmbiguous(@TempDir Path dir) throws IOException {
        byte[] typed = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("typed.key"), typed);
        LabKey auto = LabKey.fromFile(file);
        assertEquals(16, auto.length());
        assertTrue(auto.ambiguous());
        assertTrue(auto.source().contains("AMBIGUOUS") && auto.source().contains("--key-file-format raw|hex"),
                auto.source());
        LabKey raw = LabKey.fromFile(file, KeyFileFormat.RAW);
        assertArrayEquals(typed, raw.bytes());
        assertTrue(raw.source().startsWith("raw bytes: a 32-byte AES-256 key (--key-file-format raw)"), raw.source());
        LabKey hex = LabKey.fromFile(file, KeyFileFormat.HEX);
        assertArrayEquals(auto.bytes(), hex.bytes());
        assertFalse(hex.source().contains("AMBIGUOUS"), "a forced reading is settled: " + hex.source());
        Path unambiguous = Files.write(dir.resolve("random.key"), RAW_32);
        assertFalse(LabKey.fromFile(unambiguous).ambiguous());
        assertFalse(LabKey.fromFile(unambiguous).source().contains("AMBIGUOUS"));
    }

    @Test
    void aForcedReadingRefusesAFileOfTheOtherKind(@TempDir Path dir) throws IOException {
        Path hexWithNewline = Files.writeString(dir.resolve("key.hex"), Hex.encode(RAW_32) + "\n");
        IllegalArgumentException raw = assertThrows(IllegalArgumentException.class,
                () -> LabKey.fromFile(hexWithNewline, KeyFileFormat.RAW));
        assertTrue(raw.getMessage().contains("65 bytes are no raw key"), raw.getMessage());
        Path rawFile = Files.write(dir.resolve("key.bin"), RAW_32);
        IllegalArgumentException hex = assertThrows(IllegalArgumentException.class,
                () -> LabKey.fromFile(rawFile, KeyFileFormat.HEX));
        assertTrue(hex.getMessage().contains("no hex key"), hex.getMessage());
        assertArrayEquals(RAW_32, LabKey.fromFile(hexWithNewline, KeyFileFormat.HEX).bytes());
    }

    @Test
    void neverShowsTheKey() {
        LabKey key = LabKey.of(RAW_32);
        assertFalse(key.toString().contains(Hex.encode(RAW_32).substring(0, 8)), key.toString());
        assertTrue(key.toString().contains("redacted"));
    }
}
