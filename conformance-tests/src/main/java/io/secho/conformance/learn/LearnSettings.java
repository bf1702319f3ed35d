package io.secho.conformance.learn;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The bounds and knobs of one learning run.
 *
 * @param maxQueries queries to the target (after the cache) before the search stops with what it has
 * @param timeLimit wall time before the search stops with what it has
 * @param threads connections the membership queries run on in parallel (queries wait on quiet periods, not CPU)
 * @param randomTests test words of the randomized Wp method per hypothesis
 * @param randomMinLength shortest random middle part of a Wp test word
 * @param randomExpectedLength expected length of the random middle part
 * @param seed the seed of the randomized equivalence test
 * @param attempts how many times a server is learned, each with twice the quiet period, while non-determinism
 *     stops an attempt
 */
public record LearnSettings(int maxQueries, Duration timeLimit, int threads, int randomTests, int randomMinLength,
        int randomExpectedLength, long seed, int attempts) {
    public static final int DEFAULT_MAX_QUERIES = 20_000;
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(10);
    /**
     * Queries sleep through quiet periods, so connections, not cores, bound the speed: learning the reference
     * (all suites) on 2 cores took 9.9 s with 4, 5.1 s with 8, 2.8 s with 16. Eight keeps well inside any sane
     * connection limit (REQ-LIM-4: a full server answers busy, which would read as non-determinism).
     */
    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_RANDOM_TESTS = 300;
    public static final int DEFAULT_RANDOM_MIN_LENGTH = 0;
    public static final int DEFAULT_RANDOM_EXPECTED_LENGTH = 3;
    public static final long DEFAULT_SEED = 12;
    /** 200, 400, 800 ms with the mapper's default quiet period. */
    public static final int DEFAULT_ATTEMPTS = 3;

    public LearnSettings {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (maxQueries < 1 || threads < 1 || attempts < 1 || randomTests < 0 || randomMinLength < 0
                || randomExpectedLength < 1
                || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("learn settings out of range: " + this);
        }
    }

    public static LearnSettings defaults() {
        return new LearnSettings(DEFAULT_MAX_QUERIES, DEFAULT_TIME_LIMIT, DEFAULT_THREADS, DEFAULT_RANDOM_TESTS,
                DEFAULT_RANDOM_MIN_LENGTH, DEFAULT_RANDOM_EXPECTED_LENGTH, DEFAULT_SEED, DEFAULT_ATTEMPTS);
    }

    public LearnSettings withBounds(int queries, Duration time) {
        return new LearnSettings(queries, time, threads, randomTests, randomMinLength, randomExpectedLength, seed,
                attempts);
    }

    public LearnSettings withThreads(int value) {
        return new LearnSettings(maxQueries, timeLimit, value, randomTests, randomMinLength, randomExpectedLength, seed,
                attempts);
    }

    public LearnSettings withAttempts(int value) {
        return new LearnSettings(maxQueries, timeLimit, threads, randomTests, randomMinLength, randomExpectedLength,
                seed, value);
    }

    public LearnSettings withRandomTests(int value) {
        return new LearnSettings(maxQueries, timeLimit, threads, value, randomMinLength, randomExpectedLength, seed,
                attempts);
    }

    public LearnSettings withSeed(long value) {
        return new LearnSettings(maxQueries, timeLimit, threads, randomTests, randomMinLength, randomExpectedLength,
                value, attempts);
    }

    /** The bounds as the report states them. */
    public String describeBounds() {
        return "max " + maxQueries + " queries, " + timeLimit.toString().substring(2).toLowerCase(Locale.ROOT)
                + ", " + threads + " connections, " + randomTests + " random Wp tests per hypothesis";
    }
}
