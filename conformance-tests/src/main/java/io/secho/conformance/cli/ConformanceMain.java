package io.secho.conformance.cli;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.Family;
import io.secho.conformance.IoProblems;
import io.secho.conformance.cases.CaseInputs;
import io.secho.conformance.clients.ClientCommand;
import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.grade.GradeCommand;
import io.secho.conformance.grade.MergeCommand;
import io.secho.conformance.lab.LabDetect;
import io.secho.conformance.lab.LabTargetConfig;
import io.secho.conformance.lab.LabTargetRun;
import io.secho.conformance.lab.clients.LabClientTarget;
import io.secho.conformance.learn.LearnedSequences;
import io.secho.conformance.report.Baseline;
import io.secho.conformance.report.ConformanceListener;
import io.secho.conformance.report.ConsoleSettings;
import io.secho.conformance.report.Progress;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.ImageTarget;
import io.secho.conformance.targets.TargetConfig;
import io.secho.options.KeyFiles;
import io.secho.options.LabOptions;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code java -jar secho-conformance.jar}: the same JUnit cases as {@code mvn verify}, from the command line. */
@CommandLine.Command(name = ConformanceMain.NAME, mixinStandardHelpOptions = true,
        version = "secho-conformance 1.0 (Secho protocol v1)",
        subcommands = {CommandLine.HelpCommand.class, GradeCommand.class, MergeCommand.class},
        usageHelpWidth = 100,
        customSynopsis = {"secho-conformance [OPTIONS]", "       secho-conformance diff OLD.json NEW.json [--html FILE]",
            "       secho-conformance learn [OPTIONS] --out DIR",
            "       secho-conformance grade|merge [OPTIONS]", "       secho-conformance help [COMMAND]"},
        commandListHeading = "%nCommands:%n",
        description = {"Checks a Secho v1 server against every requirement of the spec and reports a verdict per "
                + "case, family and requirement. Without --target it tests the embedded reference server.",
            "With --client-command (or --client-reference) it checks a Secho v1 client instead: for each client case it "
                + "starts a test server on a free loopback port that plays the case's script, and runs the command with "
                + "{host}, {port}, {suite} and {psk_file} filled in, the case's messages on its standard input (a line "
                + "each); the client prints each reply on a line and exits 0 after a clean session, non-zero after an "
                + "error, 127 when it does not support what the case needs (SKIP).",
            "With --profile lab it checks one of the lab's own servers (Server_sec.py, Server_dh.py) against the lab "
                + "profile (spec/lab-profile.md) and reports which of its known weaknesses the server has; the lab "
                + "options say how that server speaks. Without --target it tests an embedded reference lab server. With "
                + "--client-command it checks a lab client (Client_sec.py, Client_dh.py) against the harness's own lab "
                + "test server instead (LAB-017..LAB-020).",
            "Every case ends PASS (the probe ran and the server did what the spec requires), FAIL (a MUST not met), "
                + "WARN (a SHOULD not met), SKIP (not applicable: the reason names the suite or option), BLOCKED (a "
                + "precondition failed, so the probe was never sent; it names what blocked it) or ERROR (the harness "
                + "itself failed). A requirement passes only when every case that checks it passed.",
            "On a terminal the verdicts are coloured and a counter shows the cases judged so far; NO_COLOR (or output "
                + "to a file or pipe) turns both off."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every MUST case passed (with --expect: failed exactly as listed); --lab-detect: a setting works",
            "1:a MUST case failed or was blocked (and is not listed in --expect), a listed case now passes, or a "
                + "--expect entry has expired; --lab-detect: no setting tried works",
            "2:usage error (bad option, unreadable file, an --expect entry that names no case, a filter that "
                + "selects no case)",
            "3:the target cannot be reached",
            "4:the harness itself failed in a case, or the run was cut short: the verdict is incomplete"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar secho-conformance.jar",
            "  java -jar secho-conformance.jar --target 127.0.0.1:8443 --psk-file secho.key",
            "  java -jar secho-conformance.jar --target host:8443 --suite x25519 --family TAG --seed 42",
            "  java -jar secho-conformance.jar --target host:8443 --expect known-failures.txt --failures-only",
            "  java -jar secho-conformance.jar --list --json > cases.json",
            "  java -jar secho-conformance.jar --client-command \\",
            "      'python3 client.py --host {host} --port {port} --suite {suite} --key-file {psk_file}'",
            "  java -jar secho-conformance.jar --client-reference --family CREC",
            "  java -jar secho-conformance.jar --profile lab --lab-variant sec --key-file key.bin \\",
            "      --target 127.0.0.1:8443",
            "  java -jar secho-conformance.jar --profile lab --lab-variant dh --target 127.0.0.1:8443 \\",
            "      --lab-detect",
            "  java -jar secho-conformance.jar --profile lab --lab-variant sec --key-file key.bin \\",
            "      --client-command 'python3 Client_sec.py --host {host} --port {port}'"})
public final class ConformanceMain implements Callable<Integer> {
    static final String NAME = "secho-conformance";
    /** The field name of the lab options' mixin: the help groups its options under "Lab profile". */
    static final String LAB_MIXIN = "labOptions";

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

    @CommandLine.Option(names = "--client-command", paramLabel = "CMD",
            description = "Test this client instead of a server: a command line (split into words as a shell would, no "
                    + "shell runs it) with the placeholders {host}, {port}, {suite} and {psk_file}, run once per client "
                    + "case against a test server. Only the client families run. With --profile lab: a lab client, "
                    + "with {host} and {port} only, against a lab test server speaking by the lab options.")
    String clientCommand;

    @CommandLine.Option(names = "--client-reference",
            description = "Test the reference client the harness carries (the --client-command of 'secho-reference.jar "
                    + "client ... --timeout 5s', run with this Java); with --profile lab, the reference lab client "
                    + "with the lab options.")
    boolean clientReference;

    @CommandLine.Option(names = "--client-run-timeout", paramLabel = "DURATION",
            description = "How long one run of the client may take before it is killed with every process it started "
                    + "(default: 45s, more than the 30s a client may wait for a server).")
    String clientRunTimeout;

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
            description = "A whole number from 0 to 2^53-1 that fixes every random choice (randoms, keys, bit "
                    + "positions). Default: a fresh seed, printed.")
    String seed;

    @CommandLine.Option(names = "--case", paramLabel = "ID", split = ",",
            description = "Run only these cases (e.g. TAG-004, ECHO-001.7); repeatable.")
    List<String> cases;

    @CommandLine.Option(names = "--family", paramLabel = "NAME", split = ",",
            description = "Run only these families: HS, NONCE, TAG, ECHO, FRM, CLOSE, LIM, LEARN (LAB with --profile lab; "
                    + "CHS, CFRM, CREC, CECHO, CCLOSE, CLIM with a client under test); repeatable.")
    List<String> families;

    @CommandLine.Option(names = "--expect", paramLabel = "FILE",
            description = "Known failures: 'CASE-ID [until YYYY-MM-DD] [LINK] reason' a line, '#' for comments. The "
                    + "run fails on any other failure, on a listed case that passes and on an entry past its date; an "
                    + "ID that is no case is a usage error.")
    Path expect;

    @CommandLine.Option(names = "--learned-cases", paramLabel = "FILE",
            description = "Also replay the sequences of this file (learned-cases.json, written by 'learn') as cases "
                    + "LEARN-001.N: the target must answer each step as the spec's state machine says.")
    Path learnedCases;

    @CommandLine.Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "secho-conformance-reports",
            description = "Where the JSON, JUnit XML and HTML reports go (default: ${DEFAULT-VALUE}). A replay line "
                    + "under a failure writes to DIR-replay, so the full run's reports stay.")
    Path reportDir;

    @CommandLine.Option(names = "--failures-only",
            description = "Print no line for a passing case; failures, warnings, errors, skipped and blocked cases and "
                    + "every summary stay.")
    boolean failuresOnly;

    @CommandLine.Option(names = "--list", description = "List every case with its requirements and allowed endings "
            + "(a parameterized case once, with its runnable IDs), and exit.")
    boolean list;

    @CommandLine.Option(names = "--expanded", description = "With --list: one line for every runnable ID "
            + "(HS-010.5, ...), as reports and --expect name them.")
    boolean expanded;

    @CommandLine.Option(names = "--json", description = "With --list: every runnable ID with its level, family, "
            + "requirements, allowed endings and name, as JSON on standard output, in case-ID order.")
    boolean json;

    @CommandLine.Option(names = "--lab-detect",
            description = "Lab: instead of the cases, try the common lab settings against --target, a short session "
                    + "each (at most " + LabDetect.MAX_TRIES + ", each bounded by --io-timeout), and print the command "
                    + "line that works (exit 0) or what was tried (exit 1).")
    boolean labDetect;

    @CommandLine.Mixin(name = LAB_MIXIN)
    LabOptions labOptions = new LabOptions();

    /** Options of Secho v1 alone: the lab protocol has no suites, no PSK, no handshake or idle timeout to check. */
    private static final List<String> V1_ONLY = List.of("--image", "--image-port", "--image-env", "--image-arg",
            "--image-startup-timeout", "--suite", "--psk-file", "--handshake-timeout", "--idle-timeout",
            "--max-connections", "--learned-cases");
    /** Options that describe a server under test: with a client under test the harness is the server. */
    private static final List<String> SERVER_ONLY = List.of("--target", "--image", "--image-port", "--image-env",
            "--image-arg", "--image-startup-timeout", "--psk-file", "--handshake-timeout", "--idle-timeout",
            "--max-connections", "--io-timeout", "--learned-cases");

    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;

    private ConformanceMain(PrintStream out, PrintStream err, Terminal terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // picocli's judgement of the terminal: a console that is a terminal (Console.isTerminal where the JDK has
        // it: on Java 22 and later System.console() exists even for a pipe), with no NO_COLOR or CLICOLOR=0.
        System.exit(execute(args, System.out, System.err, Terminal.detect(System.getenv(),
                CommandLine.Help.Ansi.AUTO.enabled())));
    }

    /** As on a terminal that is not one: no colour, no counter (tests, and callers that capture the output). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, Terminal.PLAIN);
    }

    static int execute(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
        return commandLine(out, err, terminal).execute(args);
    }

    /** The command line, with its help groups, usage errors and colours, ready to execute. */
    static CommandLine commandLine(PrintStream out, PrintStream err, Terminal terminal) {
        CommandLine commandLine = new CommandLine(new ConformanceMain(out, err, terminal));
        // Before the settings below, which picocli passes on to the subcommands already added.
        commandLine.addSubcommand(DiffCommand.NAME, new DiffCommand(out));
        commandLine.addSubcommand(LearnCommand.NAME, new LearnCommand(out, err));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.fancy() ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(new UsageErrors());
        HelpSections.install(commandLine, LAB_MIXIN);
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                commandLine.<ConformanceMain>getCommand().stopImage();
            }
        });
        return commandLine;
    }

    /** The --image container, started before the cases (to fail fast, with its log) and stopped after them. */
    private Optional<ImageTarget> startedImage = Optional.empty();
    private Optional<Thread> stopImageHook = Optional.empty();

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        checkCombinations(commandLine);
        if (list) {
            return listCases();
        }
        Map<String, String> parameters = configurationParameters(commandLine);
        String protocol;
        Optional<LabTargetConfig> lab = Optional.empty();
        Optional<LabClientTarget> labClient = Optional.empty();
        Optional<TargetConfig> v1 = Optional.empty();
        try {
            if (labOptions.lab() && clientRun()) {
                labClient = Optional.of(LabClientTarget.from(key -> Optional.ofNullable(parameters.get(key))));
                protocol = labClient.get().protocol();
            } else if (labOptions.lab()) {
                lab = Optional.of(LabTargetConfig.from(key -> Optional.ofNullable(parameters.get(key))));
                protocol = "Secho lab profile (" + lab.get().profile().describe() + ")";
            } else {
                v1 = Optional.of(TargetConfig.from(key -> Optional.ofNullable(parameters.get(key))));
                if (clientRun()) {
                    ClientTargetConfig.from(key -> Optional.ofNullable(parameters.get(key)));
                }
                protocol = RunSummary.V1;
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError(commandLine, UsageErrors.optionNames(e.getMessage(), spec), UsageErrors.HELP_HINT);
        }
        // The lab profile's server and client cases share one family: a lab run lists only its own.
        CaseList cases = labOptions.lab() ? CaseList.forRun(parameters) : CaseList.of(false);
        if (learnedCases != null) {
            cases = cases.withLearned(CaseInputs.LEARNED_CASE, CaseInputs.learned(LearnedSequences.read(learnedCases)));
        }
        Optional<Baseline> baseline = expect == null ? Optional.empty()
                : Optional.of(ExpectFile.load(commandLine, expect, cases));
        long selected = cases.selected(Optional.ofNullable(parameters.get(TargetConfig.CASE)),
                Optional.ofNullable(parameters.get(TargetConfig.FAMILY)), clientRun());
        if (selected == 0 && !labDetect) {
            boolean otherRole = cases.selected(Optional.ofNullable(parameters.get(TargetConfig.CASE)),
                    Optional.ofNullable(parameters.get(TargetConfig.FAMILY)), !clientRun()) > 0;
            throw new UsageError(commandLine, "no case matches the --case/--family filter" + (!otherRole ? ""
                    : clientRun() ? " among the client cases (it names server cases)"
                    : " among the server cases (it names client cases)"), !otherRole ? "'" + NAME
                    + " --list --expanded' lists every case ID" : clientRun() ? "leave out --client-command and "
                    + "--client-reference to test a server" : "add --client-command CMD or --client-reference to test "
                    + "a client");
        }
        if (!labDetect) {
            requireWritable(commandLine, reportDir);
        }
        KeyFiles.permissionWarnings(pskFile, labOptions.keyFile().orElse(null))
                .forEach(warning -> err.println("secho-conformance: warning: " + warning));
        if (image != null) {
            Optional<String> failed = startImage(v1.orElseThrow(), parameters);
            if (failed.isPresent()) {
                err.println(UsageErrors.PREFIX + failed.get());
                return ExitCodes.UNREACHABLE;
            }
        }
        if (labDetect) {
            Optional<String> unreachable = checkReachable(TargetConfig.parseHostPort(target));
            if (unreachable.isPresent()) {
                err.println(UsageErrors.PREFIX + unreachable.get());
                return ExitCodes.UNREACHABLE;
            }
            return LabDetectRun.run(target, lab.orElseThrow(), out);
        }
        if (target != null) {
            Optional<String> unreachable = lab.isPresent() ? LabTargetRun.checkReachable(lab.get())
                    : checkReachable(TargetConfig.parseHostPort(target));
            if (unreachable.isPresent()) {
                err.println(UsageErrors.PREFIX + unreachable.get());
                return ExitCodes.UNREACHABLE;
            }
        }
        if (clientRun()) {
            requireProgram(commandLine, parameters);
        }
        String seed = parameters.get(TargetConfig.SEED);
        out.println(protocol + " conformance harness: target " + (clientRun()
                ? labClient.map(LabClientTarget::describe).orElseGet(() -> ClientTargetConfig.describe(
                        key -> Optional.ofNullable(parameters.get(key))))
                : image != null
                ? startedImage.map(ImageTarget::describe).orElse("image " + image)
                : target == null ? (labOptions.lab() ? "embedded reference lab server" : "embedded reference server")
                : target)
                + ", seed " + seed + " (--seed replays this run)");
        lab.flatMap(LabTargetConfig::keyReading).ifPresent(out::println);
        labClient.flatMap(LabClientTarget::keyReading).ifPresent(out::println);
        Progress progress = terminal.fancy() ? new LiveProgress(err, selected) : new PeriodicProgress(err, selected);
        ConformanceListener listener = new ConformanceListener(out, Optional.of(reportDir), new ConsoleSettings(
                terminal.palette(), failuresOnly, progress,
                Optional.of(ReplayLine.of(commandLine.getParseResult(), seed, reportDir))), baseline);
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
            throw new UsageError(commandLine, "no case matches the --case/--family filter", "'" + NAME
                    + " --list --expanded' lists every case ID");
        }
        if (listener.reportProblem().isPresent()) {
            err.println(UsageErrors.PREFIX + listener.reportProblem().get() + ": the run's verdict is not recorded");
            return ExitCodes.HARNESS_ERROR;
        }
        return verdict(summary.get(), baseline);
    }

    /**
     * The report directory, made and tried before any case runs: a CI job must not learn after the run that its
     * JUnit XML was never written.
     */
    private static void requireWritable(CommandLine commandLine, Path directory) {
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".secho-conformance-", ".probe"));
        } catch (IOException e) {
            throw new UsageError(commandLine, "--report-dir " + directory + ": " + IoProblems.ofFile(e),
                    "give a directory this user can write to");
        }
    }

    /** Options that only make sense with others, or only in one profile: refused by name, before anything runs. */
    private void checkCombinations(CommandLine commandLine) {
        if (labOptions.lab()) {
            LabOptions.rejectForLab(commandLine, V1_ONLY);
        } else {
            labOptions.rejectForV1(commandLine);
            if (labDetect) {
                throw new UsageError(commandLine, "--lab-detect belongs to the lab profile", "add --profile lab");
            }
        }
        if (clientCommand != null && clientReference) {
            throw new UsageError(commandLine, "give either --client-command or --client-reference, not both",
                    "--client-reference runs the reference client the harness carries");
        }
        if (clientRunTimeout != null && !clientRun()) {
            throw new UsageError(commandLine, "--client-run-timeout goes with a client under test",
                    "add --client-command CMD or --client-reference");
        }
        if (clientRun()) {
            for (String option : SERVER_ONLY) {
                if (commandLine.getParseResult().hasMatchedOption(option)) {
                    throw new UsageError(commandLine, option + " describes a server under test; with "
                            + (clientReference ? "--client-reference" : "--client-command")
                            + " the harness is the server", "leave out " + option + " to test the client, or the "
                            + "client option to test a server");
                }
            }
        }
        if (labDetect && clientRun()) {
            throw new UsageError(commandLine, "--lab-detect tries settings against a server; with a client under test "
                    + "the harness is the server", "leave out --lab-detect to test the client");
        }
        if (labDetect && target == null) {
            throw new UsageError(commandLine, "--lab-detect needs the server to try", "add --target HOST:PORT");
        }
        if ((json || expanded) && !list) {
            throw new UsageError(commandLine, (json ? "--json" : "--expanded") + " goes with --list",
                    "try '" + NAME + " --list " + (json ? "--json" : "--expanded") + "'");
        }
    }

    private int listCases() {
        CaseList cases = CaseList.of(labOptions.lab());
        if (json) {
            CaseListing.printJson(cases, labOptions.lab() ? TargetConfig.PROFILE_LAB : TargetConfig.PROFILE_V1, out);
        } else if (expanded) {
            CaseListing.printExpanded(cases, out);
        } else {
            CaseListing.printTemplates(cases, out);
        }
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
            err.println(UsageErrors.PREFIX + "the harness failed in " + summary.count(Verdict.ERROR) + " case(s)"
                    + summary.incomplete().map(why -> " and the run is incomplete (" + why + ")").orElse("")
                    + ": the verdict is unknown; the report says which cases");
            return ExitCodes.HARNESS_ERROR;
        }
        if (baseline.isEmpty()) {
            return ExitCodes.forRun(summary);
        }
        // An entry is good through its date, the local date of the machine that runs the harness.
        Baseline.Judgement judgement = summary.judgement().orElseThrow();
        BaselineReport.print(baseline.get(), judgement, terminal.palette(), out);
        out.flush();
        return judgement.ok() ? ExitCodes.CONFORMANT : ExitCodes.NOT_CONFORMANT;
    }

    /** The options as the cases read them: JUnit configuration parameters, the same keys as Maven's -Dsecho.*. */
    private Map<String, String> configurationParameters(CommandLine commandLine) {
        Map<String, String> parameters = new HashMap<>();
        new ServerTargetOptions(target, image, imagePort, imageEnv, imageArgs, imageStartupTimeout)
                .putInto(parameters, commandLine);
        if (suites != null) {
            parameters.put(TargetConfig.SUITES, String.join(",", suites));
        }
        if (clientCommand != null) {
            parameters.put(ClientTargetConfig.CLIENT_COMMAND, clientCommand);
        }
        if (clientReference) {
            parameters.put(ClientTargetConfig.CLIENT_REFERENCE, "true");
        }
        if (clientRunTimeout != null) {
            parameters.put(ClientTargetConfig.CLIENT_RUN_TIMEOUT, clientRunTimeout);
        }
        if (pskFile != null) {
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
        parameters.put(TargetConfig.SEED, seed != null ? seed : TargetConfig.freshSeed());
        if (cases != null) {
            parameters.put(TargetConfig.CASE, String.join(",", cases));
        }
        if (families != null) {
            for (String family : families) {
                Optional<Family> known = Family.parse(family);
                if (known.isEmpty()) {
                    throw new UsageError(commandLine, "--family: unknown family '" + family + "'", "choose "
                            + familyList(false) + " (" + Family.LAB.prefix() + " with --profile lab; "
                            + familyList(true) + " with a client under test)");
                }
                if (known.get() != Family.LAB && known.get().client() != clientRun()) {
                    throw new UsageError(commandLine, "--family " + family + " is a " + (known.get().client()
                            ? "client family: its cases test a client" : "server family: its cases test a server"),
                            known.get().client() ? "add --client-command CMD or --client-reference"
                                    : "with a client under test choose " + familyList(true));
                }
            }
            parameters.put(TargetConfig.FAMILY, String.join(",", families));
        }
        if (learnedCases != null) {
            try {
                LearnedSequences.read(learnedCases);
            } catch (IllegalArgumentException e) {
                throw new UsageError(commandLine, "--learned-cases " + e.getMessage(),
                        "give the " + LearnedSequences.FILE_NAME + " that 'learn' wrote");
            }
            parameters.put(TargetConfig.LEARNED_CASES, learnedCases.toString());
        }
        parameters.put(TargetConfig.REPORT_DIR, reportDir.toString());
        return parameters;
    }

    private boolean clientRun() {
        return clientCommand != null || clientReference;
    }

    private static String familyList(boolean client) {
        return Arrays.stream(Family.values()).filter(f -> f != Family.LAB && f.client() == client).map(Family::prefix)
                .collect(Collectors.joining(", "));
    }

    /**
     * The client command's program, found before any case runs: a typo in it would otherwise block every case with
     * the same message.
     */
    private static void requireProgram(CommandLine commandLine, Map<String, String> parameters) {
        ClientTargetConfig config = ClientTargetConfig.from(key -> Optional.ofNullable(parameters.get(key)));
        Optional<String> problem = ClientCommand.findProgram(config.command().program());
        if (problem.isPresent()) {
            throw new UsageError(commandLine, "--client-command: " + problem.get(), "give the program's path, or put "
                    + "it on PATH");
        }
    }

    private static Optional<String> checkReachable(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 5000);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot connect to " + address.getHostString() + ":" + address.getPort() + ": "
                    + IoProblems.ofConnection(e));
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
}
