package io.secho.conformance.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.secho.conformance.cli.ConformanceMain;
import io.secho.conformance.targets.TargetConfig;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** {@code secho-conformance grade}: a whole class of submissions, N at a time, into one output folder. */
@CommandLine.Command(name = "grade", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Grades a class of servers N at a time: class.csv, index.html and a folder per submission.",
        customSynopsis = {"secho-conformance grade --submissions FILE --out DIR [--jobs N] [--shard K/N] "
                + "[--start-timeout DURATION] [--gradescope] [HARNESS OPTIONS]"},
        description = {"Grades every submission of FILE, a line 'NAME<TAB>TARGET' each ('#' starts a comment line). "
                + "NAME (letters, digits, '-', '_', '.') names the submission's folder in DIR. TARGET is a command that "
                + "starts the submission's server and contains {port} (split into words as a shell would, no shell "
                + "runs it; run in FILE's folder, in a process group of its own, stopped at the end), HOST:PORT of a "
                + "running server, or image:NAME, a Docker image as with --image.",
            "For a command the grader picks a free loopback port, waits until the server accepts a connection (a "
                + "server that does not is an ERROR, with the end of its output), runs the harness against it in a "
                + "JVM of its own, and stops it. Every other option is a harness option (see 'secho-conformance "
                + "--help') and applies to every submission alike: --psk-file, timeouts, --suite, --family, --case, "
                + "--expect, --seed, --profile lab and the lab options. Without --seed one seed is picked for the "
                + "whole class. With --lab-detect each lab server is first tried with the common lab settings "
                + "(lab-detect.log) and then graded with the settings that work with it.",
            "DIR gets class.csv (a row per submission: verdict PASS, FAIL or ERROR, counts per status, failed "
                + "requirements, suites offered, lab weaknesses, duration), index.html (the class matrix), grade.json "
                + "(for merge) and a folder per submission with its JSON and JUnit XML reports, server.log and "
                + "harness.log (and results.json with --gradescope)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every submission was graded, whatever its verdict",
            "2:usage error (bad option, a bad line of FILE, a harness option that does not apply)",
            "4:grading itself failed for a submission (the harness failed or overran --run-timeout): its row is "
                + "ERROR and says why"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar secho-conformance.jar grade --submissions class.tsv --out grades --psk-file secho.key",
            "  java -jar secho-conformance.jar grade --submissions lab3.tsv --out grades --jobs 2 \\",
            "      --profile lab --lab-variant dh",
            "  java -jar secho-conformance.jar grade --submissions class.tsv --out shard-1 --shard 1/4",
            "  java -jar secho-conformance.jar merge --out grades shard-1 shard-2 shard-3 shard-4"})
public final class GradeCommand implements java.util.concurrent.Callable<Integer> {
    /** Harness options the grader sets itself, per submission, or that do not grade a server. */
    private static final List<String> NOT_FOR_GRADE = List.of("--target", "--image", "--report-dir",
            "--client-command", "--client-reference", "--client-run-timeout", "--list", "--expanded", "--json");
    /** Harness options of an image target: passed only to the image: submissions. */
    private static final Set<String> IMAGE_OPTIONS = Set.of("--image-port", "--image-env", "--image-arg",
            "--image-startup-timeout");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--submissions", paramLabel = "FILE", required = true,
            description = "The class: NAME<TAB>TARGET a line.")
    Path submissionsFile;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where class.csv, index.html and a folder per submission go.")
    Path out;

    @CommandLine.Option(names = "--jobs", paramLabel = "N",
            description = "Submissions graded at once (default: half the processors, at least 1: each job is a "
                    + "harness that runs up to 32 cases at once, plus the submission's server).")
    Integer jobs;

    @CommandLine.Option(names = "--shard", paramLabel = "K/N",
            description = "Grade only shard K of N: the submissions whose name hashes to it (stable when lines are "
                    + "added); 'merge' joins the shards' folders.")
    String shard;

    @CommandLine.Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "20s",
            description = "How long a command's server may take to accept a connection (default: ${DEFAULT-VALUE}).")
    String startTimeout;

    @CommandLine.Option(names = "--run-timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long the harness may take on one submission before it is stopped (default: "
                    + "${DEFAULT-VALUE}; a broken server takes at most about 140s).")
    String runTimeout;

    @CommandLine.Option(names = "--gradescope",
            description = "Also write NAME/results.json, Gradescope's autograder results: a test per family.")
    boolean gradescope;

    @CommandLine.Unmatched
    List<String> harnessArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        PrintWriter console = commandLine.getOut();
        int jobCount = jobs != null ? jobs : defaultJobs();
        if (jobCount < 1 || jobCount > 256) {
            throw usage("--jobs " + jobCount + " is not from 1 to 256");
        }
        Shard selected = shard == null ? Shard.ALL : parse(() -> Shard.parse(shard));
        Duration start = parse(() -> TargetConfig.parseDuration(startTimeout, "--start-timeout"));
        Duration run = parse(() -> TargetConfig.parseDuration(runTimeout, "--run-timeout"));
        List<String> harness = new ArrayList<>();
        List<String> image = new ArrayList<>();
        splitHarnessArgs(harness, image);
        List<Submission> submissions = parse(() -> Submissions.read(submissionsFile));
        List<Submission> mine = submissions.stream().filter(s -> selected.contains(s.name())).toList();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw usage("--out " + out + ": cannot be made (" + e.getMessage() + ")");
        }
        List<String> withSeed = new ArrayList<>(harness);
        if (harness.stream().noneMatch(a -> a.equals("--seed") || a.startsWith("--seed="))) {
            withSeed.addAll(List.of("--seed", TargetConfig.freshSeed()));
        }
        preflight(withSeed);
        JsonObject options = options(harness, image);
        Path folder = submissionsFile.toAbsolutePath().getParent();
        Grader grader = new Grader(new Grader.Settings(out, folder, withSeed, image, start, run, Grader.ownJava()));
        console.println("grading " + mine.size() + " of " + submissions.size() + " submissions" + (shard == null ? ""
                : " (shard " + selected + ")") + ", " + jobCount + " at a time, into " + out);
        console.flush();
        List<SubmissionResult> results = gradeAll(grader, mine, jobCount, console);
        ClassOutput.write(out, new ClassOutput.Metadata(options, selected.toString(), results), gradescope);
        long pass = results.stream().filter(r -> r.verdict().equals(SubmissionResult.PASS)).count();
        long fail = results.stream().filter(r -> r.verdict().equals(SubmissionResult.FAIL)).count();
        console.println("graded " + results.size() + ": " + pass + " PASS, " + fail + " FAIL, "
                + (results.size() - pass - fail) + " ERROR; " + out.resolve(ClassCsv.FILE) + " and "
                + out.resolve(ClassIndex.FILE));
        List<String> failed = results.stream().filter(SubmissionResult::harnessFailed).map(SubmissionResult::name)
                .sorted().toList();
        if (!failed.isEmpty()) {
            commandLine.getErr().println("secho-conformance: grading failed for " + String.join(", ", failed)
                    + ": see the note in class.csv and NAME/harness.log");
            commandLine.getErr().flush();
            return 4;
        }
        return 0;
    }

    /** Half the processors: a job is a harness running many cases at once plus a server, both need CPU on time. */
    static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private static List<SubmissionResult> gradeAll(Grader grader, List<Submission> submissions, int jobs,
                                                   PrintWriter out) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread thread = new Thread(runnable, "secho-grade-job");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<SubmissionResult>> futures = new ArrayList<>();
            for (Submission submission : submissions) {
                futures.add(pool.submit(() -> {
                    SubmissionResult result = grader.grade(submission);
                    synchronized (out) {
                        out.printf(java.util.Locale.ROOT, "[%d/%d] %s: %s (%.1f s)%n", done.incrementAndGet(),
                                submissions.size(), submission.name(), result.verdict(), result.durationSeconds());
                        out.flush();
                    }
                    return result;
                }));
            }
            List<SubmissionResult> results = new ArrayList<>();
            for (Future<SubmissionResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("grading a submission failed: " + e.getCause(), e.getCause());
                }
            }
            results.sort(Comparator.comparing(SubmissionResult::name));
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sorts the harness options into those for every submission and those for image: submissions alone. */
    private void splitHarnessArgs(List<String> harness, List<String> image) {
        for (int i = 0; i < harnessArgs.size(); i++) {
            String arg = harnessArgs.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (NOT_FOR_GRADE.contains(name)) {
                throw usage(name + " does not go with grade: " + (name.startsWith("--client") ? "grade checks servers"
                        : "the grader sets it for each submission (a submission's TARGET, --out DIR/NAME)"));
            }
            if (IMAGE_OPTIONS.contains(name)) {
                image.add(arg);
                if (!arg.contains("=") && i + 1 < harnessArgs.size()) {
                    image.add(harnessArgs.get(++i));
                }
            } else {
                harness.add(arg);
            }
        }
    }

    /**
     * The harness's own check of its options, run in this JVM against a closed loopback port: a usage error (a
     * family that does not exist, an unreadable key, an --expect entry that names no case) is said once, before
     * any submission runs, rather than once per submission.
     */
    private void preflight(List<String> harness) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path reports = Files.createTempDirectory(out, ".preflight-");
        List<String> args = new ArrayList<>(List.of("--target", "127.0.0.1:" + closedPort, "--report-dir",
                reports.toString()));
        args.addAll(harness);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = ConformanceMain.execute(args.toArray(String[]::new),
                    new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> files = Files.walk(reports)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        lines.stream().filter(l -> l.contains("warning:")).forEach(spec.commandLine().getErr()::println);
        if (code == 2) {
            String cause = lines.stream().filter(l -> l.startsWith("secho-conformance: ")).findFirst()
                    .map(l -> l.substring("secho-conformance: ".length())).orElse("a harness option is wrong");
            throw usage("harness option: " + cause);
        }
    }

    private JsonObject options(List<String> harness, List<String> image) {
        JsonObject options = new JsonObject();
        JsonArray h = new JsonArray();
        harness.forEach(h::add);
        options.add("harness", h);
        JsonArray i = new JsonArray();
        image.forEach(i::add);
        options.add("image", i);
        options.addProperty("startTimeout", startTimeout);
        options.addProperty("runTimeout", runTimeout);
        options.addProperty("gradescope", gradescope);
        return options;
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
