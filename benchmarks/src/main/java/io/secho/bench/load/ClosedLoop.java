package io.secho.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Closed-loop load: each thread repeats one operation back to back. All threads share one clock: a
 * warm-up window whose results are dropped, then the measured window; an operation counts only if it
 * began and ended inside the measured window.
 */
public final class ClosedLoop {
    /** After this many failures in a row a thread gives up: the server is not answering at all. */
    private static final int MAX_CONSECUTIVE_ERRORS = 100;
    /** Time for every thread to be ready before the shared clock starts. */
    private static final Duration START_DELAY = Duration.ofMillis(50);

    /** One thread's operation; returns the payload bytes it moved (0 for a handshake). */
    @FunctionalInterface
    public interface Step {
        long run() throws IOException;
    }

    /** Called by the coordinating thread at the edges of the measured window. */
    public interface Window {
        void started() throws IOException;

        void ended() throws IOException;
    }

    /**
     * @param stopOnError true when a failed step leaves the thread without a usable session (echo)
     */
    public static LoopResult run(List<Step> steps, Duration warmup, Duration measure, boolean stopOnError, Window window)
            throws IOException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(steps.size());
        long start = System.nanoTime() + START_DELAY.toNanos();
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (Step step : steps) {
            Worker worker = new Worker(step, start, measureStart, measureEnd, stopOnError, ready);
            workers.add(worker);
            worker.thread.start();
        }
        ready.await();
        sleepUntil(measureStart);
        window.started();
        sleepUntil(measureEnd);
        window.ended();
        for (Worker worker : workers) {
            worker.thread.join();
        }
        long operations = 0;
        long allOperations = 0;
        long bytes = 0;
        long errors = 0;
        Optional<String> firstError = Optional.empty();
        List<LatencyLog> logs = new ArrayList<>();
        for (Worker worker : workers) {
            operations += worker.operations;
            allOperations += worker.allOperations;
            bytes += worker.bytes;
            errors += worker.errors;
            if (firstError.isEmpty() && worker.firstError != null) {
                firstError = Optional.of(worker.firstError);
            }
            logs.add(worker.latencies);
        }
        return new LoopResult(operations, allOperations, bytes, errors, firstError, measure.toNanos() / 1e9, LatencyLog.merge(logs));
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static final class Worker implements Runnable {
        final Thread thread = new Thread(this, "load");
        final LatencyLog latencies = new LatencyLog();
        private final Step step;
        private final long start;
        private final long measureStart;
        private final long measureEnd;
        private final boolean stopOnError;
        private final CountDownLatch ready;
        long operations;
        long allOperations;
        long bytes;
        String firstError;
        long errors;

        Worker(Step step, long start, long measureStart, long measureEnd, boolean stopOnError, CountDownLatch ready) {
            this.step = step;
            this.start = start;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
            this.stopOnError = stopOnError;
            this.ready = ready;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ready.countDown();
            try {
                sleepUntil(start);
            } catch (InterruptedException e) {
                return;
            }
            int consecutiveErrors = 0;
            while (true) {
                long began = System.nanoTime();
                if (began >= measureEnd) {
                    return;
                }
                long moved;
                try {
                    moved = step.run();
                    consecutiveErrors = 0;
                } catch (IOException | RuntimeException e) {
                    if (began >= measureStart) {
                        errors++;
                    }
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                    if (stopOnError || ++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                        return;
                    }
                    continue;
                }
                long ended = System.nanoTime();
                allOperations++;
                if (began >= measureStart && ended <= measureEnd) {
                    operations++;
                    bytes += moved;
                    latencies.add(ended - began);
                }
            }
        }
    }

    private ClosedLoop() {
    }
}
