package io.secho.conformance.grading;

import io.secho.conformance.lab.MainRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * conformance-tests/grading/github-actions and conformance-tests/grading/kubernetes: the definitions parse, have the shape the README promises
 * (a matrix of N shards and a merge that needs them all; an Indexed Job of N completions and a merge of its
 * N folders), and their shell parts, run here with a stand-in for java, call the harness with exactly the
 * documented {@code grade ... --shard K/N} and {@code merge --out DIR SHARD_DIR...}.
 */
class GradingDefinitionsTest {
    private static final Path GRADING = Path.of("grading");
    private static final Path WORKFLOW = GRADING.resolve("github-actions/grade-class.yml");
    private static final Path GRADE_JOB = GRADING.resolve("kubernetes/grade-class-job.yaml");
    private static final Path MERGE_JOB = GRADING.resolve("kubernetes/merge-class-job.yaml");
    private static final String JAR = "conformance-tests/target/secho-conformance.jar";

    // ---- GitHub Actions ----

    @Test
    void workflowHasAMatrixOfShardsAndAMergeThatNeedsThemAll() throws IOException {
        Map<String, Object> workflow = load(WORKFLOW).get(0);
        // YAML 1.1 reads the key "on" as true; GitHub reads it as "on". Either way it must be a manual trigger.
        Map<String, Object> on = map(workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE));
        Map<String, Object> inputs = map(map(on.get("workflow_dispatch")).get("inputs"));
        assertEquals(Set.of("submissions", "harness-options"), inputs.keySet());

        int shards = Integer.parseInt(String.valueOf(map(workflow.get("env")).get("SHARDS")));
        assertEquals(JAR, map(workflow.get("env")).get("JAR"));
        Map<String, Object> jobs = map(workflow.get("jobs"));
        Map<String, Object> grade = map(jobs.get("grade"));
        Map<String, Object> strategy = map(grade.get("strategy"));
        assertEquals(false, strategy.get("fail-fast"), "one shard's failure must not cancel the others");
        List<Object> matrix = list(map(strategy.get("matrix")).get("shard"));
        assertEquals(IntStream.rangeClosed(1, shards).boxed().collect(Collectors.toList()), matrix,
                "the matrix is the shards 1..SHARDS");
        assertTrue(matrix.size() <= 256, "GitHub caps a matrix at 256 jobs");
        assertEquals(Set.of("fail-fast", "matrix"), strategy.keySet());
        assertEquals("build", grade.get("needs"), "the shards download the jar that build made");

        Map<String, Object> gradeStep = step(grade, "Grade shard");
        assertEquals("${{ matrix.shard }}", map(gradeStep.get("env")).get("SHARD"));
        Map<String, Object> upload = uses(grade, "actions/upload-artifact@");
        assertEquals("always()", upload.get("if"), "a shard's results are kept also when its job failed");
        assertEquals("secho-shard-${{ matrix.shard }}", map(upload.get("with")).get("name"));
        assertEquals("shard-${{ matrix.shard }}/", map(upload.get("with")).get("path"));

        Map<String, Object> merge = map(jobs.get("merge"));
        assertTrue(list(merge.get("needs")).contains("grade"), "merge needs the whole grade matrix");
        assertTrue(String.valueOf(merge.get("if")).startsWith("always()"), "merge also runs when a shard failed");
        List<Map<String, Object>> downloads = usesAll(merge, "actions/download-artifact@");
        assertTrue(downloads.stream().anyMatch(d -> "secho-shard-*".equals(map(d.get("with")).get("pattern"))
                && "shards".equals(map(d.get("with")).get("path"))), String.valueOf(downloads));
        assertEquals("class-result/", map(uses(merge, "actions/upload-artifact@").get("with")).get("path"));
    }

    /** The grade step's script, run with bash as GitHub runs it, calls the documented command line. */
    @Test
    void workflowGradesShardKOfNWithTheDocumentedCommandLine(@TempDir Path dir) throws Exception {
        Map<String, Object> workflow = load(WORKFLOW).get(0);
        String shards = String.valueOf(map(workflow.get("env")).get("SHARDS"));
        String script = String.valueOf(step(map(map(workflow.get("jobs")).get("grade")), "Grade shard").get("run"));
        for (String shard : List.of("1", shards)) {
            Shell run = Shell.run(dir, script, 1, "SHARDS", shards, "JAR", JAR, "SHARD", shard,
                    "SUBMISSIONS", "class/submissions.tsv", "HARNESS_OPTIONS", "--profile lab --lab-variant dh");
            assertEquals(0, run.exitCode, "exit 1 (some submissions failed) is a grading result: " + run);
            assertEquals(List.of("-jar", JAR, "grade", "--submissions", "class/submissions.tsv", "--out", "shard-" + shard,
                    "--shard", shard + "/" + shards, "--jobs", "2", "--profile", "lab", "--lab-variant", "dh"), run.javaArgs);
        }
        Shell broken = Shell.run(dir, script, 2, "SHARDS", shards, "JAR", JAR, "SHARD", "1",
                "SUBMISSIONS", "class/submissions.tsv", "HARNESS_OPTIONS", "");
        assertNotEquals(0, broken.exitCode, "a usage error (2) fails the job: " + broken);
        assertEquals(List.of("-jar", JAR, "grade", "--submissions", "class/submissions.tsv", "--out", "shard-1",
                "--shard", "1/" + shards, "--jobs", "2"), broken.javaArgs, "no options: no empty argument");
    }

    @Test
    void workflowMergesEveryDownloadedShardWithTheDocumentedCommandLine(@TempDir Path dir) throws Exception {
        Map<String, Object> workflow = load(WORKFLOW).get(0);
        int shards = Integer.parseInt(String.valueOf(map(workflow.get("env")).get("SHARDS")));
        String script = String.valueOf(step(map(map(workflow.get("jobs")).get("merge")), "Merge the shards").get("run"));
        List<String> folders = new ArrayList<>();
        for (int k = 1; k <= shards; k++) {
            Files.createDirectories(dir.resolve("shards/secho-shard-" + k));
            folders.add("shards/secho-shard-" + k);
        }
        Shell run = Shell.run(dir, script, 0, "JAR", JAR);
        assertEquals(0, run.exitCode, run.toString());
        List<String> expected = new ArrayList<>(List.of("-jar", JAR, "merge", "--out", "class-result"));
        assertEquals(expected, run.javaArgs.subList(0, 5));
        assertEquals(new HashSet<>(folders), new HashSet<>(run.javaArgs.subList(5, run.javaArgs.size())),
                "every shard's folder, once");
        assertEquals(shards, run.javaArgs.size() - 5);
    }

    // ---- Kubernetes ----

    @Test
    void kubernetesIndexedJobMapsEachIndexToItsShard(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> documents = load(GRADE_JOB);
        Map<String, Object> claim = kind(documents, "PersistentVolumeClaim");
        assertEquals(List.of("ReadWriteMany"), map(claim.get("spec")).get("accessModes"));
        Map<String, Object> job = kind(documents, "Job");
        Map<String, Object> spec = map(job.get("spec"));
        assertEquals("Indexed", spec.get("completionMode"));
        int completions = (Integer) spec.get("completions");
        int parallelism = (Integer) spec.get("parallelism");
        assertTrue(parallelism >= 1 && parallelism <= completions, spec.toString());
        Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
        assertEquals("Never", pod.get("restartPolicy"));

        Map<String, Object> init = only(list(pod.get("initContainers")));
        Map<String, Object> grade = only(list(pod.get("containers")));
        String shardsVariable = list(init.get("env")).stream().map(GradingDefinitionsTest::map)
                .filter(e -> "SHARDS".equals(e.get("name"))).map(e -> String.valueOf(e.get("value"))).findFirst()
                .orElseThrow();
        assertEquals(String.valueOf(completions), shardsVariable, "SHARDS is the number of completions");

        // The init container's shell command, run here with every index: --shard 1/N .. N/N, each once.
        List<Object> command = list(init.get("command"));
        assertEquals(List.of("sh", "-c"), command.subList(0, 2));
        String mount = mountPath(init, "shard");
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < completions; index++) {
            Path shardDir = Files.createDirectories(dir.resolve("index-" + index));
            String script = String.valueOf(command.get(2)).replace(mount + "/", shardDir + "/");
            ProcessBuilder withIndex = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
            withIndex.environment().put("JOB_COMPLETION_INDEX", Integer.toString(index));
            withIndex.environment().put("SHARDS", shardsVariable);
            Process run = withIndex.start();
            assertEquals(0, Shell.await(run), script);
            // Split as picocli splits an @file: by white space.
            List<String> words = Arrays.asList(Files.readString(shardDir.resolve("shard.args")).strip().split("\\s+"));
            assertEquals(List.of("--shard", (index + 1) + "/" + completions), words, "index " + index);
            seen.add(words.get(1));
        }
        assertEquals(completions, seen.size());

        List<Object> args = list(grade.get("args"));
        assertEquals(List.of("grade", "--submissions"), args.subList(0, 2));
        String submissions = String.valueOf(args.get(2));
        assertTrue(submissions.startsWith(mountPath(grade, "class") + "/"), submissions);
        int out = args.indexOf("--out");
        assertEquals(mountPath(grade, "results") + "/shard-$(JOB_COMPLETION_INDEX)", args.get(out + 1));
        assertTrue(args.contains("@" + mountPath(grade, "shard") + "/shard.args"), "the shard argument file: " + args);
        assertTrue(list(map(pod).get("volumes")).stream().map(GradingDefinitionsTest::map)
                .anyMatch(v -> "results".equals(v.get("name"))
                        && map(v.get("persistentVolumeClaim")).get("claimName").equals(map(claim.get("metadata")).get("name"))));
        assertTrue(String.valueOf(grade.get("image")).matches(".*/secho-conformance:[^/]+"), String.valueOf(grade.get("image")));
        assertTrue(!grade.containsKey("command"), "the image's entrypoint (the harness jar) is kept");
    }

    @Test
    void kubernetesMergeJobJoinsTheFolderOfEveryIndex() throws IOException {
        Map<String, Object> gradeSpec = map(kind(load(GRADE_JOB), "Job").get("spec"));
        int completions = (Integer) gradeSpec.get("completions");
        Map<String, Object> gradePod = map(map(gradeSpec.get("template")).get("spec"));
        Map<String, Object> mergePod = map(map(map(kind(load(MERGE_JOB), "Job").get("spec")).get("template")).get("spec"));
        Map<String, Object> merge = only(list(mergePod.get("containers")));
        String results = mountPath(merge, "results");
        List<Object> expected = new ArrayList<>(List.of("merge", "--out", results + "/class"));
        IntStream.range(0, completions).forEach(i -> expected.add(results + "/shard-" + i));
        assertEquals(expected, merge.get("args"));
        assertEquals(only(list(gradePod.get("containers"))).get("image"), merge.get("image"), "the same harness image");
        assertEquals(claimOf(gradePod), claimOf(mergePod), "the same shared volume");
    }

    /** The shard argument file works only because the harness expands @FILE arguments (picocli's default). */
    @Test
    void theHarnessExpandsArgumentFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("options.args");
        Files.writeString(file, "--profile lab\n--list\n");
        MainRun direct = MainRun.of("--profile", "lab", "--list");
        MainRun viaFile = MainRun.of("@" + file);
        assertEquals(0, direct.exitCode(), direct.err());
        assertEquals(direct, viaFile);
        assertTrue(direct.out().contains("LAB-001"), direct.out());
    }

    // ---- helpers ----

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
            documents.add(map(document));
        }
        assertTrue(!documents.isEmpty(), file + " is empty");
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            fail("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            fail("expected a list, got " + value);
        }
        return (List<Object>) value;
    }

    private static Map<String, Object> only(List<Object> values) {
        assertEquals(1, values.size(), String.valueOf(values));
        return map(values.get(0));
    }

    private static Map<String, Object> kind(List<Map<String, Object>> documents, String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static String mountPath(Map<String, Object> container, String volume) {
        return list(container.get("volumeMounts")).stream().map(GradingDefinitionsTest::map)
                .filter(m -> volume.equals(m.get("name"))).map(m -> String.valueOf(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of " + volume + " in " + container.get("name")));
    }

    private static Object claimOf(Map<String, Object> pod) {
        return list(pod.get("volumes")).stream().map(GradingDefinitionsTest::map).filter(v -> v.containsKey("persistentVolumeClaim"))
                .map(v -> map(v.get("persistentVolumeClaim")).get("claimName")).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return list(job.get("steps")).stream().map(GradingDefinitionsTest::map).collect(Collectors.toList());
    }

    private static Map<String, Object> step(Map<String, Object> job, String namePrefix) {
        return steps(job).stream().filter(s -> String.valueOf(s.get("name")).startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + namePrefix));
    }

    private static List<Map<String, Object>> usesAll(Map<String, Object> job, String action) {
        return steps(job).stream().filter(s -> String.valueOf(s.get("uses")).startsWith(action)).collect(Collectors.toList());
    }

    private static Map<String, Object> uses(Map<String, Object> job, String action) {
        List<Map<String, Object>> found = usesAll(job, action);
        assertEquals(1, found.size(), action + " in " + job.get("steps"));
        return found.get(0);
    }

    /** A step's script run with bash -e as GitHub runs it, with a java on the PATH that records its arguments. */
    private record Shell(int exitCode, List<String> javaArgs, String output) {
        static Shell run(Path dir, String script, int javaExit, String... environment) throws Exception {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path recorded = dir.resolve("java.args");
            Files.deleteIfExists(recorded);
            Path java = bin.resolve("java");
            Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + recorded + "'\nexit "
                    + javaExit + "\n");
            assertTrue(java.toFile().setExecutable(true));
            ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
                    .directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            for (int i = 0; i + 1 < environment.length; i += 2) {
                builder.environment().put(environment[i], environment[i + 1]);
            }
            Process process = builder.start();
            int code = await(process);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> args = Files.exists(recorded) ? Files.readAllLines(recorded) : List.of();
            return new Shell(code, args, output);
        }

        static int await(Process process) throws InterruptedException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("a shell did not end within 30 s");
            }
            return process.exitValue();
        }
    }
}
