package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, messages, and no stack trace for a user's mistake. */
class SechoCliTest {
    private static final String KEY_HEX = "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";

    private record Run(int exitCode, String out, String err) {
        void assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || err.contains("Exception"), "a user error must not print a stack trace:\n" + err);
        }
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SechoCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static SechoServer server() throws IOException {
        return SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(KEY_HEX)).log(line -> { }).build());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        for (String word : new String[] {"server", "client", "demo", "Exit codes"}) {
            assertTrue(run.out().contains(word), "--help lacks '" + word + "':\n" + run.out());
        }
        Run client = run("client", "--help");
        assertTrue(client.out().contains("--psk-file") && client.out().contains("--message")
                && client.out().contains("SECHO_PSK"), client.out());
    }

    @Test
    void unknownSuiteIsAUsageError() {
        Run run = run("client", "--suite", "rsa");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown suite 'rsa'"), run.err());
        run.assertNoStackTrace();
    }

    @Test
    void pskSuiteWithoutAKeyIsAUsageError() {
        Run run = run("client", "--suite", "psk");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("pre-shared key"), run.err());
        run.assertNoStackTrace();
    }

    @Test
    void missingPskFileIsAUsageError() {
        Run run = run("server", "--psk-file", "/nonexistent/secho.key");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
        run.assertNoStackTrace();
    }

    @Test
    void malformedKeyIsRejectedWithoutEchoingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("short.key");
        String almost = KEY_HEX.substring(1);
        Files.writeString(file, almost + "\n");
        Run run = run("client", "--psk-file", file.toString(), "--message", "x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("64 hex digits"), run.err());
        assertFalse(run.err().contains(almost), "the key text must not be printed");
        Run fromEnvironment = run(Map.of("SECHO_PSK", "xyz"), "client", "--message", "x");
        assertEquals(2, fromEnvironment.exitCode());
        assertTrue(fromEnvironment.err().contains("SECHO_PSK"), fromEnvironment.err());
    }

    @Test
    void handshakeTimeoutAboveTheSpecCeilingIsAUsageError() {
        Run run = run("server", "--port", "0", "--handshake-timeout", "31s");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("at most 30"), run.err());
    }

    @Test
    void clientSendsEachMessageAndPrintsEachReply(@TempDir Path dir) throws IOException {
        Path keyFile = dir.resolve("secho.key");
        Files.writeString(keyFile, KEY_HEX + "\n");
        try (SechoServer server = server()) {
            for (String suite : new String[] {"x25519", "modp2048", "psk"}) {
                Run run = run("client", "--port", String.valueOf(server.port()), "--suite", suite,
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
            Run run = run(Map.of("SECHO_PSK", KEY_HEX), "client", "--port", String.valueOf(server.port()),
                    "--message", "psk");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("PSK" + System.lineSeparator(), run.out());
        }
    }

    @Test
    void wrongKeyFailsWithTheHandshakeFailure() throws IOException {
        try (SechoServer server = server()) {
            Run run = run(Map.of("SECHO_PSK", KEY_HEX.replace('8', '9')), "client", "--port",
                    String.valueOf(server.port()), "--message", "x");
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("handshake_failure"), run.err());
            run.assertNoStackTrace();
        }
    }

    @Test
    void nothingListeningIsANetworkError() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Run run = run("client", "--port", String.valueOf(port), "--message", "x");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("cannot connect"), run.err());
        run.assertNoStackTrace();
    }

    @Test
    void portInUseIsANetworkError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run("server", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(3, run.exitCode());
            assertTrue(run.err().contains("cannot listen"), run.err());
        }
    }

    @Test
    void demoRunsEverySuiteEndToEnd() {
        Run run = run("demo");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("18 passed, 0 failed"), run.out());
    }
}
