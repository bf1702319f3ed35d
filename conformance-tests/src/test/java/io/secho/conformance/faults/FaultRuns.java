package io.secho.conformance.faults;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.targets.TargetConfig;
import io.secho.crypto.PreSharedKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole conformance suite, run in-process against a {@link FaultyServer} per fault, several faults
 * at once: each run has its own server on its own port and its own launcher, and the cases mostly wait
 * on sockets, so running a few side by side costs little CPU. The runs start when this is created and
 * stop by themselves (every case has its own time limit).
 */
final class FaultRuns implements AutoCloseable {
    static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    /** Per answer; well above a loaded machine's latency, well below the server's idle timeout. */
    static final String IO_TIMEOUT = "3000ms";
    /** Fixed, so a failure replays; no fault's verdict may depend on it (see {@link Fault#mayFail}). */
    static final String SEED = "4242";
    /**
     * Faults whose runs wait out many time limits: started first, so that the matrix ends soon after the
     * last of them instead of starting them last.
     */
    private static final List<Fault> SLOWEST_FIRST = List.of(Fault.NONE, Fault.ACCEPT_LOOP_DIES_ON_BAD_FIRST_FRAME,
            Fault.ONE_CONNECTION_AT_A_TIME, Fault.STAYS_OPEN_AFTER_ALERT);

    private final Path reportRoot;
    private final ExecutorService pool;
    private final Map<Fault, CompletableFuture<FaultRun>> runs = new EnumMap<>(Fault.class);

    FaultRuns(int concurrentRuns, Path reportRoot) {
        this.reportRoot = reportRoot;
        this.pool = Executors.newFixedThreadPool(concurrentRuns, runnable -> {
            Thread thread = new Thread(runnable, "fault-matrix-run");
            thread.setDaemon(true);
            return thread;
        });
        Set<Fault> order = new LinkedHashSet<>(SLOWEST_FIRST);
        order.addAll(List.of(Fault.values()));
        for (Fault fault : order) {
            runs.put(fault, CompletableFuture.supplyAsync(() -> run(fault), pool));
        }
    }

    /** Waits for the fault's run. */
    FaultRun await(Fault fault) {
        return runs.get(fault).join();
    }

    /** The runs finished so far, in the order of {@link Fault}. */
    List<FaultRun> finished() {
        return runs.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join).toList();
    }

    private FaultRun run(Fault fault) {
        long start = System.nanoTime();
        try {
            Path dir = Files.createDirectories(reportRoot.resolve(fault.name()));
            Path keyFile = Files.writeString(dir.resolve("psk.key"), KEY);
            try (FaultyServer server = new FaultyServer(fault, PreSharedKey.fromHex(KEY))) {
                RunSummary summary = runHarness(server.port(), keyFile, dir);
                return FaultRun.of(fault, summary, (System.nanoTime() - start) / 1_000_000, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(fault + ": could not run the harness", e);
        }
    }

    private static RunSummary runHarness(int port, Path keyFile, Path dir) {
        Map<String, String> parameters = Map.of(
                TargetConfig.TARGET, "127.0.0.1:" + port,
                TargetConfig.PSK_FILE, keyFile.toString(),
                TargetConfig.HANDSHAKE_TIMEOUT, FaultyServer.HANDSHAKE_TIMEOUT.toMillis() + "ms",
                TargetConfig.IDLE_TIMEOUT, FaultyServer.IDLE_TIMEOUT.toMillis() + "ms",
                TargetConfig.MAX_CONNECTIONS, Integer.toString(FaultyServer.MAX_CONNECTIONS),
                TargetConfig.IO_TIMEOUT, IO_TIMEOUT,
                TargetConfig.SEED, SEED,
                // Against a server that never closes, most cases wait out their I/O timeout: wait in parallel.
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "32");
        return InProcessHarness.summaryOnly(parameters, dir);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
