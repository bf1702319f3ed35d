package io.secho.bench.report;

import io.secho.handshake.Suite;

/**
 * The sections and names of the figures that the targets and the baseline look up: defined once here, so
 * that the figure a benchmark reports and the figure a target reads cannot drift apart.
 */
public final class FigureNames {
    public static final String CRYPTO = "crypto limits (one thread, JMH)";
    public static final String HANDSHAKES = "handshakes";
    public static final String ECHO = "echo";
    public static final String IDLE = "idle connections";
    public static final String CONFORMANCE = "conformance";
    /** The figures of the baseline server measured in the same run (--baseline-server-jar). */
    public static final String BASELINE_SERVER = "baseline server, same run and load";

    public static final String X25519_KEX = "X25519 key generation + agreement";
    public static final String MODP2048_KEX = "modp2048 key generation + agreement";
    public static final String IDLE_HELD = "idle Secho sessions held";
    public static final String IDLE_RSS = "server memory (RSS) per idle session";
    public static final String IDLE_THREADS = "server threads with all sessions open";
    public static final String CONFORMANCE_WALL = "conformance suite wall time";

    private FigureNames() {
    }

    public static String handshakesPerSecond(Suite suite, int clients) {
        return suite + " handshakes/s, " + clients + " clients";
    }

    public static String serverCpuPerHandshake(Suite suite) {
        return suite + " server CPU per handshake";
    }

    public static String inMemoryHandshake(Suite suite) {
        return "server handshake in memory, " + suite;
    }

    /** "16 B x 1 conn", the prefix of every echo figure of one message size and connection count. */
    public static String echoCase(int size, int connections) {
        String sizeName = size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
        return sizeName + " x " + connections + " conn";
    }

    public static String echoThroughput(int size, int connections) {
        return echoCase(size, connections) + " throughput";
    }

    public static String echoP50(int size, int connections) {
        return echoCase(size, connections) + " latency p50";
    }

    public static String echoP99(int size, int connections) {
        return echoCase(size, connections) + " latency p99";
    }

    public static String echoServerCpu(int size, int connections) {
        return echoCase(size, connections) + " server CPU per message";
    }
}
