package io.secho.conformance.grade;

import io.secho.conformance.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The submissions file, the shards and class.csv, without running anything. */
class SubmissionsTest {
    @Test
    void linesAreCommandsAddressesOrImages() {
        List<Submission> read = Submissions.parse("class.tsv", List.of(
                "# the class of 2026",
                "",
                "alice\tpython3 'my server.py' --port {port} --name \"a b\"",
                "   # an indented comment",
                "bob.v2\t10.0.0.7:8443",
                "carol_3\timage:secho-carol:1.0"));
        assertEquals(List.of("alice", "bob.v2", "carol_3"), read.stream().map(Submission::name).toList());
        assertEquals(Submission.Kind.COMMAND, read.get(0).kind());
        assertEquals(List.of("python3", "my server.py", "--port", "40001", "--name", "a b"), read.get(0).command(40001));
        assertEquals(3, read.get(0).line());
        assertEquals(Submission.Kind.ADDRESS, read.get(1).kind());
        assertEquals(Submission.Kind.IMAGE, read.get(2).kind());
        assertEquals("secho-carol:1.0", read.get(2).target());
    }

    @Test
    void namesAreSafeFolderNames() {
        for (String bad : List.of("..", ".", "a/b", "a\\b", "..x", "x..y", "a b", "é", "")) {
            assertTrue(!Submission.safeName(bad), bad);
        }
        for (String good : List.of("a", "A-1", "x_y.z", ".hidden-ok")) {
            assertTrue(Submission.safeName(good), good);
        }
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Submissions.parse("class.tsv", List.of("# nothing here", "")));
        assertEquals("class.tsv: no submission (a line is NAME<TAB>TARGET)", empty.getMessage());
    }

    @Test
    void shardsPartitionTheClassAndStayPut() {
        List<String> names = IntStream.range(0, 200).mapToObj(i -> "student-" + i).toList();
        Shard[] shards = {new Shard(1, 3), new Shard(2, 3), new Shard(3, 3)};
        Set<String> seen = new TreeSet<>();
        for (Shard shard : shards) {
            List<String> mine = names.stream().filter(shard::contains).toList();
            assertTrue(mine.size() > 40, shard + " holds " + mine.size());
            mine.forEach(name -> assertTrue(seen.add(name), name + " in two shards"));
        }
        assertEquals(names.size(), seen.size());
        // Pinned: a name's shard is SHA-256 of the name alone, the same on every machine and in every class.
        assertEquals(List.of("reference", "correct", "broken-echo"), List.of("reference", "correct", "broken-tag",
                "broken-echo").stream().filter(new Shard(1, 2)::contains).toList());
        assertEquals("1/1", Shard.ALL.toString());
        for (String bad : List.of("0/2", "3/2", "1", "a/b", "1/0", "/")) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
    }

    @Test
    void classCsvIsRfc4180InEveryLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Map<Verdict, Integer> counts = SubmissionResult.emptyCounts();
            counts.put(Verdict.PASS, 12);
            counts.put(Verdict.FAIL, 1);
            SubmissionResult failed = new SubmissionResult("bob", "FAIL", counts, Map.of(),
                    Map.of("REQ-ECHO-10", "fail", "REQ-ECHO-8", "fail", "REQ-HS-1", "pass", "LAB-W1", "found"),
                    List.of("x25519", "psk"), 12.345, "bob/secho-conformance.json", "", false);
            SubmissionResult error = SubmissionResult.error("alice", 1.0, "", "exited \"badly\", see:\nline 2", false);
            String csv = ClassCsv.render(List.of(error, failed));
            assertEquals("name,verdict,pass,fail,warn,skip,blocked,error,failed_requirements,suites_offered,"
                    + "lab_weaknesses,duration_s,note\r\n"
                    + "alice,ERROR,0,0,0,0,0,0,,,,1.0,\"exited \"\"badly\"\", see:\nline 2\"\r\n"
                    + "bob,FAIL,12,1,0,0,0,0,REQ-ECHO-8 REQ-ECHO-10,x25519 psk,LAB-W1,12.3,\r\n", csv);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void gradescopeCountsWhatWasJudged() {
        Map<Verdict, Integer> tag = SubmissionResult.emptyCounts();
        tag.put(Verdict.PASS, 3);
        tag.put(Verdict.FAIL, 1);
        tag.put(Verdict.SKIP, 5);
        Map<Verdict, Integer> echo = SubmissionResult.emptyCounts();
        echo.put(Verdict.WARN, 2);
        SubmissionResult r = new SubmissionResult("bob", "FAIL", SubmissionResult.emptyCounts(),
                new java.util.LinkedHashMap<>(Map.of("ECHO", echo, "TAG", tag)), Map.of(), List.of(), 1, "", "", false);
        com.google.gson.JsonObject json = ClassOutput.gradescope(r);
        assertEquals(5, json.get("score").getAsInt());
        List<String> tests = new ArrayList<>();
        json.getAsJsonArray("tests").forEach(t -> tests.add(t.getAsJsonObject().get("name").getAsString() + " "
                + t.getAsJsonObject().get("score").getAsInt() + "/" + t.getAsJsonObject().get("max_score").getAsInt()));
        assertEquals(List.of("TAG: Tag rejection 3/4", "ECHO: Echo transform 2/2"), tests, "in the harness's order");
        assertEquals("visible", json.get("visibility").getAsString());
        assertEquals(Set.of("score", "output", "visibility", "stdout_visibility", "tests"),
                json.keySet().stream().collect(Collectors.toSet()));
    }
}
