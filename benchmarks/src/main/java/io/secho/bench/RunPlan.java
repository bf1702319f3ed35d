package io.secho.bench;

import io.secho.handshake.Suite;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard each part runs.
 *
 * @param warmup load before each measured window, whose results are dropped
 * @param measure each measured window of the end-to-end figures
 * @param jmhWarmups JMH warm-up iterations of {@code jmhIteration} each
 * @param jmhMeasurements JMH measured iterations of {@code jmhIteration} each
 */
public record RunPlan(String name, Duration warmup, Duration measure, int jmhWarmups, int jmhMeasurements,
                      Duration jmhIteration, List<Suite> suites, int handshakeClients, List<Integer> echoConnections,
                      List<Integer> messageSizes, int idleConnections) {
    /** The spec's largest request payload. */
    public static final int LARGEST_MESSAGE = 16 * 1024;
    private static final List<Suite> ALL_SUITES = List.of(Suite.values());

    public RunPlan {
        suites = List.copyOf(suites);
        echoConnections = List.copyOf(echoConnections);
        messageSizes = List.copyOf(messageSizes);
        if (warmup.isNegative() || measure.isZero() || measure.isNegative()) {
            throw new IllegalArgumentException("the measured window must be positive and the warm-up not negative");
        }
        if (handshakeClients < 1) {
            throw new IllegalArgumentException("handshake clients must be at least 1, was " + handshakeClients);
        }
        if (idleConnections < 1) {
            throw new IllegalArgumentException("idle connections must be at least 1, was " + idleConnections);
        }
        for (int size : messageSizes) {
            if (size < 1 || size > LARGEST_MESSAGE) {
                throw new IllegalArgumentException("message size must be 1.." + LARGEST_MESSAGE + ", was " + size);
            }
        }
    }

    /** A few minutes on two cores. */
    public static RunPlan quick() {
        return new RunPlan("quick", Duration.ofSeconds(1), Duration.ofSeconds(3), 2, 3, Duration.ofSeconds(1),
                ALL_SUITES, 8, List.of(1, 64), List.of(16, 1024, LARGEST_MESSAGE), 10_000);
    }

    /** Longer windows for steadier figures: about four times the quick run. */
    public static RunPlan full() {
        return new RunPlan("full", Duration.ofSeconds(3), Duration.ofSeconds(10), 3, 5, Duration.ofSeconds(2),
                ALL_SUITES, 8, List.of(1, 64), List.of(16, 1024, LARGEST_MESSAGE), 10_000);
    }

    public RunPlan withWindows(Duration newWarmup, Duration newMeasure) {
        return new RunPlan(name, newWarmup, newMeasure, jmhWarmups, jmhMeasurements, jmhIteration, suites,
                handshakeClients, echoConnections, messageSizes, idleConnections);
    }

    public RunPlan withSuites(List<Suite> value) {
        return new RunPlan(name, warmup, measure, jmhWarmups, jmhMeasurements, jmhIteration, value,
                handshakeClients, echoConnections, messageSizes, idleConnections);
    }

    public RunPlan withMessageSizes(List<Integer> value) {
        return new RunPlan(name, warmup, measure, jmhWarmups, jmhMeasurements, jmhIteration, suites,
                handshakeClients, echoConnections, value, idleConnections);
    }

    public RunPlan withHandshakeClients(int value) {
        return new RunPlan(name, warmup, measure, jmhWarmups, jmhMeasurements, jmhIteration, suites, value,
                echoConnections, messageSizes, idleConnections);
    }

    public RunPlan withIdleConnections(int value) {
        return new RunPlan(name, warmup, measure, jmhWarmups, jmhMeasurements, jmhIteration, suites,
                handshakeClients, echoConnections, messageSizes, value);
    }
}
