package io.secho.cli;

import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.lab.LabVariant;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code client --profile lab} and {@code server --profile lab} as a user meets them. */
@Timeout(60)
class LabCliTest {
    private static final String KEY_HEX = "2b7e151628aed2a6abf7158809cf4f3c";
    private static final String NL = System.lineSeparator();

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static Path keyFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("lab.key"), KEY_HEX + "\n");
    }

    @Test
    void helpShowsTheProfileAndEveryKnob() {
        for (String command : new String[] {"client", "server"}) {
            String help = run(command, "--help").out();
            for (String option : new String[] {"--profile", "--lab-variant", "--key-file", "--key-file-format",
                    "--nonce-length", "--aad",
                    "--hkdf-info", "--key-encoding", "--key-format", "--server-sends-key-first", "--plaintext-replies",
                    "--psk-file"}) {
                assertTrue(help.contains(option), command + " --help lacks " + option + ":\n" + help);
            }
        }
    }

    @Test
    void misplacedOrBadKnobsAreUsageErrors(@TempDir Path dir) throws IOException {
        String key = keyFile(dir).toString();
        run("client", "--lab-variant", "sec", "--message", "x").assertUsageError("add --profile lab");
        run("server", "--plaintext-replies").assertUsageError("add --profile lab");
        run("client", "--profile", "lab", "--lab-variant", "sec").assertUsageError("--key-file FILE");
        run("client", "--profile", "lab", "--key-file", key, "--hkdf-info", "x").assertUsageError("dh variant only");
        run("client", "--profile", "lab", "--lab-variant", "dh", "--key-file", key).assertUsageError("sec variant");
        run("client", "--profile", "lab", "--suite", "x25519").assertUsageError("--suite is a Secho v1 option");
        run("client", "--profile", "lab", "--nonce-length", "13").assertUsageError("--nonce-length: nonce length must be 12 or 16");
        run("client", "--profile", "lab", "--aad", "xyz").assertUsageError("--aad:");
        run("client", "--profile", "lab", "--lab-variant", "tls").assertUsageError("not sec|dh");
        run("client", "--profile", "lab", "--key-format", "x509").assertUsageError("not pkcs3|x942");
        run("client", "--profile", "lab", "--key-file", key, "--key-file-format", "pem")
                .assertUsageError("--key-file-format: 'pem' is not auto|raw|hex");
        run("client", "--profile", "lab", "--key-file-format", "raw").assertUsageError("the dh variant has none");
        run("client", "--profile", "lab", "--key-file", "/nonexistent/lab.key").assertUsageError("no such file");
        run("client", "--profile", "tls").assertUsageError("--profile");
        Path wrongSize = Files.write(dir.resolve("bad.key"), new byte[20]);
        CliRun bad = run("client", "--profile", "lab", "--key-file", wrongSize.toString());
        bad.assertUsageError("20 bytes are neither");
    }

    @Test
    void secClientEchoesAndSaysHowItReadTheKey(@TempDir Path dir) throws IOException {
        LabProfile profile = LabProfile.defaults(LabVariant.SEC).withNonceLength(16);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile,
                Optional.of(LabKey.of(Hex.decode(KEY_HEX)))))) {
            CliRun run = run("client", "--profile", "lab", "--key-file", keyFile(dir).toString(), "--nonce-length", "16",
                    "--port", String.valueOf(server.port()), "--message", "hello", "--message", "straße");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("HELLO" + NL + "STRASSE" + NL, run.out());
            assertTrue(run.err().contains("read as hex text, 32 digits: a 16-byte AES-128 key"), run.err());
            assertFalse(run.err().contains(KEY_HEX), "the key must never be printed");
        }
    }

    /** The key a lab program hard-codes, typed into a file: 32 hex digits that are also 32 raw bytes. */
    @Test
    void anAmbiguousKeyFileIsReportedAndTheFormatOptionSettlesIt(@TempDir Path dir) throws IOException {
        byte[] typed = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("typed.key"), typed);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, LabProfile.defaults(LabVariant.SEC),
                Optional.of(LabKey.of(typed))))) {
            String port = String.valueOf(server.port());
            CliRun auto = run("client", "--profile", "lab", "--key-file", file.toString(), "--port", port,
                    "--timeout", "2s", "--message", "hello");
            assertEquals(1, auto.exitCode(), auto.err());
            assertTrue(auto.err().contains("read as hex text, 32 digits") && auto.err().contains("AMBIGUOUS")
                    && auto.err().contains("--key-file-format raw|hex"), auto.err());
            CliRun raw = run("client", "--profile", "lab", "--key-file", file.toString(), "--key-file-format", "raw",
                    "--port", port, "--message", "hello");
            assertEquals(0, raw.exitCode(), raw.err());
            assertEquals("HELLO" + NL, raw.out());
            assertTrue(raw.err().contains("read as raw bytes: a 32-byte AES-256 key (--key-file-format raw)"), raw.err());
            assertFalse(raw.err().contains("0123456789abcdef"), "the key must never be printed");
        }
    }

    @Test
    void anEmptyHkdfInfoIsUsedAsEmpty() throws IOException {
        LabProfile profile = LabProfile.defaults(LabVariant.DH).withHkdfInfo("");
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile, Optional.empty()))) {
            CliRun run = run("client", "--profile", "lab", "--hkdf-info", "", "--port", String.valueOf(server.port()),
                    "--message", "empty info");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("EMPTY INFO" + NL, run.out());
        }
    }

    @Test
    void dhClientTalksToAServerThatSendsItsKeyFirst() throws IOException {
        LabProfile profile = LabProfile.defaults(LabVariant.DH).withServerSendsKeyFirst(true)
                .withKeyFormat(LabProfile.KeyFormat.X942);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile, Optional.empty()))) {
            CliRun run = run("client", "--profile", "lab", "--server-sends-key-first", "--key-encoding", "der",
                    "--port", String.valueOf(server.port()), "--message", "dh");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("DH" + NL, run.out());
            assertTrue(run.err().contains("PEM X9.42"), "the client says which key form it received: " + run.err());
        }
    }

    @Test
    void aServerThatNeverAnswersIsReportedAsHanging() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = run("client", "--profile", "lab", "--port", String.valueOf(silent.getLocalPort()),
                    "--timeout", "500ms", "--message", "x");
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("no answer") && run.err().contains("within 500ms"), run.err());
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CliRun refused = run("client", "--profile", "lab", "--port", String.valueOf(port), "--message", "x");
        assertEquals(3, refused.exitCode(), refused.err());
    }

    /** The real command, in its own JVM, stopped as a user stops it. */
    @Test
    void serverCommandServesTheLabProfileUntilStopped() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SechoCli.class.getName(),
                "server", "--profile", "lab", "--lab-variant", "dh", "--port", "0", "--idle-timeout", "5s")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = output.readLine();
            lines.add(String.valueOf(first));
            Matcher matcher = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+), lab profile: dh variant").matcher(
                    String.valueOf(first));
            assertTrue(matcher.find(), "unexpected first line: " + first);
            int port = Integer.parseInt(matcher.group(1));
            CliRun run = run("client", "--profile", "lab", "--port", String.valueOf(port), "--message", "over tcp");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("OVER TCP" + NL, run.out());
            // An abrupt client, then the server must still log and serve.
            new Socket(InetAddress.getLoopbackAddress(), port).close();
            String logLine = output.readLine();
            lines.add(logLine);
            assertTrue(logLine.contains("1 message(s) echoed") && logLine.contains("end marker"), logLine);
            assertFalse(logLine.contains("over tcp") || logLine.contains("OVER TCP"), "no contents in the log: " + logLine);
        } finally {
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server did not stop: " + lines);
        }
    }
}
