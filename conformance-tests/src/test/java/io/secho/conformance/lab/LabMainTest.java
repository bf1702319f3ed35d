package io.secho.conformance.lab;

import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.lab.LabVariant;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code secho-conformance.jar --profile lab} as a teacher or a student drives it. */
// Alone: it starts servers of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(120)
class LabMainTest {
    private static final String KEY_HEX = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";

    private static MainRun run(String... args) {
        return MainRun.of(args);
    }

    @Test
    void listShowsTheLabCasesOnlyWithTheLabProfile() {
        MainRun lab = run("--profile", "lab", "--list");
        assertEquals(0, lab.exitCode(), lab.err());
        assertTrue(lab.out().contains("LAB-001") && lab.out().contains("LAB-W3") && lab.out().contains("Lab profile"),
                lab.out());
        assertFalse(lab.out().contains("TAG-004"), "the lab list must not hold v1 cases");
        MainRun v1 = run("--list");
        assertFalse(v1.out().contains("LAB-0"), "the default list must not hold lab cases");
        assertTrue(run("--help").out().contains("--profile"), "--help shows the profile");
    }

    @Test
    void usageMistakesExitWithTwoAndNoStackTrace(@TempDir Path dir) {
        String[][] mistakes = {
            {"--profile", "lab", "--suite", "x25519"},
            {"--profile", "lab", "--psk-file", "k"},
            {"--lab-variant", "dh"},
            {"--profile", "lab", "--lab-variant", "sec", "--target", "127.0.0.1:1"},
            {"--profile", "lab", "--nonce-length", "13"},
            {"--profile", "lab", "--family", "TAG", "--report-dir", dir.toString()},
            {"--profile", "lab", "--key-file", dir.resolve("missing.key").toString()},
            {"--profile", "quic"}};
        for (String[] args : mistakes) {
            MainRun run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ":\n" + run.out() + run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace for a usage error: " + run.err());
        }
    }

    @Test
    void anEmptyHkdfInfoIsUsedAsEmptyNotReplacedByTheDefault(@TempDir Path dir) throws IOException {
        LabProfile profile = LabProfile.defaults(LabVariant.DH).withHkdfInfo("");
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile, Optional.empty()))) {
            String target = "127.0.0.1:" + server.port();
            MainRun empty = run("--profile", "lab", "--hkdf-info", "", "--target", target, "--case", "LAB-001",
                    "--report-dir", dir.toString());
            assertEquals(0, empty.exitCode(), empty.out() + empty.err());
            assertTrue(empty.out().contains("HKDF info \"\""), empty.out());
            MainRun defaulted = run("--profile", "lab", "--target", target, "--case", "LAB-001", "--report-dir",
                    dir.toString());
            assertEquals(1, defaulted.exitCode(), "the default info must not open the replies:\n" + defaulted.out());
        }
    }

    /** A key typed as 32 hex digits, as a lab program hard-codes it: the reading is always said, and settable. */
    @Test
    void theKeyFileReadingIsPrintedAndAnAmbiguousFileSaysHowToSettleIt(@TempDir Path dir) throws IOException {
        byte[] typed = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path keyFile = Files.write(dir.resolve("typed.key"), typed);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, LabProfile.defaults(LabVariant.SEC),
                Optional.of(LabKey.of(typed))))) {
            String target = "127.0.0.1:" + server.port();
            MainRun raw = run("--profile", "lab", "--key-file", keyFile.toString(), "--key-file-format", "raw",
                    "--target", target, "--case", "LAB-001", "--report-dir", dir.toString());
            assertEquals(0, raw.exitCode(), raw.out() + raw.err());
            assertTrue(raw.out().contains("read as raw bytes: a 32-byte AES-256 key (--key-file-format raw)"), raw.out());
            MainRun auto = run("--profile", "lab", "--key-file", keyFile.toString(), "--target", target, "--case",
                    "LAB-001", "--report-dir", dir.toString(), "--io-timeout", "1s");
            assertEquals(1, auto.exitCode(), auto.out() + auto.err());
            assertTrue(auto.out().contains("read as hex text, 32 digits") && auto.out().contains("AMBIGUOUS")
                    && auto.out().contains("--key-file-format raw|hex"), auto.out());
            assertFalse(auto.out().contains("0123456789abcdef"), "the key must never be printed");
        }
    }

    @Test
    void unreachableLabTargetExitsWithThree() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        MainRun run = run("--profile", "lab", "--target", "127.0.0.1:" + port);
        assertEquals(3, run.exitCode(), run.err());
    }

    @Test
    void externalSecServerPassesWithTheInherentWarningsAndABaselineKeepsTrack(@TempDir Path dir) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("lab.key"), KEY_HEX + "\n");
        LabProfile profile = LabProfile.defaults(LabVariant.SEC).withNonceLength(16);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile,
                Optional.of(LabKey.of(Hex.decode(KEY_HEX)))))) {
            String target = "127.0.0.1:" + server.port();
            MainRun run = run("--profile", "lab", "--lab-variant", "sec", "--key-file", keyFile.toString(),
                    "--nonce-length", "16", "--target", target, "--seed", "9", "--report-dir", dir.toString());
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("Secho lab profile (sec variant, nonce 16 bytes"), run.out());
            assertTrue(run.out().matches("(?s).*\\nWARN +LAB-014 .*") && run.out().contains("CONFORMANT: every MUST case "
                    + "passed; 2 SHOULD warning(s) (exit code 0)"), run.out());
            // Every option as typed, the run's seed, and reports beside (not over) the full run's.
            assertTrue(run.out().matches("(?s).*\n {8}replay: java -jar \\S*secho-conformance\\.jar --profile lab "
                    + "--lab-variant sec --key-file \\Q" + keyFile + "\\E --nonce-length 16 --target " + target
                    + " --seed 9 --case LAB-014 --report-dir \\Q" + dir + "-replay\\E\n.*"), run.out());
            assertFalse(run.out().contains(KEY_HEX), "the key must never be printed");

            Path baseline = Files.writeString(dir.resolve("expect.txt"), "LAB-001  not really failing\n");
            MainRun judged = run("--profile", "lab", "--key-file", keyFile.toString(), "--nonce-length", "16",
                    "--target", target, "--case", "LAB-001", "--expect", baseline.toString(), "--report-dir", dir.toString());
            assertEquals(1, judged.exitCode(), judged.out());
            assertTrue(judged.out().contains("NOW PASSES    LAB-001"), judged.out());
        }
    }
}
