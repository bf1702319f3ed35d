package io.secho.conformance.faults;

import io.secho.conformance.cli.ConformanceMain;
import io.secho.crypto.PreSharedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop of step 12 against a server with a state-machine fault no hand-written case sends: learn finds
 * it (exit 1) and prints it with its requirement and replay line; the replay shows it again; and the sequence it
 * wrote, given to a later run with --learned-cases, is a case that fails there and passes against the reference.
 */
class LearnCommandOnFaultyServerTest {
    private static final String SECOND_HELLO = "ClientHello(x25519) ClientHello(x25519)";
    private static final Path README_PICTURE = Path.of("docs", "learned-second-client-hello.svg");
    private static final String README_TARGET = "127.0.0.1:8443";

    private record Run(int exitCode, String out, String err) {
        String both() {
            return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The README shows this very picture: it is what learn draws, the port aside, and cannot drift from it.
     * {@code -Dsecho.regenerate.pictures=true} rewrites it.
     */
    private static void assertPictureIsTheReadmes(String svg, int port) throws IOException {
        String normalised = svg.replace("127.0.0.1:" + port, README_TARGET);
        if (Boolean.getBoolean("secho.regenerate.pictures")) {
            Files.writeString(README_PICTURE, normalised, StandardCharsets.UTF_8);
        }
        assertTrue(normalised.contains("#"), "a differing transition is drawn in colour");
        assertEquals(Files.readString(README_PICTURE, StandardCharsets.UTF_8), normalised,
                "the README's picture differs from what learn draws now: rerun with -Dsecho.regenerate.pictures=true");
    }

    @Test
    void aSecondClientHelloIsLearnedReplayedAndKeptAsACase(@TempDir Path dir) throws IOException {
        try (FaultyServer server = new FaultyServer(Fault.ACCEPTS_SECOND_CLIENT_HELLO,
                PreSharedKey.of(new byte[PreSharedKey.LENGTH]))) {
            String target = "127.0.0.1:" + server.port();
            Path out = dir.resolve("learned");
            Run learned = run("learn", "--target", target, "--suite", "x25519", "--out", out.toString());
            assertEquals(1, learned.exitCode(), learned.both());
            assertTrue(learned.out().contains(SECOND_HELLO), learned.both());
            assertTrue(learned.out().contains("REQ-HS-10"), learned.both());
            assertTrue(learned.out().contains("Alert(unexpected_message,plaintext)+FIN"), learned.both());
            assertTrue(learned.out().contains("learn --target " + target + " --suite x25519 --replay"), learned.both());
            String cases = Files.readString(out.resolve("learned-cases.json"), StandardCharsets.UTF_8);
            assertTrue(cases.contains("\"n\": 1001"), cases);
            assertPictureIsTheReadmes(Files.readString(out.resolve("learned-model.svg"), StandardCharsets.UTF_8),
                    server.port());

            Run replay = run("learn", "--target", target, "--suite", "x25519", "--replay", SECOND_HELLO);
            assertEquals(1, replay.exitCode(), replay.both());
            assertTrue(replay.out().contains("<- differs"), replay.both());

            Path learnedCases = out.resolve("learned-cases.json");
            Run again = run("--target", target, "--learned-cases", learnedCases.toString(), "--case",
                    "LEARN-001.1001", "--report-dir", dir.resolve("reports").toString());
            assertEquals(1, again.exitCode(), again.both());
            assertTrue(again.out().contains("FAIL    LEARN-001.1001"), again.both());

            Run reference = run("--learned-cases", learnedCases.toString(), "--family", "LEARN", "--report-dir",
                    dir.resolve("reference").toString());
            assertEquals(0, reference.exitCode(), reference.both());
            assertTrue(reference.out().contains("PASS    LEARN-001.1001"), reference.both());
        }
    }
}
