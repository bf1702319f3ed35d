package io.secho.bench;

import io.secho.bench.load.EchoSession;
import io.secho.bench.load.EchoTarget;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.Report;
import io.secho.bench.report.Unit;
import io.secho.bench.server.ServerHandle;
import io.secho.bench.server.ServerStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How many established, idle sessions one server process holds, and what each costs it. The sessions
 * are opened until the target count or the first failure (often the open-file limit), which is reported
 * instead of crashing the run.
 */
final class IdleBenchmark {
    private static final String SECTION = FigureNames.IDLE;
    private static final String PHASE = "idle";
    private static final int OPENERS = 4;
    private static final int LIVENESS_SAMPLES = 100;
    private static final Duration OPEN_TIME_LIMIT = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PING".getBytes(StandardCharsets.US_ASCII);

    private IdleBenchmark() {
    }

    static void run(int target, Report report, Progress progress, ServerHandle server, EchoTarget sessions,
                    long openFileLimit, PhaseProfiles profiles) throws IOException, InterruptedException {
        ServerStats baseline = server.statsAfterGc();
        progress.say("idle: opening " + target + " Secho sessions (x25519) and leaving them idle");
        ConcurrentLinkedQueue<EchoSession> open = new ConcurrentLinkedQueue<>();
        AtomicReference<String> stopReason = new AtomicReference<>();
        long began = System.nanoTime();
        profiles.start(server, PHASE + "-open");
        try {
            openConcurrently(sessions, target, open, stopReason);
        } finally {
            profiles.end(server, PHASE + "-open");
        }
        double openSeconds = (System.nanoTime() - began) / 1e9;
        List<EchoSession> held = new ArrayList<>(open);
        try {
            Thread.sleep(SETTLE.toMillis());
            ServerStats loaded = server.statsAfterGc();
            profiles.memory(server, PHASE);
            int alive = checkAlive(held);
            int checked = Math.min(LIVENESS_SAMPLES, held.size());
            int count = held.size();
            String limitNote = stopReason.get() == null
                    ? String.format(Locale.ROOT, "target %,d reached", target)
                    : String.format(Locale.ROOT, "target %,d; stopped at the first failure: %s", target, stopReason.get());
            report.add(Figure.of(SECTION, FigureNames.IDLE_HELD, count, Unit.COUNT, limitNote + "; "
                    + alive + " of " + checked + " sampled still echo; open-file limit " + openFileLimit
                    + " per process; server reports " + loaded.connections() + " connections"));
            if (count == 0) {
                return;
            }
            if (loaded.rssKib() >= 0) {
                report.add(Figure.of(SECTION, FigureNames.IDLE_RSS,
                        (loaded.rssKib() - baseline.rssKib()) / (double) count, Unit.KIBIBYTES,
                        String.format(Locale.ROOT, "RSS %,d MiB with %,d sessions, %,d MiB without",
                                loaded.rssKib() / 1024, count, baseline.rssKib() / 1024)));
            }
            report.add(Figure.of(SECTION, "server heap per idle session (after GC)",
                    (loaded.heapUsedBytes() - baseline.heapUsedBytes()) / 1024.0 / count, Unit.KIBIBYTES,
                    "heap in use after a full GC, minus the same before"));
            report.add(Figure.of(SECTION, FigureNames.IDLE_THREADS, loaded.threads(), Unit.COUNT,
                    String.format(Locale.ROOT, "live Java threads of the server process; %,d before the sessions",
                            baseline.threads())));
            report.add(Figure.of(SECTION, "time to open them", openSeconds, Unit.SECONDS,
                    OPENERS + " client threads, a full x25519 handshake each"));
        } finally {
            progress.say("idle: closing " + held.size() + " sessions");
            closeConcurrently(held);
        }
    }

    private static void openConcurrently(EchoTarget target, int count, ConcurrentLinkedQueue<EchoSession> open,
                                         AtomicReference<String> stopReason) throws InterruptedException {
        AtomicInteger claimed = new AtomicInteger();
        long deadline = System.nanoTime() + OPEN_TIME_LIMIT.toNanos();
        List<Thread> openers = new ArrayList<>();
        for (int i = 0; i < OPENERS; i++) {
            Thread thread = new Thread(() -> {
                while (stopReason.get() == null && claimed.getAndIncrement() < count) {
                    if (System.nanoTime() > deadline) {
                        stopReason.compareAndSet(null, "not all open within " + OPEN_TIME_LIMIT.toMinutes() + " min");
                        return;
                    }
                    try {
                        open.add(target.open());
                    } catch (IOException | RuntimeException e) {
                        stopReason.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                }
            }, "idle-opener");
            thread.setDaemon(true);
            openers.add(thread);
            thread.start();
        }
        for (Thread thread : openers) {
            thread.join();
        }
    }

    /** Echoes once on evenly spread sessions: an idle session the server dropped would fail here. */
    private static int checkAlive(List<EchoSession> held) {
        int alive = 0;
        int step = Math.max(1, held.size() / LIVENESS_SAMPLES);
        for (int i = 0, checked = 0; i < held.size() && checked < LIVENESS_SAMPLES; i += step, checked++) {
            try {
                if (Arrays.equals(held.get(i).echo(PING), PONG)) {
                    alive++;
                }
            } catch (IOException | RuntimeException e) {
                // Counted as not alive.
            }
        }
        return alive;
    }

    private static void closeConcurrently(List<EchoSession> held) throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < OPENERS; i++) {
            int first = i;
            Thread thread = new Thread(() -> {
                for (int j = first; j < held.size(); j += OPENERS) {
                    try {
                        held.get(j).close();
                    } catch (IOException | RuntimeException ignored) {
                        // Over either way.
                    }
                }
            }, "idle-closer");
            thread.setDaemon(true);
            closers.add(thread);
            thread.start();
        }
        for (Thread thread : closers) {
            thread.join();
        }
    }
}
