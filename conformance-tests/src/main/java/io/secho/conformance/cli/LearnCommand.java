package io.secho.conformance.cli;

import io.secho.conformance.IoProblems;
import io.secho.conformance.clients.ClientTarget;
import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.learn.ClientSul;
import io.secho.conformance.learn.ClientUnderTest;
import io.secho.conformance.learn.Difference;
import io.secho.conformance.learn.LearnOutcome;
import io.secho.conformance.learn.LearnReport;
import io.secho.conformance.learn.LearnSettings;
import io.secho.conformance.learn.LearnedModel;
import io.secho.conformance.learn.LearnedSequence;
import io.secho.conformance.learn.LearnedSequences;
import io.secho.conformance.learn.Learner;
import io.secho.conformance.learn.ModelComparison;
import io.secho.conformance.learn.NondeterministicTargetException;
import io.secho.conformance.learn.ServerAlphabet;
import io.secho.conformance.learn.ServerMapper;
import io.secho.conformance.learn.ServerMapperSettings;
import io.secho.conformance.learn.SpecModel;
import io.secho.conformance.learn.VerdictText;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.targets.Preflight;
import io.secho.conformance.targets.SuiteSupport;
import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetRun;
import io.secho.options.KeyFiles;
import de.learnlib.exception.SULException;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.word.Word;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code secho-conformance learn}: active automata learning of the target's state machine, held against the
 * spec's model of Table 8 (spec/secho-v1.md Section 17.3).
 */
@CommandLine.Command(name = LearnCommand.NAME, mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Learns the target's state machine and compares it with the spec's (Table 8, or Table 9 for a client).",
        customSynopsis = {"secho-conformance learn [--target HOST:PORT | --image IMAGE] [--suite SUITE]... "
                + "[--psk-file FILE] --out DIR [LIMITS]",
            "       secho-conformance learn --client-command CMD | --client-reference [--suite SUITE] --out DIR "
                + "[LIMITS]",
            "       secho-conformance learn [TARGET OPTIONS] --replay \"INPUT INPUT...\""},
        description = {"Learns a Mealy machine of the server by active automata learning (TTT, a query cache and a "
                + "randomized Wp-method check): every question is a fresh connection on which the harness sends a "
                + "sequence of abstract inputs (ClientHello per suite, a bad key share, a right or wrong Finished, "
                + "data records valid, with bad UTF-8, a forged tag, replayed or skipped, Close, a plaintext or an "
                + "encrypted alert), made into real messages by its own protocol engine, and notes what comes back. "
                + "Without --target it learns the embedded reference server.",
            "The learned machine is compared with the spec's (spec/secho-v1-server-model.json). Each difference is "
                + "printed as the shortest sequence that shows it, with the outputs the spec requires and those the "
                + "server gave, the requirement IDs and a --replay command. DIR gets learn-report.html (the learned "
                + "machine drawn, differing transitions in red), learn-report.json, learned-model.dot and .svg, and "
                + "learned-cases.json, which '--learned-cases FILE' replays as cases LEARN-001.N in later runs.",
            "A question answered differently when asked again is repeated; without a clear majority learning stops "
                + "and says so (exit 4) rather than learn a wrong machine. --quiet-period is how long a step waits "
                + "for more bytes: give more for a slow or distant server."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the learned machine equals the spec's (--replay: every answer as the spec says)",
            "1:they differ: each difference is printed (--replay: an answer differs)",
            "2:usage error",
            "3:the target cannot be reached or offers none of the suites",
            "4:no verdict: a bound (--max-queries, --time-limit) cut learning short before any difference was found, "
                + "or the target answered the same question in different ways"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar secho-conformance.jar learn --out learned",
            "  java -jar secho-conformance.jar learn --target 127.0.0.1:8443 --psk-file secho.key --out learned",
            "  java -jar secho-conformance.jar learn --target 127.0.0.1:8443 --suite x25519 --out learned",
            "  java -jar secho-conformance.jar learn --target 127.0.0.1:8443 \\",
            "      --replay \"ClientHello(x25519) ClientHello(x25519)\"",
            "  java -jar secho-conformance.jar learn --client-reference --suite psk --out learned-client",
            "  java -jar secho-conformance.jar --target 127.0.0.1:8443 --learned-cases learned/learned-cases.json"})
final class LearnCommand implements Callable<Integer> {
    static final String NAME = "learn";
    /** Options that describe a server under test. */
    private static final Set<String> SERVER_ONLY = Set.of("--target", "--image", "--image-port", "--image-env",
            "--image-arg", "--image-startup-timeout", "--psk-file");
    /**
     * A client command starts a JVM or an interpreter per question, and its first answers come slowly while it
     * warms up: more than the 300 ms an in-process client needs.
     */
    private static final Duration COMMAND_CLIENT_QUIET_PERIOD = Duration.ofSeconds(1);
    /** More would only be a load test of the target. */
    private static final int MAX_CONNECTIONS = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--target", paramLabel = "HOST:PORT",
            description = "The server to learn. Default: an embedded reference server on a free loopback port.")
    String target;

    @CommandLine.Option(names = "--image", paramLabel = "IMAGE[:TAG]",
            description = "A Docker image to start and learn, as for a run (never pulled; the key in SECHO_PSK).")
    String image;

    @CommandLine.Option(names = "--image-port", paramLabel = "PORT",
            description = "The container port the image serves Secho on (default: 8443).")
    String imagePort;

    @CommandLine.Option(names = "--image-env", paramLabel = "NAME=VALUE",
            description = "An environment variable for the image's container; repeatable. Values are never printed.")
    List<String> imageEnv;

    @CommandLine.Option(names = "--image-arg", paramLabel = "ARG", parameterConsumer = VerbatimArgument.class,
            description = "An argument for the image, replacing its CMD; repeatable.")
    List<String> imageArgs;

    @CommandLine.Option(names = "--image-startup-timeout", paramLabel = "DURATION",
            description = "How long the image may take to answer its first ClientHello (default: 60s).")
    String imageStartupTimeout;

    @CommandLine.Option(names = "--client-command", paramLabel = "CMD",
            description = "Learn this client instead of a server: a command line with {host}, {port}, {suite} and "
                    + "{psk_file}, as for a run (spec Section 17.2), started once per question with one message.")
    String clientCommand;

    @CommandLine.Option(names = "--client-reference",
            description = "Learn the reference client (the harness's own Java runs it, once per question).")
    boolean clientReference;

    @CommandLine.Option(names = "--suite", paramLabel = "SUITE", split = ",",
            description = "Only these suites' ClientHello inputs (x25519, modp2048, psk); repeatable. Default: every "
                    + "suite the target offers (psk only with --psk-file). Fewer suites, fewer questions.")
    List<String> suites;

    @CommandLine.Option(names = "--psk-file", paramLabel = "FILE",
            description = "The target's pre-shared key, 64 hex digits; without it psk is left out.")
    Path pskFile;

    @CommandLine.Option(names = "--out", paramLabel = "DIR",
            description = "Where the reports, the learned machine and learned-cases.json go (made if missing).")
    Path outDir;

    @CommandLine.Option(names = "--replay", paramLabel = "INPUTS",
            description = "Instead of learning, send these inputs (separated by spaces) on one connection and print "
                    + "each answer next to the spec's, as a difference's replay command does.")
    String replay;

    @CommandLine.Option(names = "--max-queries", paramLabel = "N",
            description = "At most this many questions (connections) in all (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + LearnSettings.DEFAULT_MAX_QUERIES)
    int maxQueries;

    @CommandLine.Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "10m",
            description = "Stop learning after this long (default: ${DEFAULT-VALUE}).")
    String timeLimit;

    @CommandLine.Option(names = "--quiet-period", paramLabel = "DURATION",
            description = "How long a step waits without a byte before it takes the target to have answered "
                    + "(default: 200ms for a server, 1s for a client; doubled on each retry after non-determinism).")
    String quietPeriod;

    @CommandLine.Option(names = "--connections", paramLabel = "N",
            description = "Questions asked at once, each on its own connection (default: " + LearnSettings.DEFAULT_THREADS
                    + " for a server, " + ClientTarget.CONCURRENT_CLIENTS + " clients at once); keep it below the "
                    + "target's connection limit.")
    Integer connections;

    @CommandLine.Option(names = "--seed", paramLabel = "SEED",
            description = "A whole number that fixes the randoms, keys and the equivalence check's random words "
                    + "(default: fixed, so that two runs ask the same questions).")
    String seed;

    private final PrintStream out;
    private final PrintStream err;

    LearnCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        boolean client = clientCommand != null || clientReference;
        if (replay == null && outDir == null) {
            throw new UsageError(commandLine, "learn needs --out DIR (or --replay INPUTS)",
                    "e.g. 'learn --target 127.0.0.1:8443 --out learned'");
        }
        if (client) {
            List<String> serverOptions = commandLine.getParseResult().matchedOptions().stream()
                    .map(CommandLine.Model.OptionSpec::longestName).filter(SERVER_ONLY::contains).toList();
            if (!serverOptions.isEmpty()) {
                throw new UsageError(commandLine, String.join(", ", serverOptions) + " describe a server; with a "
                        + "client under test the harness is the server", "leave them out, or learn a server instead");
            }
            if (clientCommand != null && clientReference) {
                throw new UsageError(commandLine, "give either --client-command or --client-reference, not both",
                        "--client-reference learns the reference client");
            }
        }
        return client ? learnClient(commandLine) : learnServer(commandLine);
    }

    private int learnServer(CommandLine commandLine) throws IOException {
        TargetConfig config = targetConfig(commandLine);
        KeyFiles.permissionWarnings(pskFile)
                .forEach(warning -> err.println(ConformanceMain.NAME + ": warning: " + warning));
        LearnSettings settings = settings(commandLine, config.seed(), LearnSettings.DEFAULT_THREADS);
        Duration quiet = quietPeriod == null ? ServerMapperSettings.DEFAULT_QUIET_PERIOD
                : duration(commandLine, quietPeriod, "--quiet-period");
        try (TargetRun run = TargetRun.start(config)) {
            Preflight preflight = run.preflight();
            if (preflight.unusable().isPresent()) {
                out.println("cannot learn " + run.describe() + ": " + preflight.unusable().get());
                return ExitCodes.UNREACHABLE;
            }
            List<Suite> learned = new ArrayList<>();
            for (Suite suite : Suite.values()) {
                SuiteSupport support = preflight.suites().get(suite);
                if (!config.suites().contains(suite)) {
                    continue;
                }
                switch (support.status()) {
                    case WORKING, BROKEN -> learned.add(suite);
                    default -> out.println("suite " + suite + " left out: " + support.detail());
                }
            }
            if (learned.isEmpty()) {
                out.println("cannot learn " + run.describe() + ": it offers none of the suites asked for");
                return ExitCodes.UNREACHABLE;
            }
            Alphabet<String> alphabet = ServerAlphabet.forSuites(learned, run.psk().isPresent());
            SpecModel specModel = SpecModel.server().restrictedTo(alphabet);
            ServerMapper mapper = new ServerMapper(ServerMapperSettings.of(run.address(), run.psk())
                    .withQuietPeriod(quiet).withSeed(settings.seed()));
            List<String> suitesLearned = learned.stream().map(Suite::toString).toList();
            try {
                if (replay != null) {
                    List<String> word = replayWord(commandLine, specModel);
                    return printReplay(specModel, word, mapper.answer(word));
                }
                return learnAndReport(run.describe(), run.describe(), suitesLearned, specModel,
                        ModelComparison.SERVER_MACHINE_REQUIREMENT, true, settings,
                        () -> Learner.learnServer(mapper, specModel.inputs(), settings));
            } catch (UncheckedIOException | SULException e) {
                // The preflight reached it; now it cannot be reached: nothing learned so far can be trusted.
                out.println("lost " + run.describe() + ": " + (e.getCause() != null ? e.getCause().getMessage()
                        : e.getMessage()));
                out.flush();
                return ExitCodes.UNREACHABLE;
            }
        }
    }

    private int learnClient(CommandLine commandLine) throws IOException {
        if (suites != null && suites.size() > 1) {
            throw new UsageError(commandLine, "--suite: a client is learned one suite at a time, not "
                    + String.join(", ", suites), "give one --suite (default: x25519)");
        }
        Map<String, String> parameters = new HashMap<>();
        if (clientCommand != null) {
            parameters.put(ClientTargetConfig.CLIENT_COMMAND, clientCommand);
        } else {
            parameters.put(ClientTargetConfig.CLIENT_REFERENCE, "true");
        }
        parameters.put(TargetConfig.SUITES, suites == null ? Suite.X25519.toString() : suites.get(0));
        if (seed != null) {
            parameters.put(TargetConfig.SEED, seed);
        }
        ClientTargetConfig config;
        try {
            config = ClientTargetConfig.from(key -> Optional.ofNullable(parameters.get(key)));
        } catch (IllegalArgumentException e) {
            throw new UsageError(commandLine, e.getMessage().replace(ClientTargetConfig.CLIENT_COMMAND,
                    "--client-command").replace(TargetConfig.SUITES, "--suite").replace(TargetConfig.SEED, "--seed"),
                    "'" + ConformanceMain.NAME + " learn --help' lists the options");
        }
        Suite suite = config.suites().iterator().next();
        LearnSettings settings = settings(commandLine, config.seed(), ClientTarget.CONCURRENT_CLIENTS);
        Duration quiet = quietPeriod == null ? COMMAND_CLIENT_QUIET_PERIOD
                : duration(commandLine, quietPeriod, "--quiet-period");
        // The reference client too runs as a command, one JVM per question: the harness never runs the
        // reference's command line in its own JVM.
        ClientUnderTest client = new ClientUnderTest.Command(config.command());
        SpecModel specModel = SpecModel.client();
        try (ClientTarget target = ClientTarget.start(config)) {
            ClientSul sul = new ClientSul(client, suite, target.psk(), target.pskFile(),
                    new ClientSul.Settings(quiet, ClientSul.Settings.DEFAULT_START_LIMIT,
                            ClientSul.Settings.DEFAULT_MESSAGE));
            if (replay != null) {
                List<String> word = replayWord(commandLine, specModel);
                List<String> answers = new ArrayList<>();
                sul.pre();
                try {
                    word.forEach(input -> answers.add(sul.step(input)));
                } finally {
                    sul.post();
                }
                return printReplay(specModel, word, answers);
            }
            return learnAndReport(target.describe() + " (suite " + suite + ")", target.describe(),
                    List.of(suite.toString()), specModel, ModelComparison.CLIENT_MACHINE_REQUIREMENT, false, settings,
                    () -> Learner.learnClient(sul, settings));
        } catch (SULException e) {
            out.println("cannot learn the client: " + (e.getCause() != null ? e.getCause().getMessage()
                    : e.getMessage()));
            out.flush();
            return ExitCodes.UNREACHABLE;
        }
    }

    private List<String> replayWord(CommandLine commandLine, SpecModel specModel) {
        List<String> word = Arrays.stream(replay.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        List<String> unknown = word.stream().filter(input -> !specModel.inputs().containsSymbol(input)).toList();
        if (word.isEmpty() || !unknown.isEmpty()) {
            throw new UsageError(commandLine, "--replay: " + (word.isEmpty() ? "no input given"
                    : "no input " + String.join(", ", unknown) + " for this target"),
                    "inputs: " + String.join(" ", specModel.inputs()));
        }
        return word;
    }

    private int printReplay(SpecModel specModel, List<String> word, List<String> actual) {
        CompactMealy<String, String> machine = specModel.machine();
        List<String> expected = machine.computeOutput(Word.fromList(word)).asList();
        int width = word.stream().mapToInt(String::length).max().orElse(5) + 2;
        int expectedWidth = expected.stream().mapToInt(String::length).max().orElse(4) + 2;
        String row = "%-4s %-" + width + "s %-" + expectedWidth + "s %s%s%n";
        out.printf(row, "step", "input", "spec", "target", "");
        boolean same = true;
        for (int i = 0; i < word.size(); i++) {
            boolean match = expected.get(i).equals(actual.get(i));
            same &= match;
            out.printf(row, i + 1, word.get(i), expected.get(i), actual.get(i), match ? "" : "   <- differs");
        }
        out.println(same ? "every answer as the spec says" : "the target's answers differ from the spec's");
        out.flush();
        return same ? ExitCodes.CONFORMANT : ExitCodes.NOT_CONFORMANT;
    }

    /**
     * Learns, compares with the spec's model, prints the verdict and writes DIR's files: a server's and a
     * client's run alike.
     *
     * @param shown what the start line calls the target; {@code target} is what the reports call it
     */
    private int learnAndReport(String shown, String target, List<String> suitesLearned, SpecModel specModel,
                               String machineRequirement, boolean server, LearnSettings settings,
                               Supplier<LearnedModel> learning) throws IOException {
        requireWritable(outDir);
        out.println("learning " + shown + ": " + specModel.inputs().size() + " inputs, " + settings.describeBounds());
        out.flush();
        LearnedModel model;
        try {
            model = learning.get();
        } catch (NondeterministicTargetException e) {
            out.println("no verdict: " + e.getMessage());
            out.flush();
            return ExitCodes.HARNESS_ERROR;
        }
        ModelComparison comparison = ModelComparison.compare(model.machine(), specModel, machineRequirement);
        return report(new LearnOutcome(target, suitesLearned, comparison, model.statistics()), server);
    }

    /** Prints the verdict, writes DIR's files, and gives the exit code. */
    private int report(LearnOutcome outcome, boolean server) throws IOException {
        Function<List<String>, String> replayLine = ReplayLine.ofLearn(spec.commandLine().getParseResult());
        List<LearnedSequence> sequences = new ArrayList<>();
        int number = LearnedSequences.FIRST_WRITTEN_NUMBER;
        for (Difference difference : outcome.comparison().differences()) {
            sequences.add(new LearnedSequence(number++, difference.word(), "learned from " + outcome.target()
                    + ": in " + difference.specState() + " the spec says " + difference.expected() + ", the target "
                    + "gave " + difference.actual()));
        }
        List<Path> written = new ArrayList<>(LearnReport.write(outcome, replayLine, outDir));
        // The LEARN family replays server sequences; a client's differences are in the reports.
        if (!sequences.isEmpty() && server) {
            Path file = outDir.resolve(LearnedSequences.FILE_NAME);
            Files.writeString(file, LearnedSequences.write(outcome.target(), sequences), StandardCharsets.UTF_8);
            written.add(file);
        }
        out.print(VerdictText.render(outcome, replayLine));
        for (Path file : written) {
            out.println("wrote " + file);
        }
        out.flush();
        return switch (outcome.verdict()) {
            case EQUIVALENT -> ExitCodes.CONFORMANT;
            case DIFFERENT -> ExitCodes.NOT_CONFORMANT;
            case INCOMPLETE -> ExitCodes.HARNESS_ERROR;
        };
    }

    private void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UsageError(spec.commandLine(), "--out " + directory + ": " + IoProblems.ofFile(e),
                    "give a directory this user can write to");
        }
    }

    private TargetConfig targetConfig(CommandLine commandLine) {
        Map<String, String> parameters = new HashMap<>();
        new ServerTargetOptions(target, image, imagePort, imageEnv, imageArgs, imageStartupTimeout)
                .putInto(parameters, commandLine);
        if (suites != null) {
            parameters.put(TargetConfig.SUITES, String.join(",", suites));
        }
        if (pskFile != null) {
            parameters.put(TargetConfig.PSK_FILE, pskFile.toString());
        }
        if (seed != null) {
            parameters.put(TargetConfig.SEED, seed);
        }
        try {
            return TargetConfig.from(key -> Optional.ofNullable(parameters.get(key)));
        } catch (IllegalArgumentException e) {
            throw new UsageError(commandLine, e.getMessage().replace(TargetConfig.SUITES, "--suite")
                    .replace(TargetConfig.PSK_FILE, "--psk-file").replace(TargetConfig.SEED, "--seed"),
                    "'" + ConformanceMain.NAME + " learn --help' lists the options");
        }
    }

    private LearnSettings settings(CommandLine commandLine, String seedText, int defaultConnections) {
        if (maxQueries < 1) {
            throw new UsageError(commandLine, "--max-queries " + maxQueries + " is not 1 or more", "e.g. 20000");
        }
        Duration time = duration(commandLine, timeLimit, "--time-limit");
        int connections = this.connections != null ? this.connections : defaultConnections;
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new UsageError(commandLine, "--connections " + connections + " is not from 1 to " + MAX_CONNECTIONS,
                    "e.g. 8");
        }
        LearnSettings settings = LearnSettings.defaults().withBounds(maxQueries, time).withThreads(connections);
        return seed == null ? settings : settings.withSeed(Long.parseLong(seedText));
    }

    private static Duration duration(CommandLine commandLine, String value, String option) {
        try {
            Duration parsed = TargetConfig.parseDuration(value, option);
            if (parsed.isZero() || parsed.isNegative()) {
                throw new IllegalArgumentException(option + ": " + value + " is not more than 0s");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new UsageError(commandLine, e.getMessage(), "a duration such as 500ms, 30s or 10m");
        }
    }
}
