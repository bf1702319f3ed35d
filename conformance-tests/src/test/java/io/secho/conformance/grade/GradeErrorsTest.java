package io.secho.conformance.grade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the grader says of a server that never starts or dies at once, and of a wrong command line or file. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GradeErrorsTest {
    /** A sleep no other program here runs, to find the server's process after grading. */
    private static final String MARKER = "61.25";

    @TempDir
    Path work;

    @Test
    void aServerThatDoesNotStartOrExitsEarlyIsAnErrorWithItsOutput() throws IOException {
        Path submissions = work.resolve("class.tsv");
        Files.writeString(submissions, String.join("\n",
                "silent\tsleep " + MARKER + " {port}",
                "crashes\tsh -c 'echo cannot bind port \"$0\" >&2; exit 3' {port}",
                "nowhere\t127.0.0.1:1",
                "missing\t./no-such-server --port {port}") + "\n");
        Path out = work.resolve("out");
        // A report left in DIR by an earlier grade must not pass for this run's.
        Files.createDirectories(out.resolve("silent"));
        Files.writeString(out.resolve("silent").resolve("secho-conformance.json"), "{}");
        GradeRun run = GradeRun.of("grade", "--submissions", submissions.toString(), "--out", out.toString(),
                "--family", "HS", "--start-timeout", "2s", "--jobs", "2");
        assertFalse(Files.exists(out.resolve("silent").resolve("secho-conformance.json")), "the old report is gone");
        assertEquals(0, run.exitCode(), "the submissions were graded, if badly: " + run.both());
        Map<String, Map<String, String>> rows = GradeRun.rows(out);
        rows.values().forEach(row -> assertEquals("ERROR", row.get("verdict"), row.toString()));
        assertTrue(rows.get("silent").get("note").startsWith("the server did not start: nothing accepted a "
                + "connection on 127.0.0.1:"), rows.toString());
        String crashed = rows.get("crashes").get("note");
        assertTrue(crashed.startsWith("the server exited with status 3 before it accepted a connection"), crashed);
        assertTrue(crashed.matches("(?s).*the end of server\\.log:\ncannot bind port \\d+$"), crashed);
        assertTrue(Files.readString(out.resolve("crashes").resolve(ServerProcess.LOG)).startsWith("cannot bind port"));
        assertTrue(rows.get("nowhere").get("note").contains("cannot connect to 127.0.0.1:1"), rows.toString());
        // Through setsid the missing program is setsid's exit status 127 and its message; without, Java's.
        assertTrue(rows.get("missing").get("note").contains("./no-such-server"), rows.toString());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(args -> List.of(args).contains(MARKER)).orElse(false)), "the silent server was stopped");
        assertTrue(Files.readString(out.resolve(ClassIndex.FILE)).contains("the server did not start"));
    }

    @Test
    void aHarnessRunThatOverrunsIsAGradingFailure() throws IOException {
        // A listener that never answers: the harness waits on it far longer than the limit of a millisecond.
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Path submissions = work.resolve("class.tsv");
            Files.writeString(submissions, "mute\t127.0.0.1:" + mute.getLocalPort() + "\n");
            Path out = work.resolve("out");
            GradeRun run = GradeRun.of("grade", "--submissions", submissions.toString(), "--out", out.toString(),
                    "--family", "HS", "--run-timeout", "1ms");
            assertEquals(4, run.exitCode(), run.both());
            assertTrue(run.err().contains("grading failed for mute"), run.both());
            Map<String, String> row = GradeRun.rows(out).get("mute");
            assertEquals("ERROR", row.get("verdict"), row.toString());
            assertEquals("the harness run took longer than 1ms (--run-timeout) and was stopped", row.get("note"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no tab          | 'alice 127.0.0.1:8443'             | | class.tsv line 2: no tab between NAME and TARGET",
        "unsafe name     | '../alice\t127.0.0.1:8443'         | | class.tsv line 2: NAME '../alice' is not a safe folder name",
        "duplicate       | 'bob\t127.0.0.1:8443'              | | class.tsv line 2: NAME 'bob' is already on line 1",
        "no {port}       | 'alice\tpython3 server.py'         | | class.tsv line 2: TARGET is a command without {port}",
        "bad quote       | 'alice\tpython3 'server.py {port}' | | class.tsv line 2: ",
        "a --target      | 'alice\t127.0.0.1:8443'            | --target 127.0.0.1:1 | --target does not go with grade",
        "--lab-detect v1 | 'alice\t127.0.0.1:8443'            | --lab-detect | harness option: --lab-detect belongs to the lab profile",
        "bad shard       | 'alice\t127.0.0.1:8443'            | --shard 3/2 | --shard '3/2' is not K/N",
        "bad jobs        | 'alice\t127.0.0.1:8443'            | --jobs 0 | --jobs 0 is not from 1 to 256",
        "harness option  | 'alice\t127.0.0.1:8443'            | --family NOPE | harness option: --family: unknown family 'NOPE'",
        "unknown option  | 'alice\t127.0.0.1:8443'            | --frobnicate | harness option: unknown option --frobnicate",
    })
    void usageErrorsAreOneLineNamingTheMistake(String what, String line, String options, String expected)
            throws IOException {
        Path submissions = work.resolve("class.tsv");
        Files.writeString(submissions, "bob\t127.0.0.1:8443\n" + line.replace("\\t", "\t") + "\n");
        List<String> args = new ArrayList<>(List.of("grade", "--submissions", submissions.toString(), "--out",
                work.resolve("out").toString()));
        if (options != null) {
            args.addAll(List.of(options.split(" ")));
        }
        GradeRun run = GradeRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.both());
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("secho-conformance: "), run.both());
        assertTrue(first.replace(submissions.toString(), "class.tsv").contains(expected), run.both());
        assertTrue(run.err().contains("see 'secho-conformance grade --help'"), "the hint names grade's help: "
                + run.both());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.both());
        assertFalse(Files.exists(work.resolve("out").resolve(ClassCsv.FILE)), "nothing graded");
    }

    @Test
    void theSubmissionsFileMustExist() {
        GradeRun run = GradeRun.of("grade", "--submissions", work.resolve("absent.tsv").toString(), "--out",
                work.resolve("out").toString());
        assertEquals(2, run.exitCode(), run.both());
        assertTrue(run.err().contains("absent.tsv: cannot be read"), run.both());
    }

    @Test
    void mergeNeedsGradeOutput() {
        GradeRun run = GradeRun.of("merge", "--out", work.resolve("out").toString(), work.toString());
        assertEquals(2, run.exitCode(), run.both());
        assertTrue(run.err().contains("holds no grade.json"), run.both());
    }
}
