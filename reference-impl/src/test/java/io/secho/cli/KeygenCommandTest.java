package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code secho-reference.jar keygen --out FILE [--force]}. */
class KeygenCommandTest {
    private static String content(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void writesA256BitKeyAs64HexDigitsAndANewlineThatTheToolsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secho.key");
        CliRun run = CliRun.run("keygen", "--out", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String key = content(file);
        assertTrue(key.matches("[0-9a-f]{64}\n"), "64 lower-case hex digits and a newline: " + key.length() + " chars");
        assertEquals(PreSharedKey.fromHex(key), PreSharedKey.fromFile(file));
        assertFalse(run.out().contains(key.strip()) || run.err().contains(key.strip()), "the key is never printed");
        assertTrue(run.err().contains("wrote a new 256-bit pre-shared key to " + file), run.err());
        Path other = dir.resolve("other.key");
        assertEquals(0, CliRun.run("keygen", "--out", other.toString()).exitCode());
        assertNotEquals(key, content(other), "two keys are never the same");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file modes exist only on POSIX file systems");
        Path file = dir.resolve("secho.key");
        CliRun run = CliRun.run("keygen", "--out", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("rw-------", mode(file));
        assertTrue(run.err().contains("(mode 0600)"), run.err());
        CliRun client = CliRun.run("client", "--psk-file", file.toString(), "--port", "1", "--timeout", "1s",
                "--message", "x");
        assertFalse(client.err().contains("warning"), "a keygen file draws no warning: " + client.err());
    }

    @Test
    void anExistingFileIsKeptUnlessForced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secho.key");
        Files.writeString(file, "the old key\n");
        CliRun refused = CliRun.run("keygen", "--out", file.toString());
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains(file + " exists and is left as it was (--force replaces it"), refused.err());
        assertEquals("the old key\n", content(file));
        refused.assertNoJavaNames();

        CliRun forced = CliRun.run("keygen", "--out", file.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(content(file).matches("[0-9a-f]{64}\n"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", mode(file), "a replaced key file is private too, whatever the old mode");
        }
        try (var leftovers = Files.list(dir)) {
            assertEquals(1, leftovers.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsSaidSoInPlainWords(@TempDir Path dir) throws IOException {
        CliRun directory = CliRun.run("keygen", "--out", dir.toString());
        assertEquals(1, directory.exitCode());
        assertTrue(directory.err().contains(dir + " is a directory"), directory.err());
        directory.assertNoJavaNames();

        Path missing = dir.resolve("no-such-dir").resolve("secho.key");
        CliRun noDirectory = CliRun.run("keygen", "--out", missing.toString(), "--force");
        assertEquals(1, noDirectory.exitCode());
        assertTrue(noDirectory.err().contains("cannot write " + missing + ": its directory does not exist"),
                noDirectory.err());
        noDirectory.assertNoJavaNames();
        CliRun noDirectoryUnforced = CliRun.run("keygen", "--out", missing.toString());
        assertTrue(noDirectoryUnforced.err().contains("its directory does not exist"), noDirectoryUnforced.err());
        assertFalse(Files.exists(missing));
    }
}
