package io.secho.conformance.clients;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.cli.ConformanceMain;
import io.secho.conformance.report.ReportChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference client passes every client case, run as a user runs it: its jar as the {@code --client-command}
 * (with a 2 s wait for the server, so that the timeout cases take seconds), and as {@code --client-reference} of
 * the shipped harness jar. An integration test because both jars are made in the package phase.
 *
 * <p>The one case it does not pass is CCLOSE-005, which is SKIP: it applies only to a client that sends its Close
 * without waiting for the last reply, and the reference client waits for each reply.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReferenceClientIT {
    /** Not applicable to a client that waits for each reply before it sends on. */
    private static final String NOT_APPLICABLE = "CCLOSE-005";

    private static Path projectDir() {
        return Path.of(System.getProperty("secho.project.dir", ".."));
    }

    private static Path jar(String module, String name) {
        Path jar = projectDir().resolve(module).resolve("target").resolve(name).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: it is made in the package phase");
        return jar;
    }

    @Test
    void theReferenceJarPassesEveryClientCase(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        String command = "java -jar " + io.secho.conformance.ShellWords.quote(jar("reference-impl",
                "secho-reference.jar").toString()) + " client --host {host} --port {port} --suite {suite} "
                + "--psk-file {psk_file} --timeout 2s";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int code = ConformanceMain.execute(new String[] {"--client-command", command, "--seed", "11", "--report-dir",
            reports.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, output);
        JsonObject report = ReportChecks.assertReportsAgree(reports);
        List<String> notPassed = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        for (JsonElement element : report.getAsJsonArray("cases")) {
            JsonObject item = element.getAsJsonObject();
            reported.add(item.get("id").getAsString());
            if (!item.get("status").getAsString().equals("pass")) {
                notPassed.add(item.get("id").getAsString() + " " + item.get("status").getAsString());
            }
        }
        assertEquals(List.of(NOT_APPLICABLE + " skip"), notPassed, output);
        assertTrue(ReportChecks.jsonCase(report, NOT_APPLICABLE).get("message").getAsString()
                .contains("waits for each reply"), output);
        assertEquals(listedClientCases(), reported, "the run reports every client case --list --json names");
        JsonObject target = report.getAsJsonObject("target");
        assertEquals("client", target.get("kind").getAsString());
        assertEquals("client command: " + command, target.get("client").getAsString());
        JsonObject session = ReportChecks.jsonCase(report, "CHS-001").getAsJsonArray("clientRuns").get(0)
                .getAsJsonObject();
        assertEquals(0, session.get("exitStatus").getAsInt());
        assertEquals("fin", session.getAsJsonObject("connection").get("ending").getAsString());
        System.out.println("the reference client against every client case: " + reported.size() + " cases in "
                + seconds + " s");
    }

    @Test
    void theHarnessJarTestsTheReferenceClientItCarries(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process harness = new ProcessBuilder(java.toString(), "-jar", jar("conformance-tests", "secho-conformance.jar")
                .toString(), "--client-reference", "--family", "CHS", "--seed", "12", "--report-dir",
                dir.resolve("reports").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile())
                .start();
        harness.getOutputStream().close();
        if (!harness.waitFor(4, TimeUnit.MINUTES)) {
            harness.descendants().forEach(ProcessHandle::destroyForcibly);
            harness.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        assertEquals(0, harness.exitValue(), output);
        assertTrue(output.contains(" 0 failed, 0 warned, 0 skipped, 0 blocked, 0 errors"), output);
        assertTrue(output.contains("target client command: the reference client"), output);
        ReportChecks.assertReportsAgree(dir.resolve("reports"));
    }

    private static List<String> listedClientCases() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ConformanceMain.execute(new String[] {"--list", "--json"}, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        List<String> ids = new ArrayList<>();
        JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("cases")
                .forEach(c -> {
                    if (c.getAsJsonObject().get("role").getAsString().equals("client")) {
                        ids.add(c.getAsJsonObject().get("id").getAsString());
                    }
                });
        return ids;
    }
}
