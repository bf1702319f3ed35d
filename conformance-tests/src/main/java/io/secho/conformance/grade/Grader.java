package io.secho.conformance.grade;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.secho.conformance.Family;
import io.secho.conformance.cli.ConformanceMain;
import io.secho.conformance.report.JsonReport;
import io.secho.conformance.report.Verdict;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Grades one submission: starts its server on a free loopback port (for a command), runs the harness against it
 * in a JVM of its own with the submission's folder as report directory, stops the server, and reads the report.
 * A JVM per submission, because one harness run already runs up to 32 cases in parallel, registers shutdown
 * hooks and keeps process-wide state (the client processes, the interrupted-run hook): separate JVMs keep the
 * runs, their memory and a crash apart, for the cost of a JVM start (about a second) per submission.
 */
final class Grader {
    static final String HARNESS_LOG = "harness.log";
    static final String DETECT_LOG = "lab-detect.log";
    /** The server's output while --lab-detect tried settings on it: a start of its own, so a log of its own. */
    static final String DETECT_SERVER_LOG = "server-lab-detect.log";
    static final String LAB_DETECT = "--lab-detect";
    private static final int TAIL_LINES = 8;
    /** Ports handed out and not yet given back: two submissions starting at once never get the same one. */
    private static final Set<Integer> PORTS_IN_USE = ConcurrentHashMap.newKeySet();
    /**
     * The harness JVMs running: a grader ended by a signal (a CI job cancelled) stops them with it; Ctrl-C reaches
     * them anyway, as they share its process group.
     */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(harness -> {
            harness.descendants().forEach(ProcessHandle::destroyForcibly);
            harness.destroyForcibly();
        }), "secho-grade-stop-harnesses"));
    }

    /** What every submission shares. */
    record Settings(Path out, Path submissionsFolder, List<String> harnessArgs, List<String> imageArgs,
                    Duration startTimeout, Duration runTimeout, List<String> javaCommand) {
    }

    private final Settings settings;

    Grader(Settings settings) {
        this.settings = settings;
    }

    /** The java command that runs this harness again: this JVM's java with this JVM's class path. */
    static List<String> ownJava() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), ConformanceMain.class.getName());
    }

    SubmissionResult grade(Submission submission) {
        long started = System.nanoTime();
        Path folder = settings.out().resolve(submission.name());
        try {
            // A folder left by an earlier grade into the same DIR goes first: its reports must not pass for this run's.
            clear(folder);
            Files.createDirectories(folder);
        } catch (IOException | java.io.UncheckedIOException e) {
            return SubmissionResult.error(submission.name(), 0, "", "cannot make " + folder + ": " + e.getMessage(),
                    true);
        }
        return switch (submission.kind()) {
            case ADDRESS -> {
                if (!labDetect()) {
                    yield runHarness(submission, folder, List.of("--target", submission.target()), Optional.empty(),
                            started);
                }
                Detected detected = detect(folder, submission.target());
                yield detected.options().isPresent() ? runHarness(submission, folder, List.of("--target",
                        submission.target()), Optional.empty(), started, detected.options().get())
                        : detected.failure(submission.name(), seconds(started));
            }
            case IMAGE -> {
                List<String> target = new ArrayList<>(List.of("--image", submission.target()));
                target.addAll(settings.imageArgs());
                yield runHarness(submission, folder, target, Optional.empty(), started);
            }
            case COMMAND -> gradeCommand(submission, folder, started);
        };
    }

    private SubmissionResult gradeCommand(Submission submission, Path folder, long started) {
        int port;
        try {
            port = freePort();
        } catch (IOException e) {
            return SubmissionResult.error(submission.name(), seconds(started), "", "no free loopback port: "
                    + e.getMessage(), true);
        }
        Path log = folder.resolve(ServerProcess.LOG);
        List<String> harnessArgs = settings.harnessArgs();
        if (labDetect()) {
            // Its own start of the server, on a port of its own (the first may linger in TIME_WAIT): a lab server
            // that stops on the first record it cannot open (LAB-W6) would not survive the tries, and the run
            // must find the server fresh, as a client would.
            Optional<List<String>> found;
            SubmissionResult failed = null;
            int detectPort;
            try {
                detectPort = freePort();
            } catch (IOException e) {
                PORTS_IN_USE.remove(port);
                return SubmissionResult.error(submission.name(), seconds(started), "", "no free loopback port: "
                        + e.getMessage(), true);
            }
            Path detectLog = folder.resolve(DETECT_SERVER_LOG);
            try (ServerProcess server = ServerProcess.start(submission.command(detectPort),
                    settings.submissionsFolder(), detectLog)) {
                Optional<String> notStarted = server.awaitListening(detectPort, settings.startTimeout());
                if (notStarted.isPresent()) {
                    server.close();
                    failed = SubmissionResult.error(submission.name(), seconds(started), "",
                            withTail(notStarted.get(), detectLog), false);
                    found = Optional.empty();
                } else {
                    Detected detected = detect(folder, "127.0.0.1:" + detectPort);
                    found = detected.options();
                    if (found.isEmpty()) {
                        failed = detected.failure(submission.name(), seconds(started));
                    }
                }
            } catch (IOException e) {
                failed = SubmissionResult.error(submission.name(), seconds(started), "", e.getMessage(), false);
                found = Optional.empty();
            } finally {
                PORTS_IN_USE.remove(detectPort);
            }
            if (failed != null) {
                PORTS_IN_USE.remove(port);
                return failed;
            }
            harnessArgs = found.orElseThrow();
        }
        try (ServerProcess server = ServerProcess.start(submission.command(port), settings.submissionsFolder(), log)) {
            Optional<String> notStarted = server.awaitListening(port, settings.startTimeout());
            if (notStarted.isPresent()) {
                server.close();
                return SubmissionResult.error(submission.name(), seconds(started), "",
                        withTail(notStarted.get(), log), false);
            }
            return runHarness(submission, folder, List.of("--target", "127.0.0.1:" + port), Optional.of(server),
                    started, harnessArgs);
        } catch (IOException e) {
            return SubmissionResult.error(submission.name(), seconds(started), "", e.getMessage(), false);
        } finally {
            PORTS_IN_USE.remove(port);
        }
    }

    private SubmissionResult runHarness(Submission submission, Path folder, List<String> target,
                                        Optional<ServerProcess> server, long started) {
        return runHarness(submission, folder, target, server, started, settings.harnessArgs());
    }

    private SubmissionResult runHarness(Submission submission, Path folder, List<String> target,
                                        Optional<ServerProcess> server, long started, List<String> harnessArgs) {
        List<String> command = new ArrayList<>(settings.javaCommand());
        command.addAll(target);
        command.addAll(List.of("--report-dir", folder.toString()));
        command.addAll(harnessArgs);
        Path harnessLog = folder.resolve(HARNESS_LOG);
        try {
            Files.deleteIfExists(folder.resolve(JsonReport.FILE_NAME));
        } catch (IOException e) {
            return SubmissionResult.error(submission.name(), seconds(started), "", "cannot clear " + folder + ": "
                    + e.getMessage(), true);
        }
        HarnessExit ended = runHarnessJvm(command, harnessLog);
        if (ended.status().isEmpty()) {
            return SubmissionResult.error(submission.name(), seconds(started), "", "the harness run "
                    + ended.problem(), true);
        }
        int exit = ended.status().getAsInt();
        String died = server.flatMap(ServerProcess::exitStatus)
                .map(status -> "the server exited with status " + status + " during the run").orElse("");
        String report = submission.name() + "/" + JsonReport.FILE_NAME;
        if (exit == 3) {
            return SubmissionResult.error(submission.name(), seconds(started), "", join(died,
                    withTail("the harness could not reach the server", harnessLog)), false);
        }
        Optional<SubmissionResult> read = read(submission.name(), folder.resolve(JsonReport.FILE_NAME),
                exit == 0 ? SubmissionResult.PASS : SubmissionResult.FAIL, seconds(started), report, died);
        if ((exit == 0 || exit == 1) && read.isPresent()) {
            return read.get();
        }
        String why = exit == 0 || exit == 1 ? "the harness wrote no readable report"
                : "the harness failed (exit status " + exit + ")";
        SubmissionResult partial = read.orElse(SubmissionResult.error(submission.name(), 0, "", "", true));
        return new SubmissionResult(submission.name(), SubmissionResult.ERROR, partial.counts(), partial.families(),
                partial.requirements(), partial.suitesOffered(), seconds(started), read.isPresent() ? report : "",
                join(died, withTail(why, harnessLog)), true);
    }

    /** How a harness JVM ended: its exit status, or (empty) why it has none. */
    private record HarnessExit(OptionalInt status, String problem) {
        static HarnessExit failed(String problem) {
            return new HarnessExit(OptionalInt.empty(), problem);
        }
    }

    /**
     * Runs the harness JVM, its output in {@code log} with plain text (no colours, no live counter), at most
     * --run-timeout (then it is killed with every process it started).
     *
     * @return its exit status, or why it has none (it could not start, or overran)
     */
    private HarnessExit runHarnessJvm(List<String> command, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("NO_COLOR", "1");
            Process harness = builder.start();
            RUNNING.add(harness);
            try {
                return awaitHarness(harness, BoundedLog.copy(harness.getInputStream(), log, "secho-grade-harness-log"));
            } catch (IOException e) {
                harness.destroyForcibly();
                throw e;
            } finally {
                RUNNING.remove(harness);
            }
        } catch (IOException e) {
            return HarnessExit.failed("could not start: " + e.getMessage());
        }
    }

    private HarnessExit awaitHarness(Process harness, BoundedLog copy) {
        try {
            if (!harness.waitFor(settings.runTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                harness.descendants().forEach(ProcessHandle::destroyForcibly);
                harness.destroyForcibly();
                harness.waitFor(10, TimeUnit.SECONDS);
                copy.finish(2000);
                return HarnessExit.failed("took longer than " + shown(settings.runTimeout())
                        + " (--run-timeout) and was stopped");
            }
            copy.finish(5000);
            return new HarnessExit(OptionalInt.of(harness.exitValue()), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HarnessExit.failed("was interrupted");
        }
    }

    private boolean labDetect() {
        return settings.harnessArgs().contains(LAB_DETECT);
    }

    /** What --lab-detect found for one server: the harness options to grade it with, or why there are none. */
    private record Detected(Optional<List<String>> options, String why, boolean harnessFailed) {
        SubmissionResult failure(String name, double seconds) {
            return harnessFailed ? SubmissionResult.error(name, seconds, "", why, true)
                    : new SubmissionResult(name, SubmissionResult.FAIL, SubmissionResult.emptyCounts(), Map.of(),
                    Map.of(), List.of(), seconds, name + "/" + DETECT_LOG, why, false);
        }
    }

    /**
     * Runs the harness with --lab-detect against {@code target}; its output goes to lab-detect.log. The settings
     * that work replace the lab options given: the grade options but --lab-detect and those the detection set.
     */
    private Detected detect(Path folder, String target) {
        List<String> command = new ArrayList<>(settings.javaCommand());
        command.addAll(settings.harnessArgs());
        command.addAll(List.of("--target", target));
        Path log = folder.resolve(DETECT_LOG);
        HarnessExit ended = runHarnessJvm(command, log);
        if (ended.status().isEmpty()) {
            return new Detected(Optional.empty(), "--lab-detect " + ended.problem(), true);
        }
        int exit = ended.status().getAsInt();
        if (exit == 1) {
            return new Detected(Optional.empty(), "--lab-detect: none of the common lab settings works with this "
                    + "server (" + DETECT_LOG + " lists the tries)", false);
        }
        if (exit == 3) {
            return new Detected(Optional.empty(), withTail("--lab-detect could not reach the server", log), false);
        }
        List<String> lines = BoundedLog.tail(log, 1);
        List<String> words = exit == 0 && !lines.isEmpty() ? io.secho.conformance.ShellWords.split(lines.get(0).strip())
                : List.of();
        int jar = words.indexOf("-jar");
        int targetAt = words.indexOf("--target");
        if (jar < 0 || targetAt < jar + 2) {
            return new Detected(Optional.empty(), withTail("--lab-detect ended with exit status " + exit
                    + " and no settings", log), true);
        }
        List<String> found = words.subList(jar + 2, targetAt);
        return new Detected(Optional.of(withOptions(settings.harnessArgs(), found)), "", false);
    }

    /** {@code given} without --lab-detect and without the options {@code found} sets (and their values), then found. */
    static List<String> withOptions(List<String> given, List<String> found) {
        java.util.Set<String> names = new java.util.HashSet<>();
        found.stream().filter(w -> w.startsWith("--")).map(w -> w.contains("=") ? w.substring(0, w.indexOf('=')) : w)
                .forEach(names::add);
        names.add(LAB_DETECT);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String word = given.get(i);
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (names.contains(name)) {
                // An option's value never starts with "--"; a flag is followed by the next option or nothing.
                if (!word.contains("=") && i + 1 < given.size() && !given.get(i + 1).startsWith("--")) {
                    i++;
                }
                continue;
            }
            kept.add(word);
        }
        kept.addAll(found);
        return kept;
    }

    /** The JSON report's figures, or empty when there is no readable report. */
    static Optional<SubmissionResult> read(String name, Path json, String verdict, double seconds, String report,
                                           String note) {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8));
            root = parsed.getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Optional.empty();
        }
        Map<Verdict, Integer> counts = SubmissionResult.emptyCounts();
        Map<Family, Map<Verdict, Integer>> byFamily = new EnumMap<>(Family.class);
        for (JsonElement element : root.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            Verdict verdict1 = Verdict.valueOf(c.get("status").getAsString().toUpperCase(java.util.Locale.ROOT));
            counts.merge(verdict1, 1, Integer::sum);
            Family family = Family.ofCaseId(c.get("id").getAsString()).orElse(null);
            if (family != null) {
                byFamily.computeIfAbsent(family, f -> SubmissionResult.emptyCounts()).merge(verdict1, 1, Integer::sum);
            }
        }
        Map<String, Map<Verdict, Integer>> families = new java.util.LinkedHashMap<>();
        byFamily.forEach((family, c) -> families.put(family.prefix(), c));
        Map<String, String> requirements = new TreeMap<>();
        for (JsonElement element : root.getAsJsonArray("requirements")) {
            JsonObject r = element.getAsJsonObject();
            requirements.put(r.get("id").getAsString(), r.get("status").getAsString());
        }
        List<String> suites = new ArrayList<>();
        JsonObject target = root.getAsJsonObject("target");
        if (target != null && target.has("suites")) {
            for (JsonElement element : target.getAsJsonArray("suites")) {
                JsonObject s = element.getAsJsonObject();
                if (s.has("helloAccepted") && s.get("helloAccepted").getAsBoolean()) {
                    suites.add(s.get("suite").getAsString());
                }
            }
        }
        return Optional.of(new SubmissionResult(name, verdict, counts, families, requirements, suites, seconds,
                report, note, false));
    }

    private static String withTail(String why, Path log) {
        List<String> tail = BoundedLog.tail(log, TAIL_LINES);
        return tail.isEmpty() ? why + " (" + log.getFileName() + " is empty)"
                : why + "; the end of " + log.getFileName() + ":\n" + String.join("\n", tail);
    }

    private static void clear(Path folder) throws IOException {
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (PORTS_IN_USE.add(port)) {
                return port;
            }
        }
        throw new IOException("every port tried is in use by another submission");
    }
}
