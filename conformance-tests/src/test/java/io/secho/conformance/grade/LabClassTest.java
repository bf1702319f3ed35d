package io.secho.conformance.grade;

import io.secho.conformance.MachineHeavy;
import io.secho.conformance.lab.PythonLabServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class of 20 lab programs, graded two at a time with --profile lab: the Python lab peer in each of its
 * modes, threaded and with asyncio (or, for the modes that serve one client at a time, with a shorter idle
 * timeout). Each is started from its command on a port the grader picks, as a student's program would be.
 */
@ResourceLock(MachineHeavy.LOCK)
class LabClassTest {
    private static final Path SCRIPT = Path.of("src/test/python/lab_server.py").toAbsolutePath();

    @TempDir
    Path work;

    /** The mode's expected verdict, and a weakness or requirement its row must name ("" for none). */
    private record Expected(String verdict, String column, String id) {
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void twentyLabProgramsGetTheirVerdicts() throws IOException {
        String python = PythonLabServer.pythons().get(0).command();
        Map<String, Expected> modes = new LinkedHashMap<>();
        modes.put("none", new Expected("PASS", "lab_weaknesses", ""));
        // Under DH every session has its own key, so nonces that restart do not repeat under one key.
        modes.put("counter-nonce", new Expected("PASS", "lab_weaknesses", ""));
        modes.put("nonce-reuse", new Expected("FAIL", "lab_weaknesses", "LAB-W1"));
        modes.put("echo-forged", new Expected("FAIL", "lab_weaknesses", "LAB-W2"));
        modes.put("newline-prefix", new Expected("FAIL", "lab_weaknesses", "LAB-W3"));
        modes.put("ascii-upper", new Expected("FAIL", "failed_requirements", "LAB-R4"));
        modes.put("plaintext-replies", new Expected("FAIL", "failed_requirements", "LAB-R1"));
        modes.put("reuse-dh-key", new Expected("FAIL", "lab_weaknesses", "LAB-W13"));
        modes.put("crash-on-bad-record", new Expected("FAIL", "lab_weaknesses", "LAB-W6"));
        modes.put("freeze-on-disconnect", new Expected("FAIL", "failed_requirements", "LAB-R1"));
        List<String> lines = new ArrayList<>();
        for (String mode : modes.keySet()) {
            String base = python + " " + SCRIPT + " --variant dh --port {port}" + (mode.equals("none") ? ""
                    : " --weak " + mode);
            boolean oneAtATime = mode.equals("crash-on-bad-record") || mode.equals("freeze-on-disconnect");
            lines.add(mode + "-a\t" + base);
            lines.add(mode + "-b\t" + base + (oneAtATime ? " --idle-timeout 5" : " --asyncio"));
        }
        Path submissions = work.resolve("lab.tsv");
        Files.writeString(submissions, String.join("\n", lines) + "\n");
        Path out = work.resolve("out");
        GradeRun run = GradeRun.of("grade", "--submissions", submissions.toString(), "--out", out.toString(),
                "--profile", "lab", "--lab-variant", "dh", "--jobs", "2");
        assertEquals(0, run.exitCode(), run.both());
        Map<String, Map<String, String>> rows = GradeRun.rows(out);
        assertEquals(20, rows.size(), rows.keySet().toString());
        for (Map.Entry<String, Map<String, String>> entry : rows.entrySet()) {
            Expected expected = modes.get(entry.getKey().substring(0, entry.getKey().length() - 2));
            Map<String, String> row = entry.getValue();
            assertEquals(expected.verdict(), row.get("verdict"), row.toString());
            List<String> ids = List.of(row.get(expected.column()).split(" "));
            if (expected.id().isEmpty()) {
                assertTrue(ids.stream().noneMatch(id -> List.of("LAB-W1", "LAB-W2", "LAB-W3", "LAB-W13").contains(id)),
                        row.toString());
            } else {
                assertTrue(ids.contains(expected.id()), row.toString());
            }
        }
        String html = Files.readString(out.resolve(ClassIndex.FILE));
        assertTrue(html.contains(">LAB</th>") && html.contains("LAB-W1 (weakness found)"), html);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void labDetectFindsEachServersSettingsBeforeItsRun() throws IOException {
        String python = PythonLabServer.pythons().get(0).command();
        Path submissions = work.resolve("lab.tsv");
        Files.writeString(submissions, String.join("\n",
                "nonce16\t" + python + " " + SCRIPT + " --variant dh --port {port} --nonce-length 16",
                "v1-server\t" + GradeRun.javaCommand("io.secho.cli.SechoCli", "server", "--port", "{port}")) + "\n");
        Path out = work.resolve("out");
        GradeRun run = GradeRun.of("grade", "--submissions", submissions.toString(), "--out", out.toString(),
                "--profile", "lab", "--lab-variant", "dh", "--lab-detect", "--jobs", "2");
        assertEquals(0, run.exitCode(), run.both());
        Map<String, Map<String, String>> rows = GradeRun.rows(out);
        assertEquals("PASS", rows.get("nonce16").get("verdict"), rows.toString());
        assertTrue(Files.readString(out.resolve("nonce16").resolve(Grader.HARNESS_LOG)).contains("nonce 16 bytes"),
                "graded with the nonce length detected");
        assertTrue(Files.readString(out.resolve("nonce16").resolve(Grader.DETECT_LOG)).contains("Works"));
        assertEquals("FAIL", rows.get("v1-server").get("verdict"), rows.toString());
        assertTrue(rows.get("v1-server").get("note").startsWith("--lab-detect: none of the common lab settings"),
                rows.toString());
    }

    @Test
    void detectedSettingsReplaceTheGivenLabOptions() {
        assertEquals(List.of("--psk-file", "k", "--io-timeout", "2s", "--profile", "lab", "--lab-variant", "dh",
                        "--nonce-length", "16", "--server-sends-key-first"),
                Grader.withOptions(List.of("--profile", "lab", "--psk-file", "k", "--lab-variant=dh", "--lab-detect",
                        "--nonce-length", "12", "--io-timeout", "2s"), List.of("--profile", "lab", "--lab-variant",
                        "dh", "--nonce-length", "16", "--server-sends-key-first")));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void labProgramsThatHardCodeTheirPortRunSideBySideUnderThePortShim() throws IOException {
        String python = PythonLabServer.pythons().get(0).command();
        Path shim = Path.of("grading/port-shim/secho-port-shim").toAbsolutePath();
        Path program = Path.of("src/test/python/lab_programs/server_dh_threaded.py").toAbsolutePath();
        List<String> lines = new ArrayList<>();
        for (String name : List.of("ann", "ben", "cid")) {
            // Each binds 127.0.0.1:8443, hard-coded; the shim moves it to the port the grader picked.
            lines.add(name + "\t" + shim + " --map 8443={port} -- " + python + " " + program);
        }
        Path submissions = work.resolve("lab.tsv");
        Files.writeString(submissions, String.join("\n", lines) + "\n");
        Path out = work.resolve("out");
        GradeRun run = GradeRun.of("grade", "--submissions", submissions.toString(), "--out", out.toString(),
                "--profile", "lab", "--lab-variant", "dh", "--jobs", "3");
        assertEquals(0, run.exitCode(), run.both());
        Map<String, Map<String, String>> rows = GradeRun.rows(out);
        for (String name : List.of("ann", "ben", "cid")) {
            assertEquals("PASS", rows.get(name).get("verdict"), rows.toString());
        }
    }
}
