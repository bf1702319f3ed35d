package io.secho.bench.targets;

import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.Unit;
import io.secho.handshake.Suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The speed targets of Step 11 (issue 14), each checked against the figures of one run and, where the
 * target is "no worse than today", against the baseline measured before the redesign.
 */
public final class Step11Targets {
    /** The server's CPU per x25519 handshake may be at most this multiple of its bare crypto (crypto >= 80 %). */
    public static final double X25519_CPU_PER_CRYPTO = 1.25;
    /** Idle sessions the target asks for. */
    public static final int IDLE_SESSIONS = 10_000;
    /** Resident memory per idle session must stay under this. */
    public static final double IDLE_RSS_KIB = 32;
    /**
     * The bound on the server process's Java threads with every idle session open. Any fixed number
     * independent of the session count would do; 64 leaves room for event loops, a bounded worker pool and
     * the JVM's own threads on machines with many more cores than two, and is far below one per session.
     */
    public static final int THREAD_BOUND = 64;
    /** The conformance suite's wall time against the embedded server, JVM start included, must stay under this. */
    public static final double CONFORMANCE_SECONDS = 5;
    /** Suites whose handshakes must be at least as fast as in the baseline. */
    public static final List<Suite> BASELINE_SUITES = List.of(Suite.PSK, Suite.MODP2048);

    private Step11Targets() {
    }

    /**
     * @param figures this run's figures
     * @param handshakeClients the run's parallel handshake clients (part of the handshake figures' names)
     * @param echoCases the run's echo cases
     */
    public static List<TargetCheck> evaluate(List<Figure> figures, Optional<Baseline> baseline, int handshakeClients,
                                             List<EchoCase> echoCases) {
        Figures run = new Figures(figures);
        List<TargetCheck> checks = new ArrayList<>();
        checks.add(x25519Cpu(run));
        for (Suite suite : BASELINE_SUITES) {
            checks.add(againstBaseline(run, baseline, suite.wireName() + "-handshakes-vs-baseline",
                    suite + " handshakes/s at least as fast as the baseline", Comparison.AT_LEAST,
                    FigureNames.HANDSHAKES, FigureNames.handshakesPerSecond(suite, handshakeClients)));
            checks.add(againstBaseline(run, baseline, suite.wireName() + "-server-cpu-vs-baseline",
                    suite + " server CPU per handshake no more than the baseline", Comparison.AT_MOST,
                    FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(suite)));
        }
        checks.add(fixed(run, "idle-sessions-held", String.format(Locale.ROOT, "%,d idle sessions held", IDLE_SESSIONS),
                Comparison.AT_LEAST, IDLE_SESSIONS, FigureNames.IDLE, FigureNames.IDLE_HELD, Unit.COUNT,
                "Step 11 target"));
        checks.add(fixed(run, "idle-rss-per-session", "server RSS per idle session", Comparison.BELOW, IDLE_RSS_KIB,
                FigureNames.IDLE, FigureNames.IDLE_RSS, Unit.KIBIBYTES, "Step 11 target"));
        checks.add(fixed(run, "idle-threads", "server threads bounded with every idle session open",
                Comparison.AT_MOST, THREAD_BOUND, FigureNames.IDLE, FigureNames.IDLE_THREADS, Unit.COUNT,
                "fixed bound, whatever the session count (a thread per session would be over "
                        + String.format(Locale.ROOT, "%,d", IDLE_SESSIONS) + ")"));
        for (EchoCase echo : echoCases) {
            int size = echo.size();
            int connections = echo.connections();
            String key = "echo-" + size + "-x" + connections;
            String what = "echo " + FigureNames.echoCase(size, connections);
            checks.add(againstBaseline(run, baseline, key + "-throughput-vs-baseline",
                    what + " throughput no worse than the baseline", Comparison.AT_LEAST, FigureNames.ECHO,
                    FigureNames.echoThroughput(size, connections)));
            checks.add(againstBaseline(run, baseline, key + "-p99-vs-baseline",
                    what + " latency p99 no worse than the baseline", Comparison.AT_MOST, FigureNames.ECHO,
                    FigureNames.echoP99(size, connections)));
            checks.add(againstTls(run, key + "-throughput-vs-tls", what + " throughput ahead of JDK TLS 1.3",
                    FigureNames.echoThroughput(size, connections)));
        }
        checks.add(fixed(run, "conformance-wall-time", "conformance suite against the embedded server, JVM start"
                        + " included", Comparison.BELOW, CONFORMANCE_SECONDS, FigureNames.CONFORMANCE,
                FigureNames.CONFORMANCE_WALL, Unit.SECONDS, "Step 11 target"));
        return checks;
    }

    /** Server CPU per x25519 handshake against 1.25 x one X25519 key generation and agreement (JMH). */
    private static TargetCheck x25519Cpu(Figures run) {
        Optional<Figure> cpu = run.find(FigureNames.HANDSHAKES, FigureNames.serverCpuPerHandshake(Suite.X25519));
        Optional<Figure> kex = run.find(FigureNames.CRYPTO, FigureNames.X25519_KEX);
        OptionalDouble limit = OptionalDouble.empty();
        String basis = "needs the crypto part (JMH) and the handshake part in the same run";
        if (kex.isPresent() && kex.get().secho() > 0) {
            double crypto = 1e6 / kex.get().secho();
            limit = OptionalDouble.of(X25519_CPU_PER_CRYPTO * crypto);
            basis = String.format(Locale.ROOT, "%.2f x %.0f us of bare crypto (one X25519 key generation + agreement,"
                    + " JMH)", X25519_CPU_PER_CRYPTO, crypto);
            if (cpu.isPresent() && cpu.get().secho() > 0) {
                basis += String.format(Locale.ROOT, "; crypto is %.0f %% of the measured CPU (target >= %.0f %%)",
                        100 * crypto / cpu.get().secho(), 100 / X25519_CPU_PER_CRYPTO);
            }
        }
        return new TargetCheck("x25519-server-cpu", "x25519 server CPU per handshake <= "
                + X25519_CPU_PER_CRYPTO + " x its bare crypto", Comparison.AT_MOST, limit, Unit.MICROSECONDS,
                value(cpu), basis);
    }

    private static TargetCheck againstBaseline(Figures run, Optional<Baseline> baseline, String id, String target,
                                               Comparison comparison, String section, String name) {
        Optional<Figure> now = run.find(section, name);
        Optional<Figure> then = baseline.flatMap(b -> b.find(section, name));
        Unit unit = now.or(() -> then).map(Figure::unit).orElse(Unit.COUNT);
        String basis = baseline.isEmpty() ? "no baseline file"
                : then.isEmpty() ? "the baseline has no figure \"" + name + "\""
                : "baseline " + unit.format(then.get().secho()) + " (" + baseline.get().info().date() + ")"
                        + now.map(n -> ratio(n.secho(), then.get().secho())).orElse("");
        return new TargetCheck(id, target, comparison, value(then), unit, value(now), basis);
    }

    private static TargetCheck againstTls(Figures run, String id, String target, String name) {
        Optional<Figure> now = run.find(FigureNames.ECHO, name);
        OptionalDouble tls = now.map(Figure::tls).orElse(OptionalDouble.empty());
        String basis = tls.isEmpty() ? "no TLS figure in this run"
                : "JDK TLS 1.3 in the same run: " + now.get().unit().format(tls.getAsDouble())
                        + ratio(now.get().secho(), tls.getAsDouble());
        return new TargetCheck(id, target, Comparison.AT_LEAST, tls, now.map(Figure::unit).orElse(Unit.COUNT),
                value(now), basis);
    }

    private static TargetCheck fixed(Figures run, String id, String target, Comparison comparison, double limit,
                                     String section, String name, Unit unit, String basis) {
        return new TargetCheck(id, target, comparison, OptionalDouble.of(limit), unit, value(run.find(section, name)),
                basis);
    }

    private static String ratio(double now, double then) {
        return then == 0 ? "" : String.format(Locale.ROOT, "; now %.2f x", now / then);
    }

    private static OptionalDouble value(Optional<Figure> figure) {
        return figure.map(f -> OptionalDouble.of(f.secho())).orElse(OptionalDouble.empty());
    }

    /** The run's figures, looked up by section and name. */
    private record Figures(List<Figure> all) {
        Optional<Figure> find(String section, String name) {
            return Figure.find(all, section, name);
        }
    }

    /** One echo figure's message size and connection count. */
    public record EchoCase(int size, int connections) {
    }
}
