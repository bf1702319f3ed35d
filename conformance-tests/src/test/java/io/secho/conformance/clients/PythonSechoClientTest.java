package io.secho.conformance.clients;

import io.secho.conformance.lab.PythonLabServer;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * src/test/python/secho_client.py, a Secho v1 client written in Python from the spec alone, against the embedded
 * reference server: the client contract (standard input one message a line, standard output one reply a line,
 * exit 0 for a clean session) in every suite, with every Python that has the cryptography module. Under CI a
 * missing Python or cryptography fails the test (.ci/run installs python3-cryptography); elsewhere it is skipped,
 * saying why. The harness's client cases judge it further, and its --fault modes.
 */
// Alone: it starts processes of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(300)
class PythonSechoClientTest {
    static final Path SCRIPT = Path.of("src/test/python/secho_client.py");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(45);
    private static final String KEY = Hex.encode(new SystemRandomBytes().nextBytes(PreSharedKey.LENGTH));
    private static final String MESSAGES = "hello, secho\nstraße\n\u0390 \uFB01\ni\n";
    private static final List<String> REPLIES = List.of("HELLO, SECHO", "STRASSE", "\u0399\u0308\u0301 FI", "I");

    private static SechoServer server(List<String> log) throws IOException {
        return SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(KEY)).log(log::add).build());
    }

    /** A PSK file as the harness writes one (REQ-KEX-11): 64 hex digits and LF, mode 0600. */
    private static Path keyFile(Path dir, String name, String hex) throws IOException {
        Path file = Files.writeString(dir.resolve(name), hex + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static PythonRun client(PythonLabServer.Python python, SechoServer server, String suite, Path key,
                                    String stdin, Path dir, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--host", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--suite", suite, "--psk-file", key.toString(), "--timeout", "10"));
        arguments.addAll(List.of(more));
        return PythonRun.run(python, SCRIPT, arguments, stdin, RUN_LIMIT, dir);
    }

    /** The server logs a connection once it has ended, which the client does not wait for. */
    private static List<String> awaitLog(List<String> log, int lines) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.size() < lines && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return log;
    }

    @Test
    void theClientCompletesASessionInEverySuiteWithEveryPython(@TempDir Path dir) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Path key = keyFile(dir, "secho.key", KEY);
        List<PythonLabServer.Python> pythons = PythonLabServer.pythons();
        List<String> suites = List.of("x25519", "modp2048", "psk");
        try (SechoServer server = server(log)) {
            for (PythonLabServer.Python python : pythons) {
                for (String suite : suites) {
                    PythonRun run = client(python, server, suite, key, MESSAGES, dir);
                    String what = python + " --suite " + suite + ": " + run;
                    assertEquals(0, run.exitCode(), what);
                    assertEquals(REPLIES, run.outLines(), what);
                    assertTrue(run.err().contains("suite " + suite), what);
                }
            }
            awaitLog(log, pythons.size() * suites.size());
        }
        assertEquals(pythons.size() * suites.size(), log.size(), String.join("\n", log));
        for (String line : log) {
            // Four requests and the Close each way: the server saw the whole session end cleanly.
            assertTrue(line.contains("records in=5 out=5") && line.contains("end=clean close"), line);
        }
        for (String suite : suites) {
            assertEquals(pythons.size(), log.stream().filter(line -> line.contains("suite=" + suite + " ")).count(),
                    suite + ":\n" + String.join("\n", log));
        }
    }

    @Test
    void aWrongKeyIsAnErrorAndNothingIsPrinted(@TempDir Path dir) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        String other = Hex.encode(new SystemRandomBytes().nextBytes(PreSharedKey.LENGTH));
        try (SechoServer server = server(log)) {
            PythonRun run = client(PythonLabServer.pythons().get(0), server, "psk", keyFile(dir, "other.key", other),
                    MESSAGES, dir);
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertTrue(run.err().contains("sent alert handshake_failure"), run.toString());
            assertTrue(!run.err().contains(other) && !run.err().contains(KEY), "no key in a message: " + run);
            assertTrue(awaitLog(log, 1).get(0).contains("peer sent alert handshake_failure"), log.toString());
        }
    }

    @Test
    void aSuiteTheClientDoesNotSupportIsExit127(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        try (SechoServer server = server(new CopyOnWriteArrayList<>())) {
            Path key = keyFile(dir, "secho.key", KEY);
            PythonRun unknown = client(python, server, "rsa", key, MESSAGES, dir);
            assertEquals(127, unknown.exitCode(), unknown.toString());
            PythonRun declined = client(python, server, "modp2048", key, MESSAGES, dir, "--no-suite", "modp2048");
            assertEquals(127, declined.exitCode(), declined.toString());
            assertTrue(declined.err().strip().endsWith("suite modp2048 is not supported by this client"),
                    declined.toString());
        }
    }

    /** A fault is put back on request, and a correct server sees it: here the nonce of the first record again. */
    @Test
    void aFaultIsPutBackOnRequest(@TempDir Path dir) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (SechoServer server = server(log)) {
            PythonRun run = client(PythonLabServer.pythons().get(0), server, "x25519", keyFile(dir, "secho.key", KEY),
                    "a\nb\n", dir, "--fault", "nonce-reuse");
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(List.of("A"), run.outLines(), run.toString());
            assertTrue(run.err().contains("the server sent alert bad_sequence (encrypted)"), run.toString());
            assertTrue(awaitLog(log, 1).get(0).contains("bad_sequence"), log.toString());
        }
    }

    @Test
    void everyFaultNamesTheRequirementItBreaks(@TempDir Path dir) throws Exception {
        PythonRun run = PythonRun.run(PythonLabServer.pythons().get(0), SCRIPT, List.of("--list-faults"), "",
                RUN_LIMIT, dir);
        assertEquals(0, run.exitCode(), run.toString());
        List<String> faults = run.outLines();
        assertTrue(faults.size() >= 18, "at least 18 faults:\n" + run.out());
        for (String line : faults) {
            assertTrue(line.matches("[a-z0-9-]+ +REQ-[A-Z]+-\\d+(, REQ-[A-Z]+-\\d+)*: .+"), line);
        }
    }
}
