package io.secho.bench;

import io.secho.bench.crypto.CryptoLimits;
import io.secho.bench.load.SechoTarget;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.Report;
import io.secho.bench.report.RunInfo;
import io.secho.bench.report.Unit;
import io.secho.bench.server.ServerHandle;
import io.secho.bench.server.ServerKind;
import io.secho.bench.server.ServerProcess;
import io.secho.bench.server.TlsCredentials;
import io.secho.bench.server.TlsSettings;
import io.secho.bench.targets.Baseline;
import io.secho.bench.targets.ResultsJson;
import io.secho.bench.targets.Step11Targets;
import io.secho.bench.targets.TargetCheck;
import io.secho.bench.targets.TargetTable;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.wire.Hex;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** The one benchmark command: every figure in one run, printed as one table. */
@Command(name = "secho-benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures, in one run on this machine: the bare-crypto limits (JMH); the reference server's handshakes",
            "per second per suite and its echo throughput and latency, side by side with a JDK TLS 1.3 server;",
            "how many idle sessions it holds and their memory; the conformance suite's wall time. Then checks",
            "every Step 11 target (met, or MISSED by how much), some against a baseline file of an earlier run,",
            "and writes figures and verdicts as JSON (--targets-json).",
            "Servers listen on 127.0.0.1 only, each in its own JVM. The machine may be noisy: compare ratios."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every figure measured (whether or not the targets were met: the run is a report)",
            "1:a part failed (the message says which)", "2:usage error"})
public final class BenchMain implements Callable<Integer> {
    private static final String CRYPTO = FigureNames.CRYPTO;

    @Option(names = "--full", description = "longer windows (about 2.5x the default quick run)")
    private boolean full;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "run only these parts: ${COMPLETION-CANDIDATES} (default: all)")
    private Set<Section> only = EnumSet.allOf(Section.class);

    @Option(names = "--seconds", paramLabel = "S", description = "measured window of each end-to-end figure")
    private Integer seconds;

    @Option(names = "--warmup", paramLabel = "S", description = "warm-up before each end-to-end figure")
    private Integer warmupSeconds;

    @Option(names = "--suites", split = ",", paramLabel = "SUITE",
            description = "Secho suites for the handshake figures: x25519, modp2048, psk (default: all)")
    private List<String> suites = List.of("x25519", "modp2048", "psk");

    @Option(names = "--message-sizes", split = ",", paramLabel = "BYTES",
            description = "echo message sizes (default 16,1024,16384)")
    private List<Integer> messageSizes;

    @Option(names = "--handshake-clients", paramLabel = "N", description = "parallel handshake clients (default 8)")
    private Integer handshakeClients;

    @Option(names = "--idle-connections", paramLabel = "N", description = "idle sessions to open (default 10000)")
    private Integer idleConnections;

    @Option(names = "--conformance-jar", paramLabel = "FILE",
            description = "the harness (default: ${DEFAULT-VALUE})",
            defaultValue = "conformance-tests/target/secho-conformance.jar")
    private Path conformanceJar;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the table as Markdown")
    private Path markdown;

    @Option(names = {"--profile-dir", "--jfr"}, paramLabel = "DIR",
            description = {"record profiles into DIR, to explain a missed target: a JFR recording of the Secho server",
                "during each measured handshake and echo window and while the idle sessions open, each with a",
                "summary of its hot spots (NAME.txt); the idle server's native memory and threads; a recording of",
                "the conformance run. Recording costs a few percent of the figures."})
    private Path profileDirectory;

    @Option(names = "--baseline", paramLabel = "FILE", defaultValue = "benchmarks/baseline-step10.json",
            description = "figures the targets \"no worse than before\" compare with (default: ${DEFAULT-VALUE})")
    private Path baselineFile;

    @Option(names = "--targets-json", paramLabel = "FILE", defaultValue = "benchmarks/target/step11-targets.json",
            description = "where to write the run's figures and target verdicts as JSON (default: ${DEFAULT-VALUE})")
    private Path targetsJson;

    @Option(names = "--baseline-server-jar", paramLabel = "JAR",
            description = {"also measure the Secho server of this benchmark jar (built from an earlier revision) in",
                "the same run, after the current server on each handshake and echo load; the targets \"no worse than",
                "before\" then compare with it instead of the --baseline file: same machine, same load, minutes apart"})
    private Path baselineServerJar;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "also write this run's figures as a baseline file for later runs to compare with")
    private Path writeBaseline;

    @Option(names = "--baseline-description", paramLabel = "TEXT", defaultValue = "a run of secho-benchmarks",
            description = "what --write-baseline records as the baseline's description")
    private String baselineDescription;

    @Option(names = "--revision", paramLabel = "TEXT", defaultValue = "unknown",
            description = "the source revision measured, recorded with the results (benchmarks/run passes git's)")
    private String revision;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final Progress progress = new Progress(System.err);

    public static void main(String[] args) {
        // Before any TLS class loads: Java 17 reads the named groups once per JVM.
        TlsSettings.restrictNamedGroups();
        CommandLine command = new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() {
        RunPlan plan;
        Optional<Baseline> baseline;
        try {
            plan = plan();
            baseline = baseline();
        } catch (IllegalArgumentException e) {
            System.err.println("secho-benchmarks: " + e.getMessage());
            return 2;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long openFiles = OpenFileLimit.current();
        RunInfo info = new RunInfo(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                RunInfo.describeMachine(), revision, plan.name() + ", " + plan.measure().toSeconds()
                        + " s measured per end-to-end figure after " + plan.warmup().toSeconds() + " s warm-up"
                        + (profileDirectory == null ? "" : ", profiled"),
                "at start " + RunInfo.loadAverage());
        Report report = new Report(List.of(
                "Secho benchmarks, " + info.date() + ", revision " + info.revision(),
                "machine: " + info.machine() + ", open-file limit " + openFiles,
                "run: " + info.run() + "; servers and clients share the machine",
                "load average (1, 5, 15 min) " + info.load(),
                "The machine is shared and noisy: the ratios matter more than the absolute figures."));
        Path work = null;
        List<Figure> sameRunBaseline = List.of();
        try {
            work = Files.createTempDirectory("secho-bench");
            Optional<Path> profiles = Optional.ofNullable(profileDirectory);
            if (profiles.isPresent()) {
                Files.createDirectories(profiles.get());
            }
            sameRunBaseline = run(plan, report, cores, openFiles, work, new PhaseProfiles(profiles, progress));
            deleteTree(work);
            return 0;
        } catch (IOException | RunnerException | GeneralSecurityException | RuntimeException e) {
            System.err.println("secho-benchmarks: failed: " + causes(e)
                    + (work == null ? "" : " (server logs in " + work + ")"));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("secho-benchmarks: interrupted");
            return 1;
        } finally {
            if (!report.figures().isEmpty()) {
                RunInfo ended = info.withLoad(info.load() + ", at end " + RunInfo.loadAverage());
                finish(report, ended, plan, sameRunBaseline.isEmpty() ? baseline : Optional.of(new Baseline(
                        "the server of " + baselineServerJar + ", measured in this run after the current server on"
                                + " each load", ended, sameRunBaseline)));
            }
        }
    }

    /**
     * Prints the figures and the targets, and writes the JSON results (and the baseline, if asked). A missed
     * target does not change the exit code: the run is a report.
     */
    private void finish(Report report, RunInfo info, RunPlan plan, Optional<Baseline> baseline) {
        List<Step11Targets.EchoCase> echoCases = new ArrayList<>();
        for (int size : plan.messageSizes()) {
            for (int connections : plan.echoConnections()) {
                echoCases.add(new Step11Targets.EchoCase(size, connections));
            }
        }
        List<TargetCheck> checks = Step11Targets.evaluate(report.figures(), baseline, plan.handshakeClients(),
                echoCases);
        TargetTable targets = new TargetTable(checks);
        out.print(report.toText());
        out.println("load average (1, 5, 15 min) " + info.load());
        out.println();
        baseline.ifPresent(b -> out.println("baseline: " + b.description() + "; " + b.info().date() + ", "
                + b.info().machine() + ", revision " + b.info().revision() + ", load " + b.info().load()));
        out.print(targets.toText());
        write(targetsJson, ResultsJson.of(info, report.figures(), checks, baseline), "results");
        if (writeBaseline != null) {
            write(writeBaseline, new Baseline(baselineDescription, info, report.figures()).toJson(), "baseline");
        }
        if (markdown != null) {
            write(markdown, report.toMarkdown() + "\nload average (1, 5, 15 min) " + info.load() + "\n\n"
                    + targets.toMarkdown(), "Markdown");
        }
    }

    /** The baseline file if it exists; a missing default one only makes those targets "not measured". */
    private Optional<Baseline> baseline() {
        if (baselineServerJar != null && !Files.isRegularFile(baselineServerJar)) {
            throw new IllegalArgumentException("no baseline server jar " + baselineServerJar);
        }
        if (!Files.isRegularFile(baselineFile)) {
            System.err.println("secho-benchmarks: no baseline file " + baselineFile
                    + ": the targets against the baseline will be \"not measured\"");
            return Optional.empty();
        }
        try {
            return Optional.of(Baseline.read(baselineFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the baseline: " + e.getMessage(), e);
        }
    }

    private void write(Path file, String text, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            progress.say(what + " written to " + file);
        } catch (IOException e) {
            System.err.println("secho-benchmarks: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The message and its causes' messages: JMH wraps a benchmark's own failure in a generic one. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private RunPlan plan() {
        RunPlan plan = full ? RunPlan.full() : RunPlan.quick();
        if (seconds != null || warmupSeconds != null) {
            plan = plan.withWindows(warmupSeconds == null ? plan.warmup() : Duration.ofSeconds(warmupSeconds),
                    seconds == null ? plan.measure() : Duration.ofSeconds(seconds));
        }
        List<Suite> chosen = new ArrayList<>();
        for (String name : suites) {
            chosen.add(Suite.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown suite " + name + " (x25519, modp2048 or psk)")));
        }
        plan = plan.withSuites(chosen);
        if (messageSizes != null) {
            plan = plan.withMessageSizes(messageSizes);
        }
        if (handshakeClients != null) {
            plan = plan.withHandshakeClients(handshakeClients);
        }
        if (idleConnections != null) {
            plan = plan.withIdleConnections(idleConnections);
        }
        return plan;
    }

    /** @return the figures of the baseline server, if one was measured */
    private List<Figure> run(RunPlan plan, Report report, int cores, long openFiles, Path work, PhaseProfiles profiles)
            throws IOException, RunnerException, GeneralSecurityException, InterruptedException {
        List<Figure> sameRunBaseline = List.of();
        Optional<CryptoLimits> limits = Optional.empty();
        if (only.contains(Section.CRYPTO)) {
            progress.say("crypto: JMH, one fork, " + plan.jmhWarmups() + "+" + plan.jmhMeasurements()
                    + " iterations of " + plan.jmhIteration().toMillis() + " ms per benchmark (about a minute)");
            limits = Optional.of(CryptoLimits.measure(plan));
            reportCrypto(limits.get(), report);
        }
        PreSharedKey psk = PreSharedKey.of(new SystemRandomBytes().nextBytes(PreSharedKey.LENGTH));
        Map<String, String> pskEnvironment = Map.of(ServerProcess.PSK_VARIABLE, Hex.encode(psk.bytes()));
        if (only.contains(Section.HANDSHAKE) || only.contains(Section.ECHO)) {
            TlsCredentials credentials = TlsCredentials.generate(work);
            try (ServerHandle secho = startServer(ServerKind.SECHO, String.valueOf(plan.handshakeClients() * 4 + 256),
                    pskEnvironment, List.of(), work, "secho");
                 ServerHandle tls = startServer(ServerKind.TLS, credentials.keyStore().toString(),
                         Map.of(TlsCredentials.PASSWORD_VARIABLE, credentials.password()), List.of(), work, "tls")) {
                Optional<ServerHandle> baselineServer = Optional.empty();
                try {
                    if (baselineServerJar != null) {
                        baselineServer = Optional.of(startServer(ServerKind.SECHO,
                                String.valueOf(plan.handshakeClients() * 4 + 256), pskEnvironment, List.of(),
                                baselineServerJar.toAbsolutePath().toString(), work, "secho-baseline"));
                    }
                    EndToEndBenchmark endToEnd = new EndToEndBenchmark(plan, report, progress, limits, cores,
                            new EndToEndBenchmark.Servers(secho, psk, tls, credentials.trustManagers(), baselineServer),
                            profiles);
                    endToEnd.warmUp();
                    if (only.contains(Section.HANDSHAKE)) {
                        endToEnd.handshakes();
                    }
                    if (only.contains(Section.ECHO)) {
                        endToEnd.echo();
                    }
                    sameRunBaseline = endToEnd.sameRunBaseline();
                } finally {
                    baselineServer.ifPresent(ServerHandle::close);
                }
            }
        }
        if (only.contains(Section.IDLE)) {
            int target = plan.idleConnections();
            try (ServerHandle secho = startServer(ServerKind.SECHO, String.valueOf(target + 64), pskEnvironment,
                    profiles.memoryServerOptions(), work, "secho-idle")) {
                IdleBenchmark.run(target, report, progress, secho,
                        new SechoTarget("127.0.0.1", secho.port(), Suite.X25519, Optional.empty()), openFiles, profiles);
            }
        }
        if (only.contains(Section.CONFORMANCE)) {
            ConformanceTiming.run(conformanceJar, report, progress, work, profiles);
        }
        return sameRunBaseline;
    }

    private ServerHandle startServer(ServerKind kind, String argument, Map<String, String> environment,
                                     List<String> jvmOptions, Path work, String label) throws IOException {
        return startServer(kind, argument, environment, jvmOptions, System.getProperty("java.class.path"), work, label);
    }

    private ServerHandle startServer(ServerKind kind, String argument, Map<String, String> environment,
                                     List<String> jvmOptions, String classPath, Path work, String label)
            throws IOException {
        progress.say("starting the " + label + " server process");
        return ServerHandle.start(kind, argument, environment, jvmOptions, classPath, work.resolve(label + ".log"));
    }

    private static void reportCrypto(CryptoLimits limits, Report report) {
        report.add(Figure.of(CRYPTO, "AES-256-GCM seal, 16 KiB records", limits.aesSealMegabytesPerSecond(),
                Unit.MEGABYTES_PER_SECOND, "JCE through io.secho.crypto.AesGcm, as the record layer uses it"));
        report.add(Figure.of(CRYPTO, "AES-256-GCM open, 16 KiB records", limits.aesOpenMegabytesPerSecond(),
                Unit.MEGABYTES_PER_SECOND, "the same, verifying and decrypting"));
        report.add(Figure.of(CRYPTO, FigureNames.X25519_KEX, limits.kexPerSecond().get(Suite.X25519),
                Unit.PER_SECOND, "Bouncy Castle low-level, what the reference uses"));
        report.add(Figure.of(CRYPTO, "X25519 key generation + agreement, JCE", limits.x25519JcePerSecond(),
                Unit.PER_SECOND, "what JDK TLS uses"));
        report.add(Figure.of(CRYPTO, FigureNames.MODP2048_KEX, limits.kexPerSecond().get(Suite.MODP2048),
                Unit.PER_SECOND, "256-bit exponent; BigInteger.modPow and JCE DH, as the reference"));
        for (Suite suite : Suite.values()) {
            report.add(Figure.of(CRYPTO, FigureNames.inMemoryHandshake(suite),
                    limits.serverHandshakePerSecond().get(suite), Unit.PER_SECOND,
                    "the server's whole share without I/O: key exchange, key schedule, Finished"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
