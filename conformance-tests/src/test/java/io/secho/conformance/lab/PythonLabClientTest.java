package io.secho.conformance.lab;

import io.secho.conformance.clients.PythonRun;
import io.secho.crypto.SystemRandomBytes;
import io.secho.lab.LabCipher;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProtocolException;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.lab.LabVariant;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * src/test/python/lab_client.py, the Python lab peer's client (written from spec/lab-profile.md), against the
 * Python lab server and the reference lab server in their knob combinations, and against a scripted lab
 * server that shows what its weak modes put back: a forged reply printed, a nonce used twice, a reply that
 * begins with 0x0a taken for the end marker.
 */
// Alone: it starts processes of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(300)
class PythonLabClientTest {
    private static final Path CLIENT = Path.of("src/test/python/lab_client.py");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(45);
    private static final byte[] KEY = new SystemRandomBytes().nextBytes(32);
    private static final String MESSAGES = "hello, python\nstraße \u0390 \uFB01\n";
    private static final List<String> REPLIES = List.of("HELLO, PYTHON", "STRASSE \u0399\u0308\u0301 FI");

    /** The same knobs for both sides; the server's key form and encoding are its own (the client accepts all). */
    private static final List<List<String>> COMBINATIONS = List.of(
            List.of("--variant", "sec"),
            List.of("--variant", "sec", "--nonce-length", "16", "--aad", "6c6162"),
            List.of("--variant", "sec", "--plaintext-replies"),
            List.of("--variant", "dh"),
            List.of("--variant", "dh", "--server-sends-key-first"),
            List.of("--variant", "dh", "--hkdf-info", "my lab", "--nonce-length", "16", "--aad", "00ff"),
            List.of("--variant", "dh", "--hkdf-info", ""));

    private static Path keyFile(Path dir) throws IOException {
        Path file = dir.resolve("lab.key");
        return Files.exists(file) ? file : Files.write(file, KEY);
    }

    private static List<String> withKey(List<String> arguments, Path dir) throws IOException {
        List<String> with = new ArrayList<>(arguments);
        if (arguments.contains("sec")) {
            with.addAll(List.of("--key-file", keyFile(dir).toString()));
        }
        return with;
    }

    private static PythonRun client(PythonLabServer.Python python, int port, List<String> knobs, String stdin,
                                    Path dir, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--port", String.valueOf(port), "--timeout", "10"));
        arguments.addAll(knobs);
        arguments.addAll(List.of(more));
        return PythonRun.run(python, CLIENT, arguments, stdin, RUN_LIMIT, dir);
    }

    @Test
    void talksToThePythonLabServerInEveryKnobCombinationWithEveryPython(@TempDir Path dir) throws Exception {
        List<String> server = List.of("--key-format", "x942", "--key-encoding", "der");
        for (PythonLabServer.Python python : PythonLabServer.pythons()) {
            for (List<String> combination : COMBINATIONS) {
                List<String> knobs = withKey(combination, dir);
                List<String> serverArguments = new ArrayList<>(knobs);
                if (combination.contains("--server-sends-key-first")) {
                    serverArguments.addAll(server); // the other key form and encoding, once
                }
                try (PythonLabServer labServer = PythonLabServer.start(python, dir, serverArguments)) {
                    PythonRun run = client(python, labServer.port(), knobs, MESSAGES, dir);
                    String what = python + " " + serverArguments + ": " + run + "\nserver log:\n" + labServer.log();
                    assertEquals(0, run.exitCode(), what);
                    assertEquals(REPLIES, run.outLines(), what);
                    awaitLogLine(labServer, "2 message(s) echoed; the client sent the end marker", what);
                }
            }
        }
    }

    private static void awaitLogLine(PythonLabServer server, String expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!server.log().contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.log().contains(expected), what);
    }

    @Test
    void talksToTheReferenceLabServer(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        LabProfile sec = LabProfile.defaults(LabVariant.SEC);
        LabProfile dh = LabProfile.defaults(LabVariant.DH);
        List<LabProfile> profiles = List.of(sec, sec.withNonceLength(16).withAad(new byte[] {0x6c, 0x61, 0x62}),
                sec.withPlaintextReplies(true), dh, dh.withServerSendsKeyFirst(true),
                dh.withHkdfInfo("my lab").withNonceLength(16).withAad(new byte[] {0, (byte) 0xff})
                        .withKeyFormat(LabProfile.KeyFormat.X942).withKeyEncoding(LabProfile.KeyEncoding.DER));
        for (int i = 0; i < profiles.size(); i++) {
            LabProfile profile = profiles.get(i);
            List<String> log = new CopyOnWriteArrayList<>();
            Optional<LabKey> key = profile.variant() == LabVariant.SEC ? Optional.of(LabKey.of(KEY)) : Optional.empty();
            try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile, key).withLog(log::add))) {
                List<String> knobs = withKey(COMBINATIONS.get(i), dir);
                PythonRun run = client(python, server.port(), knobs, MESSAGES, dir);
                String what = profile.describe() + ": " + run + "\nserver log: " + log;
                assertEquals(0, run.exitCode(), what);
                assertEquals(REPLIES, run.outLines(), what);
            }
        }
    }

    /** The weak mode accept-forged-reply prints a reply whose tag does not verify; the correct client does not. */
    @Test
    void aForgedReplyIsNotPrinted(@TempDir Path dir) throws Exception {
        UnaryOperator<byte[]> forge = record -> {
            byte[] forged = record.clone();
            forged[forged.length - 1] ^= 1;
            return forged;
        };
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        try (ScriptedLabServer server = ScriptedLabServer.start(forge, null)) {
            PythonRun run = client(python, server.port(), withKey(COMBINATIONS.get(0), dir), MESSAGES, dir);
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertTrue(run.err().contains("the reply's tag does not verify"), run.toString());
        }
        try (ScriptedLabServer server = ScriptedLabServer.start(forge, null)) {
            PythonRun run = client(python, server.port(), withKey(COMBINATIONS.get(0), dir), MESSAGES, dir,
                    "--weak", "accept-forged-reply");
            assertEquals(REPLIES, run.outLines(), "the weak client prints the forged replies: " + run);
        }
    }

    /** Every record of the correct client carries a nonce of its own; reuse-nonce and counter-nonce do not. */
    @Test
    void noNonceIsUsedTwice(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        String three = "one\ntwo\nthree\n";
        List<String> correct = new ArrayList<>();
        for (int session = 0; session < 2; session++) {
            correct.addAll(nonces(python, dir, three));
        }
        assertEquals(6, correct.stream().distinct().count(), "six records, six nonces: " + correct);
        List<String> reused = nonces(python, dir, three, "--weak", "reuse-nonce");
        assertEquals(1, reused.stream().distinct().count(), "reuse-nonce: " + reused);
        List<String> counted = nonces(python, dir, three, "--weak", "counter-nonce");
        assertEquals(counted, nonces(python, dir, three, "--weak", "counter-nonce"),
                "counter-nonce starts again every session, under the sec variant's fixed key");
        assertNotEquals(counted.get(0), counted.get(1), counted.toString());
    }

    private static List<String> nonces(PythonLabServer.Python python, Path dir, String stdin, String... weak)
            throws Exception {
        try (ScriptedLabServer server = ScriptedLabServer.start(UnaryOperator.identity(), null)) {
            PythonRun run = client(python, server.port(), withKey(COMBINATIONS.get(0), dir), stdin, dir, weak);
            assertEquals(0, run.exitCode(), run.toString());
            List<String> seen = server.seen();
            assertEquals("END", seen.get(seen.size() - 1), seen.toString());
            return seen.subList(0, seen.size() - 1);
        }
    }

    /** A reply whose nonce begins with 0x0a is a reply like any other (LAB-W3 seen from the client). */
    @Test
    void aReplyBeginningWith0x0aDoesNotEndTheSession(@TempDir Path dir) throws Exception {
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 0x5a);
        nonce[0] = 0x0a;
        nonce[11] = 0x0a;
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        try (ScriptedLabServer server = ScriptedLabServer.start(UnaryOperator.identity(), nonce)) {
            PythonRun run = client(python, server.port(), withKey(COMBINATIONS.get(0), dir), MESSAGES, dir);
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(REPLIES, run.outLines(), run.toString());
            assertEquals(3, server.seen().size(), "two records and the end marker: " + server.seen());
            assertEquals("END", server.seen().get(2), server.seen().toString());
        }
        try (ScriptedLabServer server = ScriptedLabServer.start(UnaryOperator.identity(), nonce)) {
            PythonRun run = client(python, server.port(), withKey(COMBINATIONS.get(0), dir), MESSAGES, dir,
                    "--weak", "newline-ends-session");
            assertEquals("", run.out(), "newline-ends-session prints nothing: " + run);
            assertEquals(2, server.seen().size(), "one record, then the session ended: " + server.seen());
            assertEquals("FIN", server.seen().get(1), server.seen().toString());
        }
    }

    /**
     * A sec-variant lab server for one connection, with {@link #KEY}: one recv(9999) per message, as the lab's
     * servers read; it writes down each record's nonce (hex), then END for the end marker or FIN. Each reply is
     * the upper-cased message sealed under a random nonce (or the one given), then passed through {@code tamper}.
     */
    private static final class ScriptedLabServer implements AutoCloseable {
        private final ServerSocket listening;
        private final CompletableFuture<List<String>> seen = new CompletableFuture<>();

        private ScriptedLabServer(ServerSocket listening) {
            this.listening = listening;
        }

        static ScriptedLabServer start(UnaryOperator<byte[]> tamper, byte[] replyNonce) throws IOException {
            ScriptedLabServer server = new ScriptedLabServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            Thread thread = new Thread(() -> server.serve(tamper, replyNonce), "scripted-lab-server");
            thread.setDaemon(true);
            thread.start();
            return server;
        }

        private void serve(UnaryOperator<byte[]> tamper, byte[] replyNonce) {
            LabCipher cipher = new LabCipher(KEY, LabProfile.defaults(LabVariant.SEC));
            List<String> events = new ArrayList<>();
            try (Socket socket = listening.accept()) {
                socket.setSoTimeout(20_000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[LabProfile.MAX_READ];
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        events.add("FIN");
                        break;
                    }
                    byte[] record = Arrays.copyOf(buffer, n);
                    if (n == 1 && record[0] == LabProfile.END_MARKER) {
                        events.add("END");
                        break;
                    }
                    events.add(Hex.encode(cipher.nonceOf(record)));
                    byte[] upper = new String(cipher.open(record), StandardCharsets.UTF_8)
                            .toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                    byte[] reply = replyNonce != null ? cipher.seal(replyNonce, upper)
                            : cipher.seal(new SystemRandomBytes(), upper);
                    out.write(tamper.apply(reply));
                    out.flush();
                }
            } catch (IOException | LabProtocolException e) {
                events.add("FAILED: " + e);
            }
            seen.complete(events);
        }

        int port() {
            return listening.getLocalPort();
        }

        List<String> seen() throws Exception {
            return seen.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            listening.close();
        }
    }
}
