package io.secho.conformance.lab;

import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.lab.LabVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --profile lab --lab-detect}: finds the settings a server uses, and its command line works. */
// Alone: it starts servers of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(120)
class LabDetectTest {
    private static final Pattern WORKS = Pattern.compile("Works \\((\\d+) tries in [0-9.]+ s\\):\\R  java -jar \\S+ (.*)");

    private static MainRun run(String... args) {
        return MainRun.of(args);
    }

    /** Every knob off its default at once: the detected command line must then pass LAB-001 for real. */
    @Test
    void findsTheSettingsOfAServerThatUsesNoDefaultAndItsCommandLineWorks(@TempDir Path dir) throws IOException {
        LabProfile served = LabProfile.defaults(LabVariant.DH).withServerSendsKeyFirst(true).withHkdfInfo("")
                .withNonceLength(16).withKeyFormat(LabProfile.KeyFormat.X942).withKeyEncoding(LabProfile.KeyEncoding.DER);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, served, Optional.empty()))) {
            String target = "127.0.0.1:" + server.port();
            MainRun detect = run("--profile", "lab", "--target", target, "--lab-detect");
            assertEquals(0, detect.exitCode(), detect.out() + detect.err());
            Matcher works = WORKS.matcher(detect.out());
            assertTrue(works.find(), detect.out());
            assertTrue(detect.out().contains("the server spoke first"), "observed, not guessed:\n" + detect.out());
            List<String> found = shellWords(works.group(2));
            assertTrue(found.containsAll(List.of("--server-sends-key-first", "--nonce-length", "16", "--hkdf-info", "")),
                    detect.out());
            List<String> replay = new ArrayList<>(found);
            replay.addAll(List.of("--case", "LAB-001", "--report-dir", dir.toString()));
            MainRun checked = run(replay.toArray(String[]::new));
            assertEquals(0, checked.exitCode(), "the detected command line must work:\n" + checked.out() + checked.err());
        }
    }

    /** The key a lab program hard-codes, typed as 32 hex digits: detection tries the other reading. */
    @Test
    void triesTheOtherReadingOfAnAmbiguousKeyFile(@TempDir Path dir) throws IOException {
        byte[] typed = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path keyFile = Files.write(dir.resolve("typed.key"), typed);
        LabProfile served = LabProfile.defaults(LabVariant.SEC).withNonceLength(16);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, served, Optional.of(LabKey.of(typed))))) {
            MainRun detect = run("--profile", "lab", "--key-file", keyFile.toString(), "--target",
                    "127.0.0.1:" + server.port(), "--lab-detect");
            assertEquals(0, detect.exitCode(), detect.out() + detect.err());
            Matcher works = WORKS.matcher(detect.out());
            assertTrue(works.find(), detect.out());
            assertTrue(works.group(2).contains("--key-file-format raw") && works.group(2).contains("--nonce-length 16"),
                    detect.out());
            assertEquals("4", works.group(1), "hex 12, hex 16, raw 12, raw 16:\n" + detect.out());
            assertFalse(detect.out().contains("0123456789abcdef"), "the key must never be printed");
        }
    }

    @Test
    void aServerThatAnswersNothingEndsWithExitOneAndEveryTry(@TempDir Path dir) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            MainRun detect = run("--profile", "lab", "--target", "127.0.0.1:" + silent.getLocalPort(), "--io-timeout",
                    "300ms", "--lab-detect");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(1, detect.exitCode(), detect.out() + detect.err());
            assertTrue(detect.out().contains("Nothing worked (4 tries in "), detect.out());
            for (String form : List.of("PEM pkcs3", "DER pkcs3", "PEM x942", "DER x942")) {
                assertTrue(detect.out().contains(form + ", info \"handshake data\""), form + ":\n" + detect.out());
            }
            assertTrue(seconds < 30, "took " + seconds + " s");
        }
    }

    @Test
    void misuseIsAUsageError() {
        MainRun v1 = run("--lab-detect", "--target", "127.0.0.1:1");
        assertEquals(2, v1.exitCode(), v1.err());
        assertTrue(v1.err().contains("add --profile lab"), v1.err());
        MainRun noTarget = run("--profile", "lab", "--lab-detect");
        assertEquals(2, noTarget.exitCode(), noTarget.err());
        assertTrue(noTarget.err().contains("--target HOST:PORT") && !noTarget.err().contains("\tat "), noTarget.err());
    }

    /** The words of a command line as a POSIX shell splits them, for the quoting ShellWords.quote writes. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
