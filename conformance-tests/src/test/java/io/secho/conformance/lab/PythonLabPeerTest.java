package io.secho.conformance.lab;

import io.secho.cli.SechoCli;
import io.secho.crypto.SystemRandomBytes;
import io.secho.lab.LabClient;
import io.secho.lab.LabClientConfig;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabVariant;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python lab server (src/test/python/lab_server.py, written from spec/lab-profile.md alone) as an
 * independent peer: the reference lab client talks to it in every knob combination, the harness gives it
 * a verdict, and each of its deliberately weak modes is caught by the case meant for it.
 */
// Alone: it starts servers of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(300)
class PythonLabPeerTest {
    private static final byte[] KEY_32 = new SystemRandomBytes().nextBytes(32);
    private static final byte[] KEY_16 = new SystemRandomBytes().nextBytes(16);

    /** A Python server's arguments, and the profile our side uses for it. */
    private record Combination(List<String> server, LabProfile client, String keyForm) {
    }

    private static List<Combination> combinations() {
        LabProfile sec = LabProfile.defaults(LabVariant.SEC);
        LabProfile dh = LabProfile.defaults(LabVariant.DH);
        return List.of(
                new Combination(List.of("--variant", "sec"), sec, ""),
                new Combination(List.of("--variant", "sec", "--nonce-length", "16", "--aad", "6c6162"),
                        sec.withNonceLength(16).withAad("lab".getBytes(StandardCharsets.US_ASCII)), ""),
                new Combination(List.of("--variant", "sec", "--plaintext-replies"), sec.withPlaintextReplies(true), ""),
                new Combination(List.of("--variant", "dh"), dh, ""),
                new Combination(List.of("--variant", "dh", "--server-sends-key-first"), dh.withServerSendsKeyFirst(true), ""),
                new Combination(List.of("--variant", "dh", "--key-encoding", "der", "--key-format", "pkcs3"),
                        dh.withKeyEncoding(LabProfile.KeyEncoding.DER), "DER PKCS#3"),
                new Combination(List.of("--variant", "dh", "--key-format", "x942"),
                        dh.withKeyFormat(LabProfile.KeyFormat.X942), "PEM X9.42"),
                new Combination(List.of("--variant", "dh", "--key-format", "pkcs3", "--hkdf-info", "my lab",
                        "--nonce-length", "16", "--aad", "00ff"), dh.withHkdfInfo("my lab").withNonceLength(16)
                        .withAad(new byte[] {0, (byte) 0xff}).withKeyFormat(LabProfile.KeyFormat.X942)
                        .withKeyEncoding(LabProfile.KeyEncoding.DER), "PEM PKCS#3"),
                new Combination(List.of("--variant", "dh", "--plaintext-replies", "--server-sends-key-first"),
                        dh.withPlaintextReplies(true).withServerSendsKeyFirst(true), ""));
    }

    @Test
    void referenceClientTalksToThePythonServerInEveryKnobCombination(@TempDir Path dir) throws Exception {
        List<String> done = new ArrayList<>();
        for (PythonLabServer.Python python : PythonLabServer.pythons()) {
            for (Combination combination : combinations()) {
                boolean aes128 = combination.server().contains("--plaintext-replies");
                List<String> arguments = withKey(combination.server(), dir, aes128 ? KEY_16 : KEY_32);
                try (PythonLabServer server = PythonLabServer.start(python, dir, arguments)) {
                    Optional<LabKey> key = combination.client().variant() == LabVariant.SEC
                            ? Optional.of(LabKey.of(aes128 ? KEY_16 : KEY_32)) : Optional.empty();
                    LabClientConfig config = new LabClientConfig("127.0.0.1", server.port(), combination.client(), key,
                            Duration.ofSeconds(10), new SystemRandomBytes());
                    String what = python + " " + arguments;
                    try (LabClient client = LabClient.connect(config)) {
                        assertEquals("HELLO, PYTHON", client.echo("hello, python"), what);
                        assertEquals("STRASSE \u0399\u0308\u0301 FI", client.echo("straße ΐ ﬁ"), what);
                        assertTrue(client.handshake().contains(combination.keyForm()), what + ": " + client.handshake());
                    } catch (IOException | RuntimeException e) {
                        throw new AssertionError(what + ": " + e + "\nserver log:\n" + server.log(), e);
                    }
                    done.add(what);
                }
            }
        }
        assertTrue(done.size() >= combinations().size(), "ran " + done);
    }

    @Test
    void nativeKeysOfEachCryptographyVersionAreAccepted(@TempDir Path dir) throws Exception {
        for (PythonLabServer.Python python : PythonLabServer.pythons()) {
            try (PythonLabServer server = PythonLabServer.start(python, dir, List.of("--variant", "dh"))) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = SechoCli.execute(new String[] {"client", "--profile", "lab", "--port",
                        String.valueOf(server.port()), "--message", "native key"}, new PrintWriter(out, true),
                        new PrintWriter(err, true), Map.of());
                assertEquals(0, code, python + ": " + err + "\nserver log:\n" + server.log());
                assertEquals("NATIVE KEY", out.toString().strip());
                // Debian's 38 writes PKCS#3, 48 writes X9.42: either way the CLI says which it got.
                assertTrue(err.toString().contains("the peer sent a PEM "), err.toString());
            }
        }
    }

    @Test
    void harnessFindsOnlyTheInherentWeaknessesOnTheRobustPythonServer(@TempDir Path dir) throws Exception {
        for (PythonLabServer.Python python : PythonLabServer.pythons()) {
            for (List<String> arguments : List.of(List.of("--variant", "sec"), List.of("--variant", "dh"),
                    List.of("--variant", "dh", "--sequential", "--server-sends-key-first"),
                    List.of("--variant", "dh", "--asyncio"))) {
                List<String> serverArguments = withKey(arguments, dir, KEY_32);
                try (PythonLabServer server = PythonLabServer.start(python, dir, serverArguments)) {
                    Map<String, String> options = harnessOptions(serverArguments);
                    LabHarness.Result result = LabHarness.run(Optional.of(server.target()), options, dir.resolve("reports"));
                    String what = python + " " + serverArguments + ":\n" + result.output() + "\nserver log:\n" + server.log();
                    assertEquals(LabHarnessTest.INHERENT, result.found(), what);
                    assertEquals(0, result.summary().mustFailures(), what);
                }
            }
        }
    }

    /** Each weak mode of the Python server, the cases run against it, and what they must find. */
    enum WeakMode {
        NEWLINE_PREFIX("newline-prefix", "sec", "LAB-001,LAB-008", List.of("LAB-008"), "LAB-W3", "took it for the end marker"),
        NONCE_REUSE("nonce-reuse", "sec", "LAB-005", List.of("LAB-005"), "LAB-W1", "under the client's nonce"),
        COUNTER_NONCE("counter-nonce", "sec", "LAB-005,LAB-006", List.of("LAB-006"), "LAB-W1", "already used by reply 1"),
        ECHO_FORGED("echo-forged", "sec", "LAB-010", List.of("LAB-010"), "LAB-W2", "does not check the tag"),
        CRASH_ON_FORGED_TAG("crash-on-bad-record", "dh", "LAB-010", List.of("LAB-010"), "LAB-W6", "is not served"),
        CRASH_ON_SHORT_BYTES("crash-on-bad-record", "sec", "LAB-011", List.of("LAB-011"), "LAB-W6", "is not served"),
        FREEZE_AFTER_FIN("freeze-on-disconnect", "dh", "LAB-012", List.of("LAB-012"), "LAB-W4", "kept the connection open"),
        FREEZE_AFTER_RESET("freeze-on-disconnect", "sec", "LAB-013", List.of("LAB-013"), "LAB-W4", "(the server hangs)"),
        ASCII_ONLY_UPPER("ascii-upper", "sec", "LAB-002,LAB-003,LAB-004", List.of("LAB-003", "LAB-004"), "LAB-R4",
                "Python's str.upper()"),
        REUSED_DH_KEY_PAIR("reuse-dh-key", "dh", "LAB-001,LAB-015", List.of("LAB-015"), "LAB-W13",
                "the same DH public key in two sessions"),
        // The harness is told the replies are plaintext (else LAB-001 fails first); LAB-016 still finds it.
        PLAINTEXT_REPLIES("plaintext-replies", "dh", "LAB-016", List.of("LAB-016"), "LAB-W11", "in plaintext");

        final String mode;
        final String variant;
        final String cases;
        final List<String> mustFail;
        final String cited;
        final String message;

        WeakMode(String mode, String variant, String cases, List<String> mustFail, String cited, String message) {
            this.mode = mode;
            this.variant = variant;
            this.cases = cases;
            this.mustFail = mustFail;
            this.cited = cited;
            this.message = message;
        }
    }

    @ParameterizedTest
    @EnumSource(WeakMode.class)
    void harnessCatchesEachWeakMode(WeakMode weak, @TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        List<String> arguments = withKey(List.of("--variant", weak.variant, "--weak", weak.mode), dir, KEY_32);
        Map<String, String> options = harnessOptions(arguments);
        if (weak == WeakMode.PLAINTEXT_REPLIES) {
            options.put(LabProfileOptions.PLAINTEXT_REPLIES, "true");
        }
        Judged judged = judge(python, arguments, options, dir, TargetConfig.CASE, weak.cases);
        assertEquals(weak.mustFail, judged.result().ids(Verdict.FAIL, Verdict.WARN), judged.what());
        for (String id : weak.mustFail) {
            String message = judged.result().message(id);
            assertTrue(message.startsWith(weak.cited + ":") || message.startsWith(weak.cited + ","), judged.what());
            assertTrue(message.contains(weak.message), id + " should say '" + weak.message + "':\n" + message);
            assertTrue(!message.contains("the harness could not complete"), "a finding, not a crash: " + message);
        }
    }

    /** A harness run against a Python server, and everything a failure message needs to explain it. */
    private record Judged(LabHarness.Result result, String what) {
    }

    /** Starts the server, runs the harness against it (I/O timeout 2 s) with the options and parameters given. */
    private static Judged judge(PythonLabServer.Python python, List<String> arguments, Map<String, String> options,
                                Path dir, String... parameters) throws IOException {
        List<String> extra = new ArrayList<>(List.of(parameters));
        extra.addAll(List.of(TargetConfig.IO_TIMEOUT, "2s"));
        try (PythonLabServer server = PythonLabServer.start(python, dir, arguments)) {
            LabHarness.Result result = LabHarness.run(Optional.of(server.target()), options, dir.resolve("reports"),
                    extra.toArray(String[]::new));
            return new Judged(result, python + " " + arguments + " " + options + ":\n" + result.output()
                    + "\nserver log:\n" + server.log());
        }
    }

    /** How the harness can be told wrong about a server: the run stops at LAB-001 and finds nothing. */
    enum Mismatch {
        // Today's classic: the server's key arrives first, our first record would be read with our key.
        SERVER_SENDS_KEY_FIRST(List.of("--variant", "dh", "--server-sends-key-first", "--sequential"), Map.of(),
                "run with --server-sends-key-first"),
        NONCE_LENGTH(List.of("--variant", "sec", "--nonce-length", "16"), Map.of(), "--nonce-length"),
        HKDF_INFO(List.of("--variant", "dh", "--hkdf-info", ""), Map.of(), "--hkdf-info"),
        PLAINTEXT_REPLIES(List.of("--variant", "sec", "--plaintext-replies"), Map.of(),
                "the reply is the plaintext echo"),
        NOT_PLAINTEXT(List.of("--variant", "dh"), Map.of(LabProfileOptions.PLAINTEXT_REPLIES, "true"),
                "drop --plaintext-replies");

        final List<String> server;
        final Map<String, String> wrongKnobs;
        final String named;

        Mismatch(List<String> server, Map<String, String> wrongKnobs, String named) {
            this.server = server;
            this.wrongKnobs = wrongKnobs;
            this.named = named;
        }
    }

    /** A knob that does not match the server: LAB-001 fails naming it, every other case is BLOCKED, nothing FOUND. */
    @ParameterizedTest
    @EnumSource(Mismatch.class)
    void aMismatchedKnobBlocksEveryCaseAndFindsNoWeakness(Mismatch mismatch, @TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        List<String> arguments = withKey(mismatch.server, dir, KEY_32);
        // Told what the harness assumes by default: the server's own knobs are left out on purpose.
        Map<String, String> options = new LinkedHashMap<>(Map.of(LabProfileOptions.VARIANT, arguments.get(1)));
        options.putAll(mismatch.wrongKnobs);
        harnessOptions(arguments).entrySet().stream().filter(e -> e.getKey().equals(LabProfileOptions.KEY_FILE))
                .forEach(e -> options.put(e.getKey(), e.getValue()));
        Judged judged = judge(python, arguments, options, dir);
        LabHarness.Result result = judged.result();
        assertEquals(List.of("LAB-001"), result.ids(Verdict.FAIL, Verdict.WARN, Verdict.ERROR), judged.what());
        assertEquals(result.summary().cases().size() - 1, result.ids(Verdict.BLOCKED).size(), judged.what());
        assertTrue(result.message("LAB-001").contains(mismatch.named), judged.what());
        LabHarnessTest.assertNoWeaknessFoundOrAbsent(result);
    }

    /** The lab programs hard-code their key; typed into a file it is 32 hex digits, read as hex unless told raw. */
    @Test
    void aKeyTypedAsHexDigitsIsAmbiguousAndTheFormatOptionSettlesIt(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        Path typed = Files.writeString(dir.resolve("typed.key"), "0123456789abcdef0123456789abcdef");
        List<String> arguments = List.of("--variant", "sec", "--key-file", typed.toString(), "--key-file-format", "raw",
                "--asyncio");
        try (PythonLabServer server = PythonLabServer.start(python, dir, arguments)) {
            Map<String, String> options = new LinkedHashMap<>(Map.of(LabProfileOptions.KEY_FILE, typed.toString()));
            LabHarness.Result auto = LabHarness.run(Optional.of(server.target()), options, dir.resolve("reports"));
            String message = auto.message("LAB-001");
            assertTrue(message.contains("AMBIGUOUS") && message.contains("try --key-file-format raw"), auto.output());
            LabHarnessTest.assertNoWeaknessFoundOrAbsent(auto);
            options.put(LabProfileOptions.KEY_FILE_FORMAT, "raw");
            LabHarness.Result raw = LabHarness.run(Optional.of(server.target()), options, dir.resolve("reports"));
            assertEquals(LabHarnessTest.INHERENT, raw.found(), raw.output() + "\nserver log:\n" + server.log());
        }
    }

    /** A server frozen by LAB-012 BLOCKS the cases after it; LAB-013 no longer reports the freeze as its own. */
    @Test
    void aServerFrozenByOneCaseBlocksTheRestInsteadOfFailingThem(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        List<String> arguments = withKey(List.of("--variant", "sec", "--weak", "freeze-on-disconnect"), dir, KEY_32);
        Judged judged = judge(python, arguments, harnessOptions(arguments), dir, TargetConfig.CASE,
                "LAB-011,LAB-012,LAB-013,LAB-014");
        LabHarness.Result result = judged.result();
        assertEquals(List.of("LAB-012"), result.ids(Verdict.FAIL, Verdict.WARN), judged.what());
        assertEquals(List.of("LAB-013", "LAB-014"), result.ids(Verdict.BLOCKED), judged.what());
        assertTrue(result.output().contains("the server has not answered since LAB-012: LAB-013 LAB-014"), judged.what());
        assertTrue(result.output().matches("(?s).*\\n  LAB-W5 +not checked .*"), judged.what());
        assertEquals(List.of("LAB-W4"), result.found(), judged.what());
    }

    /** --lab-detect against an independent peer that uses none of the defaults the harness assumes. */
    @Test
    void labDetectFindsTheSettingsOfThePythonServer(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        List<String> arguments = List.of("--variant", "dh", "--asyncio", "--server-sends-key-first", "--hkdf-info", "",
                "--nonce-length", "16", "--key-encoding", "der");
        try (PythonLabServer server = PythonLabServer.start(python, dir, arguments)) {
            MainRun detect = MainRun.of("--profile", "lab", "--target", server.target(), "--lab-detect");
            String printed = detect.out();
            assertEquals(0, detect.exitCode(), printed + detect.err() + "\nserver log:\n" + server.log());
            assertTrue(printed.matches("(?s).*\\n  java -jar \\S+ --profile lab --lab-variant dh --nonce-length 16 "
                    + "--hkdf-info '' --server-sends-key-first --target " + server.target() + "\\R.*"), printed);
        }
    }

    /** The server's arguments with the key file added for the sec variant. */
    private static List<String> withKey(List<String> arguments, Path dir, byte[] key) throws IOException {
        if (!arguments.contains("sec")) {
            return arguments;
        }
        Path file = Files.write(dir.resolve("lab-" + key.length + ".key"), key);
        List<String> with = new ArrayList<>(arguments);
        with.addAll(List.of("--key-file", file.toString()));
        return with;
    }

    /** The harness's options for a server started with these arguments: the same names, minus the server's own. */
    private static Map<String, String> harnessOptions(List<String> serverArguments) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < serverArguments.size(); i++) {
            String argument = serverArguments.get(i);
            String value = i + 1 < serverArguments.size() ? serverArguments.get(i + 1) : "";
            switch (argument) {
                case "--variant" -> options.put(LabProfileOptions.VARIANT, value);
                case "--key-file", "--nonce-length", "--aad", "--hkdf-info" -> options.put(argument, value);
                case "--server-sends-key-first", "--plaintext-replies" -> options.put(argument, "true");
                default -> {
                    // --weak, --sequential, --key-format, --key-encoding: how the server behaves, not what we send.
                }
            }
        }
        return options;
    }
}
