package io.secho.conformance.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay line under a failure names the jar and every option the run was given, and running it
 * replays the failure into reports of its own, leaving the full run's reports as they were.
 */
class ReplayLineTest {
    private static final String SERVER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String OTHER_KEY = "ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final Pattern REPLAY = Pattern.compile("\\n {8}replay: (.*)\\n");

    @Test
    void theReplayLineReplaysTheFailureIntoReportsOfItsOwn(@TempDir Path dir) throws IOException {
        Path wrongKey = Files.writeString(dir.resolve("wrong.key"), OTHER_KEY + "\n");
        Path reports = dir.resolve("reports");
        try (SechoServer server = SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(SERVER_KEY))
                .handshakeTimeout(Duration.ofSeconds(3)).log(line -> { }).build())) {
            String target = "127.0.0.1:" + server.port();
            CliRun run = CliRun.of("--target", target, "--psk-file", wrongKey.toString(), "--suite", "psk",
                    "--handshake-timeout", "3s", "--io-timeout", "2s", "--case", "HS-003", "--seed", "11",
                    "--report-dir", reports.toString(), "--failures-only");
            assertEquals(ExitCodes.NOT_CONFORMANT, run.exitCode(), run.both());
            Matcher replay = REPLAY.matcher(run.out());
            assertTrue(replay.find(), "no replay line:\n" + run.out());
            String line = replay.group(1);
            assertEquals("java -jar " + ReplayLine.jar() + " --target " + target + " --psk-file " + wrongKey
                    + " --suite psk --handshake-timeout 3s --io-timeout 2s --seed 11 --case HS-003 --report-dir "
                    + dir.resolve("reports-replay"), line);
            assertTrue(ReplayLine.jar().endsWith("secho-conformance.jar"), ReplayLine.jar());
            String fullReport = Files.readString(reports.resolve("secho-conformance.json"));

            String[] words = line.split(" ");
            CliRun replayed = CliRun.of(Arrays.copyOfRange(words, 3, words.length));
            assertEquals(ExitCodes.NOT_CONFORMANT, replayed.exitCode(), replayed.both());
            assertTrue(replayed.out().contains("FAIL    HS-003"), replayed.out());
            assertTrue(Files.readString(dir.resolve("reports-replay/secho-conformance.json")).contains("\"HS-003\""));
            assertEquals(fullReport, Files.readString(reports.resolve("secho-conformance.json")),
                    "the replay must not overwrite the full run's report");
        }
    }
}
