package io.secho.conformance.grade;

import io.secho.conformance.MachineHeavy;
import io.secho.conformance.ShellWords;
import io.secho.conformance.lab.PythonLabServer;
import io.secho.conformance.report.JsonReport;
import io.secho.conformance.report.JunitXmlReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class of four real servers, each started from its command by the grader: the reference server, a correct
 * third-party server (secho_server.py, Python, written from the spec alone) and two broken ones. Three cases that tell
 * them apart keep each run at seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@ResourceLock(MachineHeavy.LOCK)
class GradeClassTest {
    private static final String CASES = "HS-001,TAG-001,ECHO-004";
    private static final String FAULTY = "io.secho.conformance.faults.FaultyServerMain";
    /** The correct server of other make: Python, written from the spec alone (see PythonSechoServerTest). */
    private static final Path THIRD_PARTY = Path.of("src/test/python/secho_server.py");

    /** Static: JUnit fills a static temporary directory before the class's @BeforeAll, an instance one after. */
    @TempDir
    static Path work;
    private Path submissions;
    private Path psk;
    private Path whole;
    private GradeRun wholeRun;

    @BeforeAll
    void gradeTheClassTwoAtATime() throws IOException {
        psk = work.resolve("secho.key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(psk, HexFormat.of().formatHex(key) + "\n");
        psk.toFile().setReadable(false, false);
        psk.toFile().setReadable(true, true);
        submissions = work.resolve("class.tsv");
        // Names picked so that both shards of two hold a submission (shard 1: reference, correct, broken-echo).
        Files.writeString(submissions, String.join("\n",
                "# the reference, a correct third-party server (Python), two broken ones",
                "reference\t" + GradeRun.javaCommand("io.secho.cli.SechoCli", "server", "--port", "{port}",
                        "--psk-file", "secho.key"),
                "correct\t" + ShellWords.quote(PythonLabServer.pythons().get(0).command()) + " "
                        + ShellWords.quote(THIRD_PARTY.toAbsolutePath().toString()) + " --port {port} --psk-file secho.key",
                "",
                "broken-tag\t" + GradeRun.javaCommand(FAULTY, "NO_TAG_CHECK", "{port}", "secho.key"),
                "broken-echo\t" + GradeRun.javaCommand(FAULTY, "ASCII_ONLY_UPPERCASE", "{port}", "secho.key")) + "\n");
        whole = work.resolve("whole");
        wholeRun = grade(whole, "--jobs", "2");
    }

    private GradeRun grade(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("grade", "--submissions", submissions.toString(),
                "--out", out.toString(), "--case", CASES, "--psk-file", psk.toString(), "--seed", "42", "--gradescope"));
        args.addAll(List.of(more));
        return GradeRun.of(args.toArray(String[]::new));
    }

    @Test
    void theVerdictsAreRight() throws IOException {
        assertEquals(0, wholeRun.exitCode(), wholeRun.both());
        Map<String, Map<String, String>> rows = GradeRun.rows(whole);
        assertEquals(List.of("broken-echo", "broken-tag", "correct", "reference"), List.copyOf(rows.keySet()),
                "sorted by name");
        assertEquals("PASS", rows.get("reference").get("verdict"), rows.toString());
        assertEquals("PASS", rows.get("correct").get("verdict"), rows.toString());
        assertEquals("FAIL", rows.get("broken-tag").get("verdict"), rows.toString());
        assertEquals("FAIL", rows.get("broken-echo").get("verdict"), rows.toString());
        assertTrue(rows.get("broken-tag").get("failed_requirements").contains("REQ-REC-6"), rows.toString());
        assertTrue(rows.get("broken-echo").get("failed_requirements").contains("REQ-ECHO-9"), rows.toString());
        assertEquals("", rows.get("reference").get("failed_requirements"));
        assertEquals("3", rows.get("reference").get("pass"));
        assertEquals("1", rows.get("broken-echo").get("fail"));
        assertEquals("x25519 modp2048 psk", rows.get("reference").get("suites_offered"));
        assertTrue(rows.get("reference").get("duration_s").matches("\\d+\\.\\d"), rows.toString());
        for (String name : rows.keySet()) {
            Path folder = whole.resolve(name);
            assertTrue(Files.isRegularFile(folder.resolve(JsonReport.FILE_NAME)), name);
            assertTrue(Files.isRegularFile(folder.resolve(JunitXmlReport.FILE_NAME)), name);
            assertTrue(Files.isRegularFile(folder.resolve(ClassIndex.HTML_REPORT)), name);
            // Both servers print the port they listen on: the one the grader chose and gave the harness.
            String port = Files.readString(folder.resolve(JsonReport.FILE_NAME)).replaceFirst(
                    "(?s).*\"address\": *\"127\\.0\\.0\\.1:(\\d+)\".*", "$1");
            assertTrue(Files.readString(folder.resolve(ServerProcess.LOG)).contains("listening on 127.0.0.1:" + port),
                    name + " on " + port);
        }
    }

    @Test
    void theIndexIsAMatrixLinkingToTheReports() throws IOException {
        String html = Files.readString(whole.resolve(ClassIndex.FILE));
        assertTrue(html.contains("<table id=\"matrix\">"), html);
        for (String family : List.of(">HS</th>", ">TAG</th>", ">ECHO</th>")) {
            assertTrue(html.contains(family), family);
        }
        assertTrue(html.contains("<td class=\"fail\" data-sort=\"4\"><a href=\"broken-tag/secho-conformance.html\">"
                + "fail 1</a></td>"), html);
        assertTrue(html.contains("<td class=\"pass\" data-sort=\"0\"><a href=\"reference/secho-conformance.html\">"
                + "pass 1</a></td>"), html);
        assertTrue(html.contains("<table id=\"requirements\">") && html.contains("<td>REQ-REC-6</td>"), html);
        assertFalse(html.contains("src=") || html.contains("http"), "self-contained: loads nothing");
        assertTrue(html.contains("addEventListener('click'"), "sortable");
    }

    @Test
    void theVerdictsDoNotDependOnTheJobs() throws IOException {
        Path one = work.resolve("one");
        GradeRun run = grade(one, "--jobs", "1");
        assertEquals(0, run.exitCode(), run.both());
        assertEquals(GradeRun.csvWithoutDurations(whole), GradeRun.csvWithoutDurations(one));
    }

    @Test
    void twoShardsMergeToTheWholeClass() throws IOException {
        Path first = work.resolve("shard-1");
        Path second = work.resolve("shard-2");
        GradeRun a = grade(first, "--shard", "1/2");
        GradeRun b = grade(second, "--shard", "2/2", "--jobs", "1");
        assertEquals(0, a.exitCode(), a.both());
        assertEquals(0, b.exitCode(), b.both());
        assertEquals(Set.of("reference", "correct", "broken-echo"), GradeRun.rows(first).keySet());
        assertEquals(Set.of("broken-tag"), GradeRun.rows(second).keySet());
        Path merged = work.resolve("merged");
        GradeRun merge = GradeRun.of("merge", "--out", merged.toString(), first.toString(), second.toString());
        assertEquals(0, merge.exitCode(), merge.both());
        assertEquals(GradeRun.csvWithoutDurations(whole), GradeRun.csvWithoutDurations(merged));
        assertEquals(folders(whole), folders(merged));
        assertEquals(files(whole.resolve("broken-tag")), files(merged.resolve("broken-tag")));
        assertTrue(Files.readString(merged.resolve(ClassIndex.FILE)).contains("broken-tag/secho-conformance.html"));
        assertTrue(Files.readString(merged.resolve(ClassOutput.METADATA)).contains("\"shard\": \"1/1\""));

        GradeRun overlap = GradeRun.of("merge", "--out", work.resolve("twice").toString(), first.toString(),
                first.toString());
        assertEquals(2, overlap.exitCode(), overlap.both());
        assertTrue(overlap.err().contains("is in both"), overlap.both());
        Path other = work.resolve("other-options");
        GradeRun otherRun = GradeRun.of("grade", "--submissions", submissions.toString(), "--out", other.toString(),
                "--shard", "2/2", "--case", "HS-001", "--psk-file", psk.toString(), "--gradescope");
        assertEquals(0, otherRun.exitCode(), otherRun.both());
        GradeRun mismatch = GradeRun.of("merge", "--out", work.resolve("mixed").toString(), first.toString(),
                other.toString());
        assertEquals(2, mismatch.exitCode(), mismatch.both());
        assertTrue(mismatch.err().contains("was graded with other options"), mismatch.both());
    }

    @Test
    void gradescopeResultsScoreEachFamily() throws IOException {
        com.google.gson.JsonObject results = com.google.gson.JsonParser.parseString(
                Files.readString(whole.resolve("broken-tag").resolve(ClassOutput.GRADESCOPE))).getAsJsonObject();
        assertEquals(2, results.get("score").getAsInt(), results.toString());
        com.google.gson.JsonArray tests = results.getAsJsonArray("tests");
        assertEquals(3, tests.size(), results.toString());
        com.google.gson.JsonObject tag = tests.get(1).getAsJsonObject();
        assertEquals("TAG: Tag rejection", tag.get("name").getAsString());
        assertEquals(0, tag.get("score").getAsInt());
        assertEquals(1, tag.get("max_score").getAsInt());
        assertEquals("visible", tag.get("visibility").getAsString());
    }

    private static Set<String> folders(Path out) throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
