package io.secho.bench;

import io.secho.bench.crypto.CryptoLimits;
import io.secho.bench.load.ClosedLoop;
import io.secho.bench.load.EchoSession;
import io.secho.bench.load.EchoTarget;
import io.secho.bench.load.LoopResult;
import io.secho.bench.load.SechoTarget;
import io.secho.bench.load.Sessions;
import io.secho.bench.load.TlsTarget;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.Report;
import io.secho.bench.report.Unit;
import io.secho.bench.server.ServerHandle;
import io.secho.bench.server.ServerStats;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.Suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Handshake and echo figures over loopback TCP, the reference server and the JDK TLS 1.3 server side by
 * side, each in its own process, measured one after the other with the same load.
 */
final class EndToEndBenchmark {
    private static final String HOST = "127.0.0.1";
    private static final String HANDSHAKES = FigureNames.HANDSHAKES;
    private static final String ECHO = FigureNames.ECHO;
    private static final Duration WARM_UP_STEP = Duration.ofSeconds(1);

    private final RunPlan plan;
    private final Report report;
    private final Progress progress;
    private final Optional<CryptoLimits> limits;
    private final int cores;
    private final Servers servers;
    private final PhaseProfiles profiles;
    private final List<Figure> sameRunBaseline = new ArrayList<>();
    /** Rows of the baseline server not yet in the table: shown together after each part, not interleaved. */
    private final List<Figure> baselineRows = new ArrayList<>();

    EndToEndBenchmark(RunPlan plan, Report report, Progress progress, Optional<CryptoLimits> limits, int cores,
                      Servers servers, PhaseProfiles profiles) {
        this.profiles = profiles;
        this.plan = plan;
        this.report = report;
        this.progress = progress;
        this.limits = limits;
        this.cores = cores;
        this.servers = servers;
    }

    /**
     * Runs every kind of load once on both servers, results dropped, so that no figure measured later
     * pays for the JIT compiling the code paths of another.
     */
    void warmUp() throws IOException, InterruptedException {
        progress.say("warming up both servers: handshakes of every suite, echo of every size");
        EndToEndBenchmark brief = new EndToEndBenchmark(plan.withWindows(Duration.ZERO, WARM_UP_STEP), report,
                progress, limits, cores, servers, profiles);
        for (Suite suite : plan.suites()) {
            brief.handshakeRun(servers.secho(), secho(suite), plan.handshakeClients(), Optional.empty());
        }
        brief.handshakeRun(servers.tls(), tls(), plan.handshakeClients(), Optional.empty());
        for (int size : plan.messageSizes()) {
            brief.echoRun(servers.secho(), secho(Suite.X25519), size, 1, Optional.empty());
            brief.echoRun(servers.tls(), tls(), size, 1, Optional.empty());
        }
        if (servers.baseline().isPresent()) {
            ServerHandle baseline = servers.baseline().get();
            for (Suite suite : plan.suites()) {
                brief.handshakeRun(baseline, sechoAt(baseline, suite), plan.handshakeClients(), Optional.empty());
            }
            for (int size : plan.messageSizes()) {
                brief.echoRun(baseline, sechoAt(baseline, Suite.X25519), size, 1, Optional.empty());
            }
        }
    }

    /**
     * The baseline server's figures of this run, under the names and sections of the current server's, so
     * that the targets "no worse than before" can compare two servers measured minutes apart under the same
     * load instead of two runs made at different times; empty without a baseline server.
     */
    List<Figure> sameRunBaseline() {
        return List.copyOf(sameRunBaseline);
    }

    /** Records a figure of the baseline server, for the table after the part and for the targets. */
    private void baselineFigure(Figure figure, double now) {
        sameRunBaseline.add(figure);
        baselineRows.add(Figure.of(FigureNames.BASELINE_SERVER, figure.name(), figure.secho(), figure.unit(),
                (figure.secho() == 0 ? "" : String.format(Locale.ROOT, "current server / baseline %.2f; ",
                        now / figure.secho())) + figure.note()));
    }

    private void reportBaselineRows() {
        baselineRows.forEach(report::add);
        baselineRows.clear();
    }

    void handshakes() throws IOException, InterruptedException {
        int clients = plan.handshakeClients();
        for (Suite suite : plan.suites()) {
            progress.say("handshakes: " + suite + ", " + clients + " clients in parallel");
            HandshakeRun secho = handshakeRun(servers.secho(), secho(suite), clients,
                    Optional.of("handshakes-" + suite.wireName()));
            Optional<HandshakeRun> tls = Optional.empty();
            if (suite == Suite.X25519) {
                progress.say("handshakes: TLS 1.3 (x25519), " + clients + " clients in parallel");
                tls = Optional.of(handshakeRun(servers.tls(), tls(), clients, Optional.empty()));
            }
            reportHandshakes(suite, clients, secho, tls);
            if (servers.baseline().isPresent()) {
                progress.say("handshakes: " + suite + " on the baseline server");
                ServerHandle baseline = servers.baseline().get();
                HandshakeRun before = handshakeRun(baseline, sechoAt(baseline, suite), clients, Optional.empty());
                baselineFigure(Figure.of(HANDSHAKES, FigureNames.handshakesPerSecond(suite, clients),
                        before.loop().operationsPerSecond(), Unit.PER_SECOND, latencyNote(before.loop(), 1e3, "ms")
                                + errorNote(before.loop())), secho.loop().operationsPerSecond());
                baselineFigure(Figure.of(HANDSHAKES, FigureNames.serverCpuPerHandshake(suite),
                        before.serverCpuMicros(), Unit.MICROSECONDS, "server process CPU time / handshakes"),
                        secho.serverCpuMicros());
            }
        }
        reportBaselineRows();
    }

    private void reportHandshakes(Suite suite, int clients, HandshakeRun secho, Optional<HandshakeRun> tls) {
        String name = FigureNames.handshakesPerSecond(suite, clients);
        String note = "each a full handshake then close; " + latencyNote(secho.loop(), 1e3, "ms")
                + tls.map(t -> "; TLS " + latencyNote(t.loop(), 1e3, "ms") + ", " + t.fullHandshakeNote())
                        .orElse("") + errorNote(secho.loop()) + tls.map(t -> errorNote(t.loop())).orElse("");
        report.add(tls.isPresent()
                ? Figure.compared(HANDSHAKES, name, secho.loop().operationsPerSecond(),
                        tls.get().loop().operationsPerSecond(), Unit.PER_SECOND, note)
                : Figure.of(HANDSHAKES, name, secho.loop().operationsPerSecond(), Unit.PER_SECOND, note));
        String cpuName = FigureNames.serverCpuPerHandshake(suite);
        String cpuNote = String.format(Locale.ROOT, "server process CPU time / handshakes in the window, %.0f%% of it"
                + " in the kernel", 100 * secho.kernelShare())
                + tls.map(t -> String.format(Locale.ROOT, " (TLS %.0f%%)", 100 * t.kernelShare())).orElse("");
        report.add(tls.isPresent()
                ? Figure.compared(HANDSHAKES, cpuName, secho.serverCpuMicros(), tls.get().serverCpuMicros(),
                        Unit.MICROSECONDS, cpuNote + "; TLS adds an ECDSA P-256 signature")
                : Figure.of(HANDSHAKES, cpuName, secho.serverCpuMicros(), Unit.MICROSECONDS, cpuNote));
        if (limits.isEmpty()) {
            return;
        }
        double shareMicros = limits.get().serverShareMicros(suite);
        String shareWhat = suite == Suite.PSK ? "its in-memory handshake" : "one key generation + agreement";
        report.add(Figure.of(HANDSHAKES, suite + " bare crypto / server CPU per handshake",
                100 * shareMicros / secho.serverCpuMicros(), Unit.PERCENT,
                String.format(Locale.ROOT, "server's share = %s = %.0f us; target >= 80%%", shareWhat, shareMicros)));
        double limit = cores * 1e6 / shareMicros / 2;
        report.add(Figure.of(HANDSHAKES, suite + " handshakes/s as % of the machine's crypto limit",
                100 * secho.loop().operationsPerSecond() / limit, Unit.PERCENT,
                String.format(Locale.ROOT, "limit %,.0f/s = %d cores x %,.0f/s / 2 (client and server share the cores)",
                        limit, cores, 1e6 / shareMicros)));
    }

    /** @param profilePhase the name of the server's profile of the measured window, if it is to be profiled */
    private HandshakeRun handshakeRun(ServerHandle server, EchoTarget target, int clients, Optional<String> profilePhase)
            throws IOException, InterruptedException {
        List<ClosedLoop.Step> steps = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            steps.add(() -> {
                target.open().close();
                return 0;
            });
        }
        ServerStats before = server.stats();
        StatsWindow window = new StatsWindow(server);
        LoopResult loop = profiled(server, profilePhase,
                () -> ClosedLoop.run(steps, plan.warmup(), plan.measure(), false, window));
        ServerStats after = server.stats();
        return new HandshakeRun(loop, window.cpuNanos(), window.kernelShare(), loop.allOperations(),
                after.fullHandshakes() - before.fullHandshakes());
    }

    /**
     * @param kernelShare the part of the server's CPU time spent in the kernel
     * @param allHandshakes handshakes the clients completed, warm-up included
     * @param fullHandshakes full handshakes the TLS server counted over the same time (negative for Secho)
     */
    private record HandshakeRun(LoopResult loop, long serverCpuNanos, double kernelShare, long allHandshakes,
                                long fullHandshakes) {
        double serverCpuMicros() {
            return loop.operations() == 0 ? 0 : serverCpuNanos / 1e3 / loop.operations();
        }

        String fullHandshakeNote() {
            return fullHandshakes >= allHandshakes
                    ? "all " + allHandshakes + " TLS handshakes full (server signed each)"
                    : "ONLY " + fullHandshakes + " of " + allHandshakes + " TLS handshakes full";
        }
    }

    void echo() throws IOException, InterruptedException {
        for (int size : plan.messageSizes()) {
            for (int connections : plan.echoConnections()) {
                progress.say("echo: " + size + " B messages on " + connections + " connection(s), Secho then TLS");
                EchoRun secho = echoRun(servers.secho(), secho(Suite.X25519), size, connections,
                        Optional.of("echo-" + size + "B-x" + connections));
                EchoRun tls = echoRun(servers.tls(), tls(), size, connections, Optional.empty());
                report.add(Figure.compared(ECHO, FigureNames.echoThroughput(size, connections),
                        secho.loop().megabytesPerSecond(),
                        tls.loop().megabytesPerSecond(), Unit.MEGABYTES_PER_SECOND,
                        "message payload per second, each way" + errorNote(secho.loop()) + errorNote(tls.loop())));
                report.add(Figure.compared(ECHO, FigureNames.echoP50(size, connections), secho.loop().latency().p50Micros(),
                        tls.loop().latency().p50Micros(), Unit.MICROSECONDS, "one message's round trip"));
                report.add(Figure.compared(ECHO, FigureNames.echoP99(size, connections), secho.loop().latency().p99Micros(),
                        tls.loop().latency().p99Micros(), Unit.MICROSECONDS, secho.loop().latency().samples()
                                + " Secho and " + tls.loop().latency().samples() + " TLS round trips"));
                report.add(Figure.compared(ECHO, FigureNames.echoServerCpu(size, connections), secho.serverCpuMicros(),
                        tls.serverCpuMicros(), Unit.MICROSECONDS, String.format(Locale.ROOT,
                                "the same echo transform in both; kernel share %.0f%% Secho, %.0f%% TLS",
                                100 * secho.kernelShare(), 100 * tls.kernelShare())));
                if (servers.baseline().isPresent()) {
                    ServerHandle baseline = servers.baseline().get();
                    EchoRun before = echoRun(baseline, sechoAt(baseline, Suite.X25519), size, connections,
                            Optional.empty());
                    baselineFigure(Figure.of(ECHO, FigureNames.echoThroughput(size, connections),
                            before.loop().megabytesPerSecond(), Unit.MEGABYTES_PER_SECOND,
                            "message payload per second, each way" + errorNote(before.loop())),
                            secho.loop().megabytesPerSecond());
                    baselineFigure(Figure.of(ECHO, FigureNames.echoP99(size, connections),
                            before.loop().latency().p99Micros(), Unit.MICROSECONDS,
                            before.loop().latency().samples() + " round trips"), secho.loop().latency().p99Micros());
                    baselineFigure(Figure.of(ECHO, FigureNames.echoServerCpu(size, connections),
                            before.serverCpuMicros(), Unit.MICROSECONDS, "server CPU per message"),
                            secho.serverCpuMicros());
                }
            }
        }
        reportBaselineRows();
    }

    private EchoRun echoRun(ServerHandle server, EchoTarget target, int size, int connections,
                            Optional<String> profilePhase) throws IOException, InterruptedException {
        byte[] message = lowerCaseText(size);
        byte[] expected = new String(message, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        List<EchoSession> sessions = Sessions.open(target, connections);
        try {
            if (!Arrays.equals(sessions.get(0).echo(message), expected)) {
                throw new IOException("the server's reply is not the upper-cased message");
            }
            List<ClosedLoop.Step> steps = new ArrayList<>();
            for (EchoSession session : sessions) {
                steps.add(() -> {
                    int length = session.echo(message).length;
                    if (length != size) {
                        throw new IOException("reply of " + length + " bytes to a message of " + size);
                    }
                    return size;
                });
            }
            StatsWindow window = new StatsWindow(server);
            LoopResult loop = profiled(server, profilePhase,
                    () -> ClosedLoop.run(steps, plan.warmup(), plan.measure(), true, window));
            return new EchoRun(loop, window.cpuNanos(), window.kernelShare());
        } finally {
            Sessions.closeAll(sessions);
        }
    }

    private record EchoRun(LoopResult loop, long serverCpuNanos, double kernelShare) {
        double serverCpuMicros() {
            return loop.operations() == 0 ? 0 : serverCpuNanos / 1e3 / loop.operations();
        }
    }

    /** The server's stats at both edges of the measured window. */
    private static final class StatsWindow implements ClosedLoop.Window {
        private final ServerHandle server;
        private ServerStats start;
        private ServerStats end;

        StatsWindow(ServerHandle server) {
            this.server = server;
        }

        @Override
        public void started() throws IOException {
            start = server.stats();
        }

        @Override
        public void ended() throws IOException {
            end = server.stats();
        }

        long cpuNanos() {
            return end.cpuNanos() - start.cpuNanos();
        }

        double kernelShare() {
            return end.kernelShareSince(start);
        }
    }

    /**
     * Runs the load with the server recording a profile, if one is asked for: from before the warm-up to the
     * end, because starting a recording costs the server CPU (and, the first time, seconds) that must fall
     * outside the measured window.
     */
    private LoopResult profiled(ServerHandle server, Optional<String> phase, Load load)
            throws IOException, InterruptedException {
        if (phase.isEmpty()) {
            return load.run();
        }
        profiles.start(server, phase.get());
        try {
            return load.run();
        } finally {
            profiles.end(server, phase.get());
        }
    }

    private interface Load {
        LoopResult run() throws IOException, InterruptedException;
    }

    /** ASCII lower-case letters and spaces: the echo does real work, and the reply has the same length. */
    static byte[] lowerCaseText(int size) {
        byte[] text = new byte[size];
        for (int i = 0; i < size; i++) {
            text[i] = (byte) (i % 27 == 26 ? ' ' : 'a' + i % 27);
        }
        return text;
    }

    private EchoTarget secho(Suite suite) {
        return sechoAt(servers.secho(), suite);
    }

    private EchoTarget sechoAt(ServerHandle server, Suite suite) {
        return new SechoTarget(HOST, server.port(), suite, Optional.of(servers.psk()));
    }

    private EchoTarget tls() {
        return new TlsTarget(HOST, servers.tls().port(), servers.trust());
    }

    private static String latencyNote(LoopResult loop, double divisor, String unit) {
        return String.format(Locale.ROOT, "p50 %.2f %s, p99 %.2f %s", loop.latency().p50Micros() / divisor, unit,
                loop.latency().p99Micros() / divisor, unit);
    }

    private static String errorNote(LoopResult loop) {
        return loop.errors() == 0 && loop.firstError().isEmpty() ? ""
                : "; " + loop.errors() + " errors, first: " + loop.firstError().orElse("?");
    }

    /**
     * The server processes and what a client needs to reach them.
     *
     * @param baseline a Secho server built from an earlier revision, measured after the current one on the
     *     same load when present
     */
    record Servers(ServerHandle secho, PreSharedKey psk, ServerHandle tls, javax.net.ssl.TrustManager[] trust,
                   Optional<ServerHandle> baseline) {
    }
}
