package io.secho.conformance.cli;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.RetiredCases;
import io.secho.conformance.Family;
import io.secho.conformance.lab.LabDetect;
import io.secho.conformance.lab.LabTargetConfig;
import io.secho.conformance.lab.LabTargetRun;
import io.secho.conformance.report.Baseline;
import io.secho.conformance.report.ConformanceListener;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.ImageSpec;
import io.secho.conformance.targets.ImageTarget;
import io.secho.conformance.targets.TargetConfig;
import io.secho.cli.LabOptions;
import io.secho.crypto.PreSharedKey;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code java -jar secho-conformance.jar}: the same JUnit cases as {@code mvn verify}, from the command line. */
@CommandLine.Command(name = "secho-conformance", mixinStandardHelpOptions = true,
        version = "secho-conformance 1.0 (Secho protocol v1)",
        description = {"Checks a Secho v1 server against every requirement of the spec and reports a verdict per "
                + "case, family and requirement. Without --target it tests the embedded reference server.",
            "With --profile lab it checks one of the lab's own servers (Server_sec.py, Server_dh.py) against the lab "
                + "profile (spec/lab-profile.md) and reports which of its known weaknesses the server has; the lab "
                + "options say how that server speaks. Without --target it tests an embedded reference lab server.",
            "Every case ends PASS (the probe ran and the server did what the spec requires), FAIL (a MUST not met), "
                + "WARN (a SHOULD not met), SKIP (not applicable: the reason names the suite or option), BLOCKED (a "
                + "precondition failed, so the probe was never sent; it names what blocked it) or ERROR (the harness "
                + "itself failed). A requirement passes only when every case that checks it passed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every MUST case passed (with --expect: failed exactly as listed); --lab-detect: a setting works",
            "1:a MUST case failed or was blocked (and is not listed in --expect), or a listed case now passes; "
                + "--lab-detect: no setting tried works",
            "2:usage error (bad option, unreadable file, a filter that selects no case)",
            "3:the target cannot be reached",
            "4:the harness itself failed in a case, or the run was cut short: the verdict is incomplete"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar secho-conformance.jar",
            "  java -jar secho-conformance.jar --target 127.0.0.1:8443 --psk-file secho.key",
            "  java -jar secho-conformance.jar --target host:8443 --suite x25519 --family TAG --seed 42",
            "  java -jar secho-conformance.jar --list",
            "  java -jar secho-conformance.jar --profile lab --lab-variant sec --key-file key.bin --target 127.0.0.1:8443",
            "  java -jar secho-conformance.jar --profile lab --lab-variant dh --target 127.0.0.1:8443 --list",
            "  java -jar secho-conformance.jar --profile lab --lab-variant dh --target 127.0.0.1:8443 --lab-detect"})
public final class ConformanceMain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--target", paramLabel = "HOST:PORT",
            description = "The server to test. Default: an embedded reference server on a free loopback port.")
    String target;

    @CommandLine.Option(names = "--image", paramLabel = "IMAGE[:TAG]",
            description = "A Docker image to start and test (Testcontainers); it must be present in the local engine "
                    + "(never pulled), serve Secho on --image-port and gets the --psk-file key in SECHO_PSK. "
                    + "Instead of --target.")
    String image;

    @CommandLine.Option(names = "--image-port", paramLabel = "PORT",
            description = "The container port the image serves Secho on (default: 8443).")
    String imagePort;

    @CommandLine.Option(names = "--image-env", paramLabel = "NAME=VALUE",
            description = "An environment variable for the image's container, or NAME alone to pass on the harness's "
                    + "own; repeatable. Values are never printed. The key goes in with --psk-file, not here.")
    List<String> imageEnv;

    @CommandLine.Option(names = "--image-arg", paramLabel = "ARG", parameterConsumer = VerbatimArgument.class,
            description = "An argument for the image, replacing its CMD (the arguments after its entrypoint); "
                    + "repeatable, one word each, taken as it is (--image-arg --port passes --port).")
    List<String> imageArgs;

    @CommandLine.Option(names = "--image-startup-timeout", paramLabel = "DURATION",
            description = "How long the image may take to answer its first ClientHello (default: 60s); then the run "
                    + "stops with exit code 3 and the end of the container's log.")
    String imageStartupTimeout;

    @CommandLine.Option(names = "--suite", paramLabel = "SUITE",
            description = "Only these suites (x25519, modp2048, psk); repeatable. Default: every suite the target offers.")
    List<String> suites;

    @CommandLine.Option(names = "--psk-file", paramLabel = "FILE",
            description = "The target's pre-shared key, 64 hex digits; without it the cases that need a psk "
                    + "session are skipped.")
    Path pskFile;

    @CommandLine.Option(names = "--handshake-timeout", paramLabel = "DURATION",
            description = "The handshake timeout the target enforces (default and largest: the spec's maximum, 30s).")
    String handshakeTimeout;

    @CommandLine.Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "The idle timeout the target enforces; LIM-004, LIM-005 and LIM-008 run only when it is "
                    + "given (at most 40s; LIM-005 at most 20s).")
    String idleTimeout;

    @CommandLine.Option(names = "--max-connections", paramLabel = "N",
            description = "The target's connection limit; LIM-009 checks its busy alert when given (at most 1024).")
    String maxConnections;

    @CommandLine.Option(names = "--io-timeout", paramLabel = "DURATION",
            description = "How long to wait for each answer of the target (default: 5s; 3s with --profile lab).")
    String ioTimeout;

    @CommandLine.Option(names = "--seed", paramLabel = "SEED",
            description = "Fixes every random choice (randoms, keys, bit positions). Default: a fresh seed, printed.")
    String seed;

    @CommandLine.Option(names = "--case", paramLabel = "ID", split = ",",
            description = "Run only these cases (e.g. TAG-004, ECHO-001.7); repeatable.")
    List<String> cases;

    @CommandLine.Option(names = "--family", paramLabel = "NAME", split = ",",
            description = "Run only these families: HS, NONCE, TAG, ECHO, FRM, CLOSE, LIM (LAB with --profile lab); "
                    + "repeatable.")
    List<String> families;

    @CommandLine.Option(names = "--expect", paramLabel = "FILE",
            description = "Known failures, one 'CASE-ID reason' per line; the run fails on any other failure and on "
                    + "a listed case that passes.")
    Path expect;

    @CommandLine.Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "secho-conformance-reports",
            description = "Where the JSON and JUnit XML reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @CommandLine.Option(names = "--list", description = "List every case with its requirements and exit.")
    boolean list;

    @CommandLine.Option(names = "--lab-detect",
            description = "Lab: instead of the cases, try the common lab settings against --target, a short session "
                    + "each (at most " + LabDetect.MAX_TRIES + ", each bounded by --io-timeout), and print the command "
                    + "line that works (exit 0) or what was tried (exit 1).")
    boolean labDetect;

    @CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    /** Options of Secho v1 alone: the lab protocol has no suites, no PSK, no handshake or idle timeout to check. */
    private static final List<String> V1_ONLY = List.of("--image", "--image-port", "--image-env", "--image-arg",
            "--image-startup-timeout", "--suite", "--psk-file", "--handshake-timeout", "--idle-timeout",
            "--max-connections");

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ConformanceMain());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionStrategy(parseResult -> {
            ConformanceMain main = parseResult.commandSpec().commandLine().getCommand();
            main.out = out;
            main.err = err;
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                main.stopImage();
            }
        });
        return commandLine.execute(args);
    }

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    /** The --image container, started before the cases (to fail fast, with its log) and stopped after them. */
    private Optional<ImageTarget> startedImage = Optional.empty();
    private Optional<Thread> stopImageHook = Optional.empty();

    @Override
    public Integer call() {
        if (labOptions.lab()) {
            LabOptions.rejectForLab(spec.commandLine(), V1_ONLY);
        } else {
            labOptions.rejectForV1(spec.commandLine());
            if (labDetect) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lab-detect belongs to the lab profile: "
                        + "add --profile lab");
            }
        }
        if (labDetect && target == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lab-detect needs the server to try: "
                    + "--target HOST:PORT");
        }
        if (list) {
            listCases();
            return ExitCodes.CONFORMANT;
        }
        Map<String, String> parameters;
        Optional<Baseline> baseline;
        String protocol;
        Optional<LabTargetConfig> lab = Optional.empty();
        Optional<TargetConfig> v1 = Optional.empty();
        try {
            parameters = configurationParameters();
            if (labOptions.lab()) {
                lab = Optional.of(LabTargetConfig.from(key -> Optional.ofNullable(parameters.get(key))));
                protocol = "Secho lab profile (" + lab.get().profile().describe() + ")";
            } else {
                v1 = Optional.of(TargetConfig.from(key -> Optional.ofNullable(parameters.get(key))));
                protocol = RunSummary.V1;
            }
            baseline = expect == null ? Optional.empty() : Optional.of(Baseline.read(expect));
        } catch (IllegalArgumentException e) {
            err.println("secho-conformance: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("secho-conformance: cannot read " + expect + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (image != null) {
            Optional<String> failed = startImage(v1.orElseThrow(), parameters);
            if (failed.isPresent()) {
                err.println("secho-conformance: " + failed.get());
                return ExitCodes.UNREACHABLE;
            }
        }
        if (labDetect) {
            Optional<String> unreachable = checkReachable(TargetConfig.parseHostPort(target));
            if (unreachable.isPresent()) {
                err.println("secho-conformance: " + unreachable.get());
                return ExitCodes.UNREACHABLE;
            }
            return detect(lab.orElseThrow());
        }
        if (target != null) {
            Optional<String> unreachable = lab.isPresent() ? LabTargetRun.checkReachable(lab.get())
                    : checkReachable(TargetConfig.parseHostPort(target));
            if (unreachable.isPresent()) {
                err.println("secho-conformance: " + unreachable.get());
                return ExitCodes.UNREACHABLE;
            }
        }
        out.println(protocol + " conformance harness: target " + (image != null
                ? startedImage.map(ImageTarget::describe).orElse("image " + image)
                : target == null ? (labOptions.lab() ? "embedded reference lab server" : "embedded reference server")
                : target)
                + ", seed " + parameters.get(TargetConfig.SEED) + " (--seed replays this run)");
        lab.flatMap(LabTargetConfig::keyReading).ifPresent(out::println);
        ConformanceListener listener = new ConformanceListener(out, Optional.of(err), Optional.of(reportDir));
        Thread interrupted = new Thread(() -> listener.finishIncomplete("the run was interrupted"),
                "secho-conformance-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            launcher().execute(CaseCatalog.request(parameters), listener);
        } catch (OutOfMemoryError e) {
            listener.finishIncomplete("the harness ran out of memory (raise -Xmx, and please report it)");
        } catch (RuntimeException | LinkageError e) {
            listener.finishIncomplete("the harness failed: " + e.getMessage());
        } finally {
            listener.finishIncomplete("the test engine stopped before every case had run");
            removeHook(interrupted);
        }
        Optional<RunSummary> summary = listener.summary();
        if (summary.isEmpty()) {
            err.println("secho-conformance: no case matches the --case/--family filter (see --list)");
            return ExitCodes.USAGE;
        }
        return verdict(summary.get(), baseline);
    }

    /** --lab-detect: the tries as they end, then the command line that works, or what was tried. */
    private int detect(LabTargetConfig given) {
        out.println("--lab-detect: trying the common lab settings against " + target + ", at most "
                + LabDetect.MAX_TRIES + " tries of one short session each, every wait at most "
                + given.ioTimeout().toMillis() + " ms (--io-timeout)");
        out.println("  varied: " + LabDetect.scope(given));
        given.keyReading().ifPresent(line -> out.println("  " + line));
        out.flush();
        LabDetect.Outcome outcome = LabDetect.run(given, line -> {
            out.println(line);
            out.flush();
        });
        String cost = outcome.tries() + " tries in " + String.format(java.util.Locale.ROOT, "%.1f",
                outcome.millis() / 1000.0) + " s";
        if (outcome.options().isEmpty()) {
            out.println("Nothing worked (" + cost + ", listed above). Check that the server runs and is a lab echo "
                    + "server of this variant; a server that stops on a bad record (LAB-W6) must be restarted after "
                    + "the first try that does not fit, so restart it and try the settings above one at a time.");
            out.flush();
            return ExitCodes.NOT_CONFORMANT;
        }
        out.println("Works (" + cost + "):");
        out.println("  " + LabDetect.commandLine(outcome.options().get(), target));
        out.flush();
        return ExitCodes.CONFORMANT;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is going down: the hook is writing the partial report, as it should.
        }
    }

    private int verdict(RunSummary summary, Optional<Baseline> baseline) {
        if (summary.harnessFailed()) {
            err.println("secho-conformance: the harness failed in " + summary.count(Verdict.ERROR) + " case(s)"
                    + summary.incomplete().map(why -> " and the run is incomplete (" + why + ")").orElse("")
                    + ": the verdict is unknown; the report says which cases");
            return ExitCodes.HARNESS_ERROR;
        }
        if (baseline.isEmpty()) {
            return ExitCodes.forRun(summary);
        }
        Baseline.Judgement verdict = baseline.get().judge(summary);
        out.println();
        out.println("Baseline " + expect + ": " + verdict.stillFailing().size() + " known failure(s) still fail");
        verdict.newFailures().forEach(id -> out.println("  NEW FAILURE   " + id + " (not in the baseline)"));
        verdict.nowPassing().forEach(id -> out.println("  NOW PASSES    " + id + " (remove it from the baseline: "
                + baseline.get().knownFailures().get(id) + ")"));
        verdict.notRun().forEach(id -> out.println("  NOT RUN       " + id + " (listed, but not run in this selection)"));
        return verdict.ok() ? ExitCodes.CONFORMANT : ExitCodes.NOT_CONFORMANT;
    }

    private Map<String, String> configurationParameters() {
        Map<String, String> parameters = new HashMap<>();
        if (target != null) {
            TargetConfig.parseHostPort(target);
            parameters.put(TargetConfig.TARGET, target);
        }
        if (image != null) {
            parameters.put(TargetConfig.IMAGE, image);
        }
        if (imagePort != null) {
            parameters.put(ImageSpec.PORT, imagePort);
        }
        if (imageEnv != null) {
            parameters.put(ImageSpec.ENV, ImageSpec.join("--image-env", imageEnv));
        }
        if (imageArgs != null) {
            parameters.put(ImageSpec.ARG, ImageSpec.join("--image-arg", imageArgs));
        }
        if (imageStartupTimeout != null) {
            parameters.put(ImageSpec.STARTUP_TIMEOUT, imageStartupTimeout);
        }
        if (suites != null) {
            parameters.put(TargetConfig.SUITES, String.join(",", suites));
        }
        if (pskFile != null) {
            try {
                PreSharedKey.fromFile(pskFile);
            } catch (IOException e) {
                throw new IllegalArgumentException("--psk-file: cannot read " + pskFile + ": " + e.getMessage());
            }
            parameters.put(TargetConfig.PSK_FILE, pskFile.toString());
        }
        if (handshakeTimeout != null) {
            parameters.put(TargetConfig.HANDSHAKE_TIMEOUT, handshakeTimeout);
        }
        if (idleTimeout != null) {
            parameters.put(TargetConfig.IDLE_TIMEOUT, idleTimeout);
        }
        if (ioTimeout != null) {
            parameters.put(TargetConfig.IO_TIMEOUT, ioTimeout);
        }
        if (maxConnections != null) {
            parameters.put(TargetConfig.MAX_CONNECTIONS, maxConnections);
        }
        if (labOptions.lab()) {
            parameters.put(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB);
            labOptions.given().forEach((option, value) -> parameters.put(LabTargetConfig.parameterName(option), value));
        }
        parameters.put(TargetConfig.SEED, seed != null ? seed : Long.toUnsignedString(new SecureRandom().nextLong() >>> 16));
        if (cases != null) {
            parameters.put(TargetConfig.CASE, String.join(",", cases));
        }
        if (families != null) {
            for (String family : families) {
                Family.parse(family).orElseThrow(() -> new IllegalArgumentException("unknown family '" + family
                        + "' (choose " + java.util.Arrays.stream(Family.values()).map(Family::prefix)
                        .collect(Collectors.joining(", ")) + ")"));
            }
            parameters.put(TargetConfig.FAMILY, String.join(",", families));
        }
        parameters.put(TargetConfig.REPORT_DIR, reportDir.toString());
        return parameters;
    }

    private static Optional<String> checkReachable(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 5000);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot connect to " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Starts the --image container and points the run at it; a container stopped by Ctrl-C too, since no
     * reaper container cleans up where no registry is reachable.
     *
     * @return why the image cannot be tested, if it cannot
     */
    private Optional<String> startImage(TargetConfig config, Map<String, String> parameters) {
        ImageTarget started;
        try {
            started = ImageTarget.start(config.imageSpec().orElseThrow(), config.psk());
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
        startedImage = Optional.of(started);
        Thread hook = new Thread(started::close, "secho-conformance-stop-image");
        Runtime.getRuntime().addShutdownHook(hook);
        stopImageHook = Optional.of(hook);
        InetSocketAddress address = started.address();
        String host = address.getHostString();
        parameters.put(TargetConfig.STARTED_IMAGE, (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
        return Optional.empty();
    }

    private void stopImage() {
        startedImage.ifPresent(ImageTarget::close);
        stopImageHook.ifPresent(ConformanceMain::removeHook);
    }

    private static Launcher launcher() {
        // The service-loaded listener would print every line twice next to ours.
        return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    }

    private void listCases() {
        List<CaseCatalog.Entry> entries = CaseCatalog.all(labOptions.lab());
        out.printf("%-12s %-6s %-24s %s%n", "ID", "LEVEL", "FAMILY", "CASE / REQUIREMENTS / ALLOWED ENDINGS");
        for (CaseCatalog.Entry entry : entries) {
            ConformanceCase annotation = entry.annotation();
            out.printf("%-12s %-6s %-24s %s%n", annotation.id() + (entry.parameterized() ? ".N" : ""), annotation.level(),
                    Family.ofCaseId(annotation.id()).map(Family::title).orElse("?"), entry.displayName());
            out.printf("%-45s%s%n", "", String.join(" ", annotation.requirements()));
            if (!annotation.endings().isEmpty()) {
                out.printf("%-45sending: %s%n", "", annotation.endings());
            }
        }
        out.println(entries.size() + " cases; an ID ending in .N runs once per input (key share, vector, ...), as ID.1, ID.2, ...");
        out.println("Retired IDs (never reused): " + (RetiredCases.IDS.isEmpty() ? "none" : String.join(", ", RetiredCases.IDS)));
    }
}
