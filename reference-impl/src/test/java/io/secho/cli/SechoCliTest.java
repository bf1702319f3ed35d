package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, messages, and no stack trace for a user's mistake. */
class SechoCliTest {
    private static final String KEY_HEX = "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";

    private static CliRun run(Map<String, String> environment, String... args) {
        return CliRun.run(environment, args);
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static SechoServer server() throws IOException {
        return SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(KEY_HEX)).log(line -> { }).build());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = run("--help");
        assertEquals(0, run.exitCode());
        for (String word : new String[] {"server", "client", "demo", "Exit codes"}) {
            assertTrue(run.out().contains(word), "--help lacks '" + word + "':\n" + run.out());
        }
        CliRun client = run("client", "--help");
        assertTrue(client.out().contains("--psk-file") && client.out().contains("--message")
                && client.out().contains("SECHO_PSK"), client.out());
    }

    @Test
    void unknownSuiteIsAUsageError() {
        CliRun run = run("client", "--suite", "rsa");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown suite 'rsa'"), run.err());
        run.assertNoJavaNames();
    }

    @Test
    void pskSuiteWithoutAKeyIsAUsageError() {
        CliRun run = run("client", "--suite", "psk");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("pre-shared key"), run.err());
        run.assertNoJavaNames();
    }

    @Test
    void missingPskFileIsAUsageError() {
        CliRun run = run("server", "--psk-file", "/nonexistent/secho.key");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
        run.assertNoJavaNames();
    }

    @Test
    void malformedKeyIsRejectedWithoutEchoingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("short.key");
        String almost = KEY_HEX.substring(1);
        Files.writeString(file, almost + "\n");
        CliRun run = run("client", "--psk-file", file.toString(), "--message", "x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("64 hex digits"), run.err());
        assertFalse(run.err().contains(almost), "the key text must not be printed");
        CliRun fromEnvironment = run(Map.of("SECHO_PSK", "xyz"), "client", "--message", "x");
        assertEquals(2, fromEnvironment.exitCode());
        assertTrue(fromEnvironment.err().contains("SECHO_PSK"), fromEnvironment.err());
    }

    @Test
    void handshakeTimeoutAboveTheSpecCeilingIsAUsageError() {
        CliRun run = run("server", "--port", "0", "--handshake-timeout", "31s");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("at most 30"), run.err());
    }

    @Test
    void clientSendsEachMessageAndPrintsEachReply(@TempDir Path dir) throws IOException {
        Path keyFile = dir.resolve("secho.key");
        Files.writeString(keyFile, KEY_HEX + "\n");
        try (SechoServer server = server()) {
            for (String suite : new String[] {"x25519", "modp2048", "psk"}) {
                CliRun run = run("client", "--port", String.valueOf(server.port()), "--suite", suite,
                        "--psk-file", keyFile.toString(), "--message", "hello", "--message", "straße");
                assertEquals(0, run.exitCode(), suite + ": " + run.err());
                assertEquals("HELLO" + System.lineSeparator() + "STRASSE" + System.lineSeparator(), run.out());
                assertTrue(run.err().contains("suite " + suite), run.err());
            }
        }
    }

    @Test
    void pskFromTheEnvironmentWorks() throws IOException {
        try (SechoServer server = server()) {
            CliRun run = run(Map.of("SECHO_PSK", KEY_HEX), "client", "--port", String.valueOf(server.port()),
                    "--message", "psk");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("PSK" + System.lineSeparator(), run.out());
        }
    }

    @Test
    void wrongKeyIsCalledAWrongKey() throws IOException, InterruptedException {
        List<String> serverLog = new CopyOnWriteArrayList<>();
        try (SechoServer server = SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(KEY_HEX))
                .log(serverLog::add).build())) {
            String otherKey = KEY_HEX.replace('8', '9');
            CliRun run = run(Map.of("SECHO_PSK", otherKey), "client", "--port", String.valueOf(server.port()),
                    "--message", "x");
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("[psk] wrong key (a different PSK?): the server's Finished did not verify"),
                    run.err());
            assertTrue(run.err().contains("sent alert handshake_failure"), run.err());
            assertFalse(run.err().contains("broke the protocol"), "a wrong key is the user's to fix: " + run.err());
            assertFalse(run.err().contains(KEY_HEX) || run.err().contains(otherKey), run.err());
            run.assertNoJavaNames();
            assertEquals("", run.out());
            // The server logs the connection once it has ended, which the client does not wait for.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (serverLog.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertTrue(serverLog.get(0).contains("peer sent alert handshake_failure")
                && serverLog.get(0).contains("so it holds another pre-shared key (a wrong key?)"), serverLog.toString());
    }

    @Test
    void aServerThatNeverAnswersIsNoAnswerWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = run("client", "--port", String.valueOf(silent.getLocalPort()), "--timeout", "500ms",
                    "--message", "x");
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("no answer from 127.0.0.1:" + silent.getLocalPort() + " within 500ms"),
                    run.err());
            run.assertNoJavaNames();
        }
    }

    @Test
    void nothingListeningIsANetworkError() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        CliRun run = run("client", "--port", String.valueOf(port), "--message", "x");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("cannot connect"), run.err());
        run.assertNoJavaNames();
    }

    @Test
    void portInUseIsANetworkError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = run("server", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(3, run.exitCode());
            assertTrue(run.err().contains("cannot listen"), run.err());
        }
    }

    @Test
    void demoRunsEverySuiteEndToEnd() {
        CliRun run = run("demo");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("18 passed, 0 failed"), run.out());
    }
}
