package io.secho.conformance.lab;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.InProcessHarness;
import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import io.secho.lab.LabProfileOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab client cases ({@code --profile lab --client-command}) against lab clients whose faults are known: the
 * reference lab client and src/test/python/lab_client.py, which have none and pass every case in both variants;
 * each weak mode of lab_client.py, caught by the case meant for it and by no other; and clients that do nothing,
 * which never pass.
 */
// Alone: it starts processes of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(300)
class LabClientCasesTest {
    static final List<String> CASES = List.of("LAB-017", "LAB-018", "LAB-019", "LAB-020");
    /** The sec variant's key: 32 raw bytes that are no hex text, so the file reads one way only. */
    private static final byte[] KEY = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final Path LAB_CLIENT = Path.of("src/test/python/lab_client.py");

    private static final Map<String, String> SEC = Map.of(LabProfileOptions.VARIANT, "sec");
    private static final Map<String, String> DH = Map.of(LabProfileOptions.VARIANT, "dh");

    /** The lab cases for a client command, with the knobs given (the key file added for sec), as the jar runs them. */
    static InProcessHarness.Result run(String command, Map<String, String> knobs, Path dir, String... extra)
            throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB);
        parameters.put(ClientTargetConfig.CLIENT_COMMAND, command);
        parameters.put(ClientTargetConfig.CLIENT_RUN_TIMEOUT, "30s");
        parameters.put(TargetConfig.SEED, "4711");
        withKeyFileIfSec(knobs, dir).forEach((option, value) -> parameters.put(LabTargetConfig.parameterName(option),
                value));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        return InProcessHarness.runWithOnly(parameters, dir.resolve("reports"));
    }

    private static Map<String, String> withKeyFileIfSec(Map<String, String> knobs, Path dir) throws IOException {
        Map<String, String> with = new LinkedHashMap<>(knobs);
        if ("sec".equals(knobs.get(LabProfileOptions.VARIANT))) {
            with.put(LabProfileOptions.KEY_FILE, keyFile(dir).toString());
        }
        return with;
    }

    private static Path keyFile(Path dir) throws IOException {
        Path file = dir.resolve("lab.key");
        return Files.exists(file) ? file : Files.write(file, KEY);
    }

    /** A command line word as a shell reads it back: single-quoted. */
    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The reference lab client from the test's own class path: what {@code secho-reference.jar client} runs. */
    private static String referenceClient(Map<String, String> knobs, Path dir) throws IOException {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.secho.cli.SechoCli", "client", "--profile", "lab",
                "--host", "{host}", "--port", "{port}", "--timeout", "5s"));
        withKeyFileIfSec(knobs, dir).forEach((option, value) -> {
            words.add(option);
            if (!value.equals("true")) {
                words.add(value);
            }
        });
        return words.stream().map(LabClientCasesTest::quoted).collect(Collectors.joining(" "));
    }

    /** lab_client.py with the same knobs (its variant option is --variant), and the weak modes given. */
    private static String pythonClient(Map<String, String> knobs, Path dir, String... weak) throws IOException {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        List<String> words = new ArrayList<>(List.of(python.command(), LAB_CLIENT.toString(), "--host", "{host}",
                "--port", "{port}", "--timeout", "5"));
        withKeyFileIfSec(knobs, dir).forEach((option, value) -> {
            words.add(option.equals(LabProfileOptions.VARIANT) ? "--variant" : option);
            if (!value.equals("true")) {
                words.add(value);
            }
        });
        for (String mode : weak) {
            words.addAll(List.of("--weak", mode));
        }
        return words.stream().map(LabClientCasesTest::quoted).collect(Collectors.joining(" "));
    }

    private static void assertEveryCasePasses(InProcessHarness.Result result, List<String> skipped) {
        List<String> passed = new ArrayList<>(CASES);
        passed.removeAll(skipped);
        assertEquals(passed, result.ids(Verdict.PASS), result.output());
        assertEquals(skipped, result.ids(Verdict.SKIP), result.output());
        assertEquals(CASES.size(), result.summary().cases().size(), "only the lab client cases run:\n" + result.output());
    }

    @Test
    void theReferenceLabClientPassesEveryCaseInBothVariants(@TempDir Path dir) throws IOException {
        assertEveryCasePasses(run(referenceClient(SEC, dir), SEC, dir), List.of());
        Map<String, String> dh = Map.of(LabProfileOptions.VARIANT, "dh", LabProfileOptions.SERVER_SENDS_KEY_FIRST,
                "true", LabProfileOptions.KEY_ENCODING, "der", LabProfileOptions.KEY_FORMAT, "x942",
                LabProfileOptions.HKDF_INFO, "lab 3", LabProfileOptions.NONCE_LENGTH, "16");
        assertEveryCasePasses(run(referenceClient(dh, dir), dh, dir), List.of());
    }

    /** {@code --client-reference} with the lab profile runs the reference lab client with the run's own knobs. */
    @Test
    void theClientReferenceShorthandRunsTheReferenceLabClient(@TempDir Path dir) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB);
        parameters.put(ClientTargetConfig.CLIENT_REFERENCE, "true");
        parameters.put(LabTargetConfig.parameterName(LabProfileOptions.VARIANT), "dh");
        InProcessHarness.Result result = InProcessHarness.runWithOnly(parameters, dir);
        assertEveryCasePasses(result, List.of());
        assertTrue(result.output().contains("the reference lab client"), result.output());
    }

    @Test
    void thePythonLabClientPassesEveryCaseInEveryKnobCombination(@TempDir Path dir) throws IOException {
        List<Map<String, String>> combinations = List.of(SEC, DH,
                Map.of(LabProfileOptions.VARIANT, "sec", LabProfileOptions.NONCE_LENGTH, "16", LabProfileOptions.AAD,
                        "6c6162"),
                Map.of(LabProfileOptions.VARIANT, "dh", LabProfileOptions.SERVER_SENDS_KEY_FIRST, "true",
                        LabProfileOptions.HKDF_INFO, "", LabProfileOptions.AAD, "00ff"));
        for (Map<String, String> knobs : combinations) {
            assertEveryCasePasses(run(pythonClient(knobs, dir), knobs, dir), List.of());
        }
        Map<String, String> plaintext = Map.of(LabProfileOptions.VARIANT, "sec", LabProfileOptions.PLAINTEXT_REPLIES,
                "true");
        InProcessHarness.Result result = run(pythonClient(plaintext, dir), plaintext, dir);
        assertEveryCasePasses(result, List.of("LAB-018", "LAB-020"));
        assertTrue(result.result("LAB-018").message().contains("--plaintext-replies"), result.output());
    }

    /** Each weak mode is found by the case meant for it, named as its weakness, and by no other case. */
    @Test
    void eachWeakModeOfThePythonLabClientIsCaughtByItsOwnCase(@TempDir Path dir) throws IOException {
        record Weak(String mode, Map<String, String> knobs, String caseId, String cites, String says) {
        }
        List<Weak> modes = List.of(
                new Weak("accept-forged-reply", SEC, "LAB-018", "LAB-W2", "the text of the reply whose tag does not verify"),
                new Weak("accept-forged-reply", DH, "LAB-018", "LAB-W2", "the text of the reply whose tag does not verify"),
                new Weak("reuse-nonce", DH, "LAB-019", "LAB-W1", "record 2 carries the nonce"),
                new Weak("counter-nonce", SEC, "LAB-019", "LAB-W1", "a nonce must not come back in a later session"),
                new Weak("newline-ends-session", SEC, "LAB-020", "LAB-W3", "instead of its third message"),
                new Weak("no-end-marker", DH, "LAB-017", "LAB-R5", "FIN without the end marker"));
        for (Weak weak : modes) {
            InProcessHarness.Result result = run(pythonClient(weak.knobs(), dir, weak.mode()), weak.knobs(), dir);
            String what = weak.mode() + " " + weak.knobs() + ":\n" + result.output();
            assertEquals(List.of(weak.caseId()), result.ids(Verdict.FAIL, Verdict.BLOCKED, Verdict.ERROR), what);
            assertEquals(CASES.size() - 1, result.ids(Verdict.PASS).size(), what);
            String message = result.result(weak.caseId()).message();
            assertTrue(message.contains(weak.cites()) && message.contains(weak.says()), what);
        }
        // In the dh variant every session has its own key: nonces that restart per session are no reuse.
        InProcessHarness.Result counter = run(pythonClient(DH, dir, "counter-nonce"), DH, dir);
        assertEveryCasePasses(counter, List.of());
    }

    /** A client whose knobs differ from the run's fails LAB-017, naming the knobs to check, and finds nothing. */
    @Test
    void aClientWithOtherSettingsFailsTheSessionCaseAndBlocksTheProbes(@TempDir Path dir) throws IOException {
        Map<String, String> other = Map.of(LabProfileOptions.VARIANT, "dh", LabProfileOptions.HKDF_INFO, "other info");
        InProcessHarness.Result result = run(pythonClient(other, dir), DH, dir);
        assertEquals(List.of("LAB-017"), result.ids(Verdict.FAIL), result.output());
        assertEquals(List.of("LAB-018", "LAB-019", "LAB-020"), result.ids(Verdict.BLOCKED), result.output());
        String message = result.result("LAB-017").message();
        assertTrue(message.contains("record 1 does not open under the session key") && message.contains("--hkdf-info")
                && message.contains("LAB-R2"), message);
    }

    /**
     * No PASS without evidence: a client that never connects ({@code true}, {@code cat}), hangs ({@code sleep}), or
     * talks but prints nothing. (Every command must have {port}: the shell's $0 takes it where the program has no
     * use for it.)
     */
    @Test
    void clientsThatDoNothingFailOrAreBlockedNeverPass(@TempDir Path dir) throws IOException {
        String talksButPrintsNothing = "sh -c " + quoted(pythonClient(SEC, dir) + " > /dev/null");
        for (String command : List.of("true --port {port}", "sh -c cat {port}", "sh -c 'sleep 1000' {port}",
                talksButPrintsNothing)) {
            InProcessHarness.Result result = run(command, SEC, dir, ClientTargetConfig.CLIENT_RUN_TIMEOUT, "2s");
            String what = command + ":\n" + result.output();
            assertEquals(List.of("LAB-017"), result.ids(Verdict.FAIL), what);
            assertEquals(List.of("LAB-018", "LAB-019", "LAB-020"), result.ids(Verdict.BLOCKED), what);
            assertTrue(result.result("LAB-018").message().contains("the client did not talk to the lab test server "
                    + "(see LAB-017)"), what);
        }
    }

    @Test
    void theCommandLineRunsTheLabClientCasesAndListsThem(@TempDir Path dir) throws IOException {
        MainRun nothing = MainRun.of("--profile", "lab", "--lab-variant", "sec", "--key-file", keyFile(dir).toString(),
                "--client-command", "true --port {port}", "--report-dir", dir.resolve("reports").toString());
        assertEquals(1, nothing.exitCode(), nothing.out() + nothing.err());
        assertTrue(nothing.out().contains("target client command: true --port {port}") && nothing.out().matches(
                "(?s).*\\nFAIL +LAB-017 .*") && nothing.out().contains("the client never connected"), nothing.out());
        assertFalse(nothing.out().contains("LAB-001"), "a client run runs no lab server case:\n" + nothing.out());

        MainRun list = MainRun.of("--profile", "lab", "--list");
        assertEquals(0, list.exitCode(), list.err());
        for (String id : CASES) {
            assertTrue(list.out().contains(id), id + " is not listed:\n" + list.out());
        }
        assertTrue(list.out().contains("LAB-001"), list.out());
        MainRun json = MainRun.of("--profile", "lab", "--list", "--json");
        assertEquals(0, json.exitCode(), json.err());
        for (com.google.gson.JsonElement item : com.google.gson.JsonParser.parseString(json.out()).getAsJsonObject()
                .getAsJsonArray("cases")) {
            String id = item.getAsJsonObject().get("id").getAsString();
            assertEquals(CASES.contains(id) ? "client" : "server", item.getAsJsonObject().get("role").getAsString(), id);
        }
        assertTrue(CaseCatalog.all(true).stream().map(e -> e.descriptor().id()).toList().containsAll(CASES));
    }

    @Test
    void mistakesOfALabClientRunAreUsageErrors(@TempDir Path dir) throws IOException {
        String key = keyFile(dir).toString();
        String[][] mistakes = {
            {"--profile", "lab", "--key-file", key, "--client-command", "client --port {port}", "--target",
                "127.0.0.1:1"},
            {"--profile", "lab", "--lab-variant", "dh", "--client-command", "client --port {port}", "--lab-detect"},
            {"--profile", "lab", "--lab-variant", "sec", "--client-command", "client --port {port}"},
            {"--profile", "lab", "--lab-variant", "dh", "--client-command", "client --port {port} --key {psk_file}"},
            {"--profile", "lab", "--lab-variant", "dh", "--client-command", "true"},
            {"--profile", "lab", "--lab-variant", "dh", "--client-command", "client --port {port}",
                "--client-run-timeout", "0s"}};
        for (String[] args : mistakes) {
            MainRun run = MainRun.of(args);
            String what = String.join(" ", args) + ":\n" + run.out() + run.err();
            assertEquals(2, run.exitCode(), what);
            assertEquals(2, run.err().strip().lines().count(), "one line and a hint: " + what);
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), what);
        }
    }
}
