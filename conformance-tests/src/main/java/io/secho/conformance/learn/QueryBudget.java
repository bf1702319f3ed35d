package io.secho.conformance.learn;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the queries and symbols sent to the target and says when the bounds are used up. Until armed (the
 * first hypothesis exists) it only counts: a bound can cut the search short, never leave it without a model.
 * One budget covers every attempt of a run.
 */
final class QueryBudget {
    /** Thrown out of an oracle when the bounds are used up; the learner keeps its last hypothesis. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted(String message) {
            super(message, null, false, false);
        }
    }

    private final long maxQueries;
    private final long deadline;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong symbols = new AtomicLong();
    private volatile boolean armed;

    QueryBudget(long maxQueries, Duration timeLimit, long startNanos) {
        this.maxQueries = maxQueries;
        this.deadline = startNanos + timeLimit.toNanos();
    }

    void arm() {
        armed = true;
    }

    /** A new attempt (after non-determinism) may finish its first hypothesis whatever the bounds. */
    void disarm() {
        armed = false;
    }

    /** Before a query of {@code length} symbols goes out. */
    void spend(int length) {
        if (armed && (queries.get() >= maxQueries || System.nanoTime() - deadline >= 0)) {
            throw new Exhausted("query or time bound reached after " + queries.get() + " queries");
        }
        queries.incrementAndGet();
        symbols.addAndGet(length);
    }

    long queries() {
        return queries.get();
    }

    long symbols() {
        return symbols.get();
    }
}
