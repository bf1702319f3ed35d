package io.secho.conformance.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The harness never repeats a key typed on its command line, and says when a key file is readable by others. */
class HarnessSecretsTest {
    private static final String KEY_HEX = "c0ffee0123456789abcdef9876543210deadbeefcafef00d0badc0de13572468";

    private record Run(int exitCode, String out, String err) {
        void assertNoKey() {
            String printed = (out + err).toLowerCase(Locale.ROOT);
            for (int start = 0; start + 16 <= KEY_HEX.length(); start += 8) {
                assertFalse(printed.contains(KEY_HEX.substring(start, start + 16)), "the key was echoed:\n" + printed);
            }
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionsValueIsNeverEchoed() {
        for (List<String> args : List.of(List.of("--psk", KEY_HEX), List.of("--psk=" + KEY_HEX), List.of(KEY_HEX),
                List.of("--profile", "lab", "--key", KEY_HEX.substring(0, 32)))) {
            Run run = run(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.err());
            run.assertNoKey();
            assertEquals(2, run.err().lines().count(), "the cause and a hint, not the whole help:\n" + run.err());
            assertTrue(run.err().contains("not shown") && run.err().contains("see 'secho-conformance --help'"),
                    run.err());
        }
        assertTrue(run("--psk", KEY_HEX).err().contains("unknown option --psk (did you mean --psk-file?)"));
    }

    @Test
    void aKeyGivenAsAnotherOptionsValueIsNotEchoed() {
        for (String option : List.of("--target", "--suite", "--io-timeout", "--max-connections")) {
            Run run = run(option, KEY_HEX);
            assertEquals(2, run.exitCode(), option + ": " + run.err());
            run.assertNoKey();
        }
    }

    @Test
    void aKeyGivenAsTheKeyFilesNameIsNotEchoed() {
        Run run = run("--psk-file", KEY_HEX);
        assertEquals(2, run.exitCode(), run.err());
        run.assertNoKey();
        assertTrue(run.err().contains("looks like a key") && run.err().contains("no such file"), run.err());
        Run lab = run("--profile", "lab", "--key-file", KEY_HEX);
        assertEquals(2, lab.exitCode(), lab.err());
        lab.assertNoKey();
    }

    @Test
    void aKeyFileThatIsADirectoryIsSaidSoInPlainWords(@TempDir Path dir) {
        Run run = run("--psk-file", dir.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--psk-file: " + dir + ": is a directory, not a key file"), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("Is a directory"), run.err());
    }

    @Test
    void aKeyFileOthersCanReadDrawsAWarning(@TempDir Path dir) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file modes exist only on POSIX file systems");
        Path key = Files.writeString(dir.resolve("secho.key"), KEY_HEX + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        // An unreachable target ends the run right after the options are read: the warning is what is checked.
        Run run = run("--target", "127.0.0.1:" + closedPort, "--psk-file", key.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("secho-conformance: warning: key file " + key + " can be read by every user")
                && run.err().contains("chmod 600 " + key), run.err());
        run.assertNoKey();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertFalse(run("--target", "127.0.0.1:" + closedPort, "--psk-file", key.toString()).err().contains("warning"));
    }
}
