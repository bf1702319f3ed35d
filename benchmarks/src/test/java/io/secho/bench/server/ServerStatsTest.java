package io.secho.bench.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerStatsTest {
    @Test
    void encodeAndDecodeRoundTrip() {
        ServerStats stats = new ServerStats(123_456_789L, 40, 10, 51_200, 9_999_999L, 42, 7, -1);
        assertEquals(stats, ServerStats.decode(stats.encode()));
    }

    @Test
    void kernelShareComesFromTheTicks() {
        ServerStats before = new ServerStats(0, 100, 50, 0, 0, 0, 0, -1);
        ServerStats after = new ServerStats(0, 130, 60, 0, 0, 0, 0, -1);
        assertEquals(0.25, after.kernelShareSince(before), 1e-9);
        assertTrue(Double.isNaN(new ServerStats(0, -1, -1, 0, 0, 0, 0, -1).kernelShareSince(before)));
    }

    @Test
    void otherLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ServerStats.decode("ready 8443"));
        assertThrows(IllegalArgumentException.class, () -> ServerStats.decode("stats cpu=1"));
    }
}
