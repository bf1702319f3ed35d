package io.secho.bench.server;

import java.util.HashMap;
import java.util.Map;

/**
 * What a server process reports about itself on request.
 *
 * @param cpuNanos CPU time of the whole server process so far
 * @param rssKib resident set size from /proc/self/status, or -1 where that file does not exist
 * @param heapUsedBytes heap in use (after a collection when the request asked for one)
 * @param connections connections the server is serving right now
 * @param userTicks user-mode CPU time in clock ticks, from /proc/self/stat (-1 elsewhere)
 * @param systemTicks kernel-mode CPU time in the same ticks: with {@code userTicks}, the kernel's share
 * @param fullHandshakes TLS only: handshakes in which the server signed with its private key, which a
 *     resumed session never does; for Secho every handshake is full and this is -1
 */
public record ServerStats(long cpuNanos, long userTicks, long systemTicks, long rssKib, long heapUsedBytes,
                          int threads, int connections, long fullHandshakes) {
    /** The first word of a stats line. */
    public static final String PREFIX = "stats";

    public String encode() {
        return PREFIX + " cpu=" + cpuNanos + " user=" + userTicks + " system=" + systemTicks + " rss=" + rssKib
                + " heap=" + heapUsedBytes + " threads=" + threads + " connections=" + connections
                + " full=" + fullHandshakes;
    }

    /** @throws IllegalArgumentException if the line is not one {@link #encode} wrote */
    public static ServerStats decode(String line) {
        String[] words = line.strip().split(" ");
        if (words.length != 9 || !words[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a stats line: " + line);
        }
        Map<String, Long> values = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            String[] pair = words[i].split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("not a stats line: " + line);
            }
            values.put(pair[0], Long.parseLong(pair[1]));
        }
        return new ServerStats(get(values, "cpu", line), get(values, "user", line), get(values, "system", line),
                get(values, "rss", line), get(values, "heap", line),
                (int) get(values, "threads", line), (int) get(values, "connections", line), get(values, "full", line));
    }

    /** The share of the CPU time between {@code earlier} and this spent in the kernel; NaN if unknown. */
    public double kernelShareSince(ServerStats earlier) {
        long user = userTicks - earlier.userTicks;
        long system = systemTicks - earlier.systemTicks;
        return userTicks < 0 || user + system <= 0 ? Double.NaN : system / (double) (user + system);
    }

    private static long get(Map<String, Long> values, String key, String line) {
        Long value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("stats line lacks " + key + ": " + line);
        }
        return value;
    }
}
