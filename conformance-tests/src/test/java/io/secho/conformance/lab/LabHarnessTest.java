package io.secho.conformance.lab;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.lab.LabVariant;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab cases against the reference lab server, in both variants and in knob combinations: it has no
 * fault, so the only findings are the two weaknesses inherent in the lab protocol, reported as SHOULD.
 */
// Alone: it starts servers of its own, and on two cores it must neither slow nor be slowed by the
// timing-sensitive FaultMatrixTest.
@Isolated
@Timeout(120)
class LabHarnessTest {
    private static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    /** What every server that follows the lab protocol has: no framing, no sequence numbers. */
    static final List<String> INHERENT = List.of("LAB-W5", "LAB-W7");

    static Stream<Map<String, String>> knobs() {
        return Stream.of(Map.of(LabProfileOptions.VARIANT, "sec"),
                Map.of(LabProfileOptions.VARIANT, "sec", LabProfileOptions.NONCE_LENGTH, "16",
                        LabProfileOptions.AAD, "0a0b0c"),
                Map.of(LabProfileOptions.VARIANT, "dh"),
                Map.of(LabProfileOptions.VARIANT, "dh", LabProfileOptions.SERVER_SENDS_KEY_FIRST, "true",
                        LabProfileOptions.KEY_ENCODING, "der", LabProfileOptions.KEY_FORMAT, "x942",
                        LabProfileOptions.HKDF_INFO, "lab 3"));
    }

    @ParameterizedTest
    @MethodSource("knobs")
    void referenceLabServerHasOnlyTheInherentWeaknesses(Map<String, String> knobs, @TempDir Path dir) throws IOException {
        Map<String, String> options = new LinkedHashMap<>(knobs);
        LabProfile profile = LabProfileOptions.parse(withKeyFileIfSec(options, dir));
        Optional<LabKey> key = profile.variant() == LabVariant.SEC ? Optional.of(LabKey.of(KEY)) : Optional.empty();
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, profile, key))) {
            LabHarness.Result result = LabHarness.run(Optional.of("127.0.0.1:" + server.port()), options, dir.resolve("reports"));
            assertEquals(INHERENT, result.found(), result.output());
            assertEquals(0, result.summary().mustFailures(), result.output());
            assertEquals(List.of("LAB-007", "LAB-014"), result.ids(Verdict.FAIL, Verdict.WARN), result.output());
            assertTrue(result.message("LAB-014").contains("inherent in the lab protocol"), result.message("LAB-014"));
            assertTrue(result.output().contains("LAB-W5        FOUND") && result.output().contains("LAB-W3        absent"),
                    result.output());
            String json = Files.readString(dir.resolve("reports/secho-conformance.json"));
            assertTrue(json.contains("\"protocol\": \"Secho lab profile (" + profile.variant().optionName()), json);
            assertTrue(json.contains("\"status\": \"found\""), "the JSON report marks found weaknesses");
        }
    }

    @Test
    void embeddedReferenceLabServerIsTheDefaultTarget(@TempDir Path dir) {
        LabHarness.Result result = LabHarness.run(Optional.empty(), Map.of(LabProfileOptions.VARIANT, "sec"), dir);
        assertEquals(INHERENT, result.found(), result.output());
        assertTrue(result.output().contains("conformance: embedded"), result.output());
    }

    /** Plaintext replies are a fault of the server, found by LAB-016's own probe, not only said in the header. */
    @Test
    void plaintextRepliesAreFoundAsAWeakness(@TempDir Path dir) throws IOException {
        LabProfile served = LabProfile.defaults(LabVariant.DH).withPlaintextReplies(true);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, served, Optional.empty()))) {
            LabHarness.Result result = LabHarness.run(Optional.of("127.0.0.1:" + server.port()),
                    Map.of(LabProfileOptions.VARIANT, "dh", LabProfileOptions.PLAINTEXT_REPLIES, "true"), dir);
            assertEquals(List.of("LAB-016"), result.ids(Verdict.FAIL), result.output());
            assertTrue(result.message("LAB-016").contains("in plaintext"), result.message("LAB-016"));
            assertTrue(result.output().matches("(?s).*\\n  LAB-W11 +FOUND .*"), result.output());
            assertEquals(List.of("LAB-W11", "LAB-W5", "LAB-W7"), result.found(), result.output());
        }
    }

    /** Nothing answers: LAB-001 fails at its time limit, the run stops, and no weakness is reported as found. */
    @Test
    void aServerThatNeverAnswersStopsTheRunAtLab001WithEveryWeaknessNotChecked(@TempDir Path dir) throws IOException {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            LabHarness.Result result = LabHarness.run(Optional.of("127.0.0.1:" + silent.getLocalPort()),
                    Map.of(LabProfileOptions.VARIANT, "dh"), dir, "secho.io-timeout", "500ms");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(result.message("LAB-001").contains("no answer within 500 ms (the server hangs)"),
                    result.message("LAB-001"));
            assertEquals(List.of("LAB-001"), result.ids(Verdict.FAIL, Verdict.WARN), result.output());
            // The lab server cases only: the lab client cases do not run against a server.
            assertEquals(CaseCatalog.selected(Map.of(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB)).size() - 1,
                    result.ids(Verdict.BLOCKED).size(), result.output());
            assertNoWeaknessFoundOrAbsent(result);
            assertTrue(result.output().contains("the first echo failed (see LAB-001): LAB-002"), result.output());
            assertTrue(seconds < 30, "the run took " + seconds + " s");
        }
    }

    @Test
    void aKnobThatDoesNotMatchTheServerIsNamedInTheChecklist(@TempDir Path dir) throws IOException {
        LabProfile served = LabProfile.defaults(LabVariant.DH).withPlaintextReplies(true);
        try (LabServer server = LabServer.start(LabServerConfig.loopback(0, served, Optional.empty()))) {
            LabHarness.Result result = LabHarness.run(Optional.of("127.0.0.1:" + server.port()),
                    Map.of(LabProfileOptions.VARIANT, "dh"), dir);
            assertEquals(List.of("LAB-001"), result.ids(Verdict.FAIL, Verdict.WARN), result.output());
            String message = result.message("LAB-001");
            assertTrue(message.contains("Checklist:") && message.contains("the reply is the plaintext echo")
                    && message.contains("--plaintext-replies") && message.contains("--lab-detect"), message);
            assertEquals(1, result.output().split("Checklist:", -1).length - 1, "one checklist:\n" + result.output());
            assertNoWeaknessFoundOrAbsent(result);
        }
    }

    /** Every weakness line of the report says "not checked": no probe ran, so nothing was found or ruled out. */
    static void assertNoWeaknessFoundOrAbsent(LabHarness.Result result) {
        assertEquals(List.of(), result.found(), result.output());
        for (Weakness weakness : Weakness.values()) {
            assertTrue(result.output().matches("(?s).*\\n  " + weakness.id() + " +not checked .*"),
                    weakness.id() + " should be 'not checked':\n" + result.output());
        }
    }

    /** IDs are stable and well formed, and every weakness a case looks for is one the appendix defines. */
    @Test
    void labCatalogueIsWellFormedAndMatchesTheAppendix() throws IOException {
        String appendix = Files.readString(Path.of(System.getProperty("secho.spec.dir", "../spec"), "lab-profile.md"));
        List<CaseCatalog.Entry> entries = CaseCatalog.all(true);
        Set<String> ids = new HashSet<>();
        Set<String> cited = new HashSet<>();
        for (CaseCatalog.Entry entry : entries) {
            String id = entry.descriptor().id();
            assertTrue(id.matches("LAB-\\d{3}") && ids.add(id), "bad or repeated lab case ID " + id);
            for (String requirement : entry.descriptor().requirements()) {
                assertTrue(requirement.matches("LAB-[RW]\\d+"), id + " cites " + requirement);
                assertTrue(appendix.contains("**" + requirement + "**"), requirement + " is not defined in spec/lab-profile.md");
                cited.add(requirement);
            }
            assertTrue(appendix.contains(id), id + " is not listed in spec/lab-profile.md");
        }
        String section9 = appendix.substring(appendix.indexOf("## 9."));
        Set<String> listed = new java.util.TreeSet<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| (LAB-\\d{3}) \\|").matcher(section9);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(new java.util.TreeSet<>(ids), listed, "section 9 of spec/lab-profile.md must list exactly the lab cases");
        for (Weakness weakness : Weakness.values()) {
            assertTrue(cited.contains(weakness.id()), weakness.id() + " is looked for by no case");
        }
        Set<String> v1 = CaseCatalog.all().stream().map(e -> e.descriptor().id()).collect(Collectors.toSet());
        assertTrue(v1.stream().noneMatch(id -> id.startsWith("LAB-")), "the v1 catalogue must not hold lab cases");
    }

    private static Map<String, String> withKeyFileIfSec(Map<String, String> options, Path dir) throws IOException {
        if ("sec".equals(options.get(LabProfileOptions.VARIANT))) {
            Path keyFile = Files.write(dir.resolve("lab.key"), KEY);
            options.put(LabProfileOptions.KEY_FILE, keyFile.toString());
        }
        return options;
    }
}
