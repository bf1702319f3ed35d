package io.secho.cli;

import io.secho.options.KeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Key files the tools cannot read, or that others can: said in plain words, and never with the key. */
class KeyFilesTest {
    private static final String KEY_HEX = "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";
    private static final String LAB_KEY_HEX = "2b7e151628aed2a6abf7158809cf4f3c";

    private static Path privateFile(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void aPskFileThatIsADirectoryMissingOrNotTextIsAUsageErrorInPlainWords(@TempDir Path dir) throws IOException {
        CliRun.run("client", "--psk-file", dir.toString(), "--message", "x")
                .assertUsageError("--psk-file: " + dir + ": is a directory, not a key file");
        CliRun.run("server", "--psk-file", dir.resolve("secho.key").toString())
                .assertUsageError("--psk-file: " + dir.resolve("secho.key") + ": no such file");
        Path binary = Files.write(dir.resolve("binary.key"), new byte[] {'8', 'f', (byte) 0xff, (byte) 0xfe, 0, 1});
        CliRun.run("client", "--psk-file", binary.toString(), "--message", "x")
                .assertUsageError("must hold exactly 64 hex digits, optionally followed by one line end (LF or CRLF) (the file is not plain text)");
        Path utf16 = Files.writeString(dir.resolve("utf16.key"), KEY_HEX, StandardCharsets.UTF_16);
        CliRun.run("client", "--psk-file", utf16.toString(), "--message", "x").assertUsageError("not plain text");
        Path huge = Files.write(dir.resolve("huge.key"), new byte[100_000]);
        CliRun.run("server", "--psk-file", huge.toString()).assertUsageError("is no key file");
    }

    @Test
    void aLabKeyFileThatIsADirectoryOrMissingIsAUsageErrorInPlainWords(@TempDir Path dir) {
        CliRun.run("client", "--profile", "lab", "--key-file", dir.toString())
                .assertUsageError("--key-file: " + dir + ": is a directory, not a key file");
        CliRun.run("server", "--profile", "lab", "--key-file", dir.resolve("lab.key").toString())
                .assertUsageError("--key-file: " + dir.resolve("lab.key") + ": no such file");
    }

    /** As root every file is readable, so the words for an unreadable file are checked where they are chosen. */
    @Test
    void anUnreadableFileIsSaidToBeSo(@TempDir Path dir) throws IOException {
        Path file = privateFile(dir.resolve("secho.key"), KEY_HEX);
        String described = KeyFiles.describe(file, new AccessDeniedException(file.toString()));
        assertEquals(file + ": permission denied (the file's owner and mode do not let this user read it)", described);
        String other = KeyFiles.describe(file, new IOException("Input/output error"));
        assertEquals(file + ": cannot read it: Input/output error", other);
    }

    @Test
    void aKeyTypedWhereTheFileNameBelongsIsNotRepeated() {
        String described = KeyFiles.describe(Path.of(KEY_HEX), new java.nio.file.NoSuchFileException(KEY_HEX));
        assertFalse(described.contains(KEY_HEX.substring(0, 16)), described);
        assertTrue(described.contains("looks like a key") && described.endsWith(": no such file"), described);
    }

    @Test
    void aKeyFileOthersCanReadDrawsAWarningThatSaysWhatToDo(@TempDir Path dir) throws IOException {
        assumeTrue(posix(), "file modes exist only on POSIX file systems");
        Path open = Files.writeString(dir.resolve("secho.key"), KEY_HEX + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run = CliRun.run("client", "--psk-file", open.toString(), "--port", "1", "--message", "x");
        assertTrue(run.err().contains("secho client: warning: key file " + open + " can be read by every user of this "
                + "machine (mode 0644); make it private: chmod 600 " + open), run.err());
        assertFalse(run.err().contains(KEY_HEX), run.err());

        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("key file " + open + " can be read by the users of its group (mode 0640); make it private: "
                + "chmod 600 " + open, KeyFiles.permissionWarnings(open).get(0));

        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
        assertTrue(KeyFiles.permissionWarnings(open, null).isEmpty(), "a private file, and an option not given");
        CliRun quiet = CliRun.run("client", "--psk-file", open.toString(), "--port", "1", "--message", "x");
        assertFalse(quiet.err().contains("warning"), quiet.err());
    }

    @Test
    void aLabKeyFileOthersCanReadDrawsTheWarningToo(@TempDir Path dir) throws IOException {
        assumeTrue(posix(), "file modes exist only on POSIX file systems");
        Path open = Files.writeString(dir.resolve("lab.key"), LAB_KEY_HEX + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
        CliRun run = CliRun.run("client", "--profile", "lab", "--key-file", open.toString(), "--port", "1",
                "--message", "x");
        assertTrue(run.err().contains("secho client: warning: key file " + open + " can be read by every user")
                && run.err().contains("(mode 0666)") && run.err().contains("chmod 600 " + open), run.err());
    }
}
