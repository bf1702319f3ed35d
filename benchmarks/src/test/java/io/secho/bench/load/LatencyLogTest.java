package io.secho.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyLogTest {
    @Test
    void percentilesAreNearestRankOverAllThreads() {
        LatencyLog first = new LatencyLog();
        LatencyLog second = new LatencyLog();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? first : second).add(i * 1000L);
        }
        Percentiles percentiles = LatencyLog.merge(List.of(first, second));
        assertEquals(50_000, percentiles.p50Nanos());
        assertEquals(99_000, percentiles.p99Nanos());
        assertEquals(100, percentiles.samples());
        assertEquals(50.0, percentiles.p50Micros());
    }

    @Test
    void noSamplesGiveZero() {
        assertEquals(new Percentiles(0, 0, 0), LatencyLog.merge(List.of(new LatencyLog())));
    }
}
