package io.secho.conformance.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.report.ReportChecks;
import io.secho.crypto.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone harness as a CI user drives it: exit codes, filters, baselines, reports. */
class ConformanceMainTest {
    private static final int MAX_CONNECTIONS = 24;
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static SechoServer referenceServer() throws IOException {
        return SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(KEY))
                .handshakeTimeout(Duration.ofSeconds(3)).idleTimeout(Duration.ofSeconds(5)).maxConnections(MAX_CONNECTIONS)
                .log(line -> { }).build());
    }

    @Test
    void listShowsEveryCaseWithItsRequirements() {
        CliRun run = run("--list");
        assertEquals(0, run.exitCode(), run.err());
        for (String expected : new String[] {"TAG-004", "REQ-REC-6", "NONCE-001", "HS-012.N", "ending:"}) {
            assertTrue(run.out().contains(expected), "--list lacks " + expected + ":\n" + run.out());
        }
    }

    @Test
    void unreachableTargetExitsWithThree() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CliRun run = run("--target", "127.0.0.1:" + port);
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("cannot connect to 127.0.0.1:" + port), run.err());
    }

    @Test
    void usageMistakesExitWithTwoAndNoStackTrace() {
        for (String[] args : new String[][] {{"--target", "no-port"}, {"--family", "XYZ"}, {"--case", "NOPE-999"},
                {"--psk-file", "/nonexistent/key"}, {"--handshake-timeout", "ten"}, {"--seed", "abc"},
                {"--seed", "-1"}, {"--seed", "9007199254740992"}}) {
            CliRun run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace for a usage error: " + run.err());
        }
    }

    @Test
    void externalTargetPassesEveryCaseAndWritesBothReports(@TempDir Path dir) throws IOException {
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, KEY + "\n");
        try (SechoServer server = referenceServer()) {
            CliRun run = run("--target", "127.0.0.1:" + server.port(), "--psk-file", keyFile.toString(),
                    "--handshake-timeout", "3s", "--idle-timeout", "5s", "--max-connections", String.valueOf(MAX_CONNECTIONS),
                    "--seed", "7", "--report-dir", dir.resolve("reports").toString());
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(run.out().contains(" 0 failed, 0 warned, 0 skipped, 0 blocked, 0 errors"),
                    "every case must run and pass:\n" + run.out());
            JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("reports/secho-conformance.json")))
                    .getAsJsonObject();
            assertEquals(7, json.get("seed").getAsLong());
            assertEquals("address", json.getAsJsonObject("target").get("kind").getAsString());
            assertEquals("127.0.0.1:" + server.port(), json.getAsJsonObject("target").get("address").getAsString());
            assertEquals(0, json.getAsJsonObject("summary").get("mustFailures").getAsInt());
            // --list --json names exactly the server cases a full run reports, in the same order.
            List<String> reported = new ArrayList<>();
            json.getAsJsonArray("cases").forEach(c -> reported.add(c.getAsJsonObject().get("id").getAsString()));
            List<String> listed = new ArrayList<>();
            JsonParser.parseString(run("--list", "--json").out()).getAsJsonObject().getAsJsonArray("cases")
                    .forEach(c -> {
                        if (c.getAsJsonObject().get("role").getAsString().equals("server")) {
                            listed.add(c.getAsJsonObject().get("id").getAsString());
                        }
                    });
            assertEquals(listed, reported, "--list --json and the run's report");
            String xml = Files.readString(dir.resolve("reports/secho-conformance.xml"));
            assertTrue(xml.contains("<property name=\"requirement\" value=\"REQ-REC-6\"/>"), "XML lacks requirement properties");
            assertTrue(xml.contains("<system-out>") && xml.contains("C-&gt;S ClientHello"), "XML lacks the wire traces");
            ReportChecks.assertReportsAgree(dir.resolve("reports"));
        }
    }

    @Test
    void aServerThatNeverAnswersPassesNothing(@TempDir Path dir) throws IOException {
        // A listening socket nobody accepts from: connections complete, and not a byte ever comes back.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CliRun run = run("--target", "127.0.0.1:" + silent.getLocalPort(), "--case", "NONCE-002", "--io-timeout", "500ms",
                    "--report-dir", dir.toString());
            assertEquals(ExitCodes.NOT_CONFORMANT, run.exitCode(), run.out());
            assertFalse(run.out().contains("PASS "), run.out());
            assertTrue(run.out().contains("Blocked (1), by what blocked them: the probe was never sent:\n"
                    + "  the target never answered a ClientHello: NONCE-002 (1)"), run.out());
            ReportChecks.assertReportsAgree(dir);
        }
    }

    @Test
    void aBaselineThatExpectsTheBlockedCaseMakesTheRunAndItsReportsGreen(@TempDir Path dir) throws IOException {
        Path baseline = Files.writeString(dir.resolve("expect.txt"), "NONCE-002  our test server never answers\n");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CliRun run = run("--target", "127.0.0.1:" + silent.getLocalPort(), "--case", "NONCE-002", "--io-timeout", "500ms",
                    "--expect", baseline.toString(), "--report-dir", dir.resolve("reports").toString());
            assertEquals(ExitCodes.CONFORMANT, run.exitCode(), run.out());
            assertTrue(run.out().contains("NOT CONFORMANT: 0 MUST case(s) failed, 1 blocked; as the baseline expects "
                    + "(exit code 0)"), run.out());
            JsonObject json = ReportChecks.assertReportsAgree(dir.resolve("reports"));
            assertTrue(json.getAsJsonObject("baseline").get("ok").getAsBoolean(), json.get("baseline").toString());
            assertEquals("our test server never answers",
                    ReportChecks.jsonCase(json, "NONCE-002").get("expectedFailure").getAsString());
            assertTrue(ReportChecks.resultElement(dir.resolve("reports"), "NONCE-002", "skipped").orElseThrow()
                    .getAttribute("message").startsWith("expected failure (--expect: our test server never answers)"));
        }
    }

    @Test
    void caseFilterRunsJustThatCase(@TempDir Path dir) {
        CliRun run = run("--case", "TAG-004", "--report-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("1 cases: 1 passed, 0 failed"), run.out());
    }

    @Test
    void baselineFailsWhenAListedCaseNowPasses(@TempDir Path dir) throws IOException {
        Path baseline = dir.resolve("expect.txt");
        Files.writeString(baseline, "# known failures\nTAG-004  our server ignores tags (bug 17)\n");
        CliRun run = run("--case", "TAG-004,TAG-003", "--expect", baseline.toString(), "--report-dir", dir.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("NOW PASSES    TAG-004"), run.out());
        ReportChecks.assertReportsAgree(dir);
        assertEquals("baseline", ReportChecks.resultElement(dir, "TAG-004", "failure").orElseThrow().getAttribute("type"),
                "the stale baseline entry is what makes the run red");
    }

    @Test
    void baselineWithoutReasonIsAUsageError(@TempDir Path dir) throws IOException {
        Path baseline = dir.resolve("expect.txt");
        Files.writeString(baseline, "TAG-004\n");
        CliRun run = run("--expect", baseline.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("needs a reason"), run.err());
    }
}
