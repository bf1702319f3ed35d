package io.secho.conformance.learn;

import de.learnlib.acex.AcexAnalyzers;
import de.learnlib.algorithm.ttt.mealy.TTTLearnerMealy;
import de.learnlib.filter.cache.mealy.MealyCacheOracle;
import de.learnlib.filter.cache.mealy.MealyCaches;
import de.learnlib.oracle.equivalence.MealyEQOracleChain;
import de.learnlib.oracle.equivalence.MealyRandomWpMethodEQOracle;
import de.learnlib.query.DefaultQuery;
import de.learnlib.sul.SUL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.MealyMachine;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.copy.AutomatonCopyMethod;
import net.automatalib.util.automaton.copy.AutomatonLowLevelCopy;
import net.automatalib.word.Word;

/**
 * One learning run: TTT over a Mealy query cache over the non-determinism guard over the target, membership
 * queries in parallel on forked SULs. Equivalence: first every transition of the spec model, then a randomized
 * Wp method; the query and time bounds stop the search with the last hypothesis and say so. Non-determinism
 * the guard cannot settle ends an attempt; a server is then learned again with more patience.
 */
public final class Learner {
    /**
     * Random test words handed to the connections at once: a batch waits for its slowest word, so a batch of
     * several words per connection keeps every connection busy (measured in the step 12 report).
     */
    static final int EQUIVALENCE_BATCH_PER_CONNECTION = 8;

    private Learner() {
    }

    /**
     * Learns a server through the mapper over {@code alphabet} (see {@link ServerAlphabet#forSuites}). When the
     * answers are too inconsistent to learn from, it starts over with the quiet period doubled, up to
     * {@link #ATTEMPTS} attempts in all: a quiet period too short for a loaded machine is the usual cause.
     *
     * @throws NondeterministicTargetException when even the last attempt met non-determinism it could not settle
     */
    public static LearnedModel learnServer(ServerMapper mapper, Alphabet<String> alphabet, LearnSettings settings) {
        ServerMapperSettings first = mapper.settings();
        return learnPatiently(attempt -> attempt == 0 ? new ServerSul(mapper) : new ServerSul(new ServerMapper(
                first.withQuietPeriod(first.quietPeriod().multipliedBy(1L << attempt)))),
                attempt -> "quiet period " + first.quietPeriod().multipliedBy(1L << attempt).toMillis() + " ms",
                ServerAlphabet.specModel(alphabet), settings);
    }

    /**
     * Learns a client, each question a run of the client under test against a test server. As for a server, an
     * attempt that meets non-determinism it cannot settle is started over with the quiet period doubled: a client
     * whose JVM is still cold answers its first messages slowly.
     *
     * @param sul the first attempt's; later attempts get its settings with the quiet period doubled each time
     * @throws NondeterministicTargetException when even the last attempt met non-determinism it could not settle
     */
    public static LearnedModel learnClient(ClientSul sul, LearnSettings settings) {
        Duration first = sul.settings().quiet();
        return learnPatiently(attempt -> attempt == 0 ? sul : sul.withQuiet(first.multipliedBy(1L << attempt)),
                attempt -> "quiet period " + first.multipliedBy(1L << attempt).toMillis() + " ms", SpecModel.client(),
                settings);
    }

    /**
     * Learns {@code sul} over the spec model's inputs, in one attempt.
     *
     * @throws NondeterministicTargetException when the target's answers are too inconsistent to learn from
     */
    public static LearnedModel learn(SUL<String, String> sul, SpecModel spec, LearnSettings settings) {
        return learnPatiently(attempt -> sul, attempt -> "", spec, settings.withAttempts(1));
    }

    /**
     * Attempts one after another, each on the target {@code attempts} gives for its number (0, 1, ...), until one
     * learns without unsettled non-determinism; the bounds and the statistics cover all attempts together.
     *
     * @param describe what differs in attempt n, for the report's bounds ("" when nothing does)
     */
    static LearnedModel learnPatiently(IntFunction<SUL<String, String>> attempts, IntFunction<String> describe,
            SpecModel spec, LearnSettings settings) {
        long start = System.nanoTime();
        QueryBudget budget = new QueryBudget(settings.maxQueries(), settings.timeLimit(), start);
        List<Nondeterminism> seen = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            try {
                Attempt done = attempt(attempts.apply(attempt), spec, settings, budget, seen);
                String bounds = settings.describeBounds() + (attempt == 0 ? "" : "; attempt " + (attempt + 1)
                        + " of " + settings.attempts() + " after non-determinism, " + describe.apply(attempt));
                LearnStatistics statistics = new LearnStatistics(budget.queries(), budget.symbols(), done.rounds(),
                        Duration.ofNanos(System.nanoTime() - start), done.boundReached(), bounds, seen);
                return new LearnedModel(done.machine(), spec.inputs(), statistics);
            } catch (NondeterministicTargetException e) {
                if (attempt + 1 >= settings.attempts() || System.nanoTime() - start >= settings.timeLimit().toNanos()) {
                    throw e;
                }
            }
        }
    }

    private record Attempt(CompactMealy<String, String> machine, int rounds, boolean boundReached) {
    }

    private static Attempt attempt(SUL<String, String> sul, SpecModel spec, LearnSettings settings, QueryBudget budget,
            List<Nondeterminism> seen) {
        Alphabet<String> alphabet = spec.inputs();
        budget.disarm();
        try (ParallelSulRunner<String, String> runner = new ParallelSulRunner<>(sul, settings.threads(), budget)) {
            NondeterminismGuard<String, String> guard = new NondeterminismGuard<>(alphabet, runner, seen);
            MealyCacheOracle<String, String> cache =
                    MealyCaches.createCache(alphabet, new EndedConnectionOracle(guard));
            SpecTransitionOracle specCheck = new SpecTransitionOracle(spec, cache);
            MealyEQOracleChain<String, String> equivalence = new MealyEQOracleChain<>(specCheck,
                    new MealyRandomWpMethodEQOracle<>(cache, settings.randomMinLength(),
                            settings.randomExpectedLength(), settings.randomTests(), new Random(settings.seed()),
                            settings.threads() * EQUIVALENCE_BATCH_PER_CONNECTION));
            TTTLearnerMealy<String, String> learner =
                    new TTTLearnerMealy<>(alphabet, cache, AcexAnalyzers.BINARY_SEARCH_FWD);

            specCheck.warmUp();
            learner.startLearning();
            CompactMealy<String, String> hypothesis = copy(learner.getHypothesisModel(), alphabet);
            budget.arm();
            int rounds = 0;
            try {
                while (true) {
                    rounds++;
                    DefaultQuery<String, Word<String>> counterexample =
                            equivalence.findCounterExample(learner.getHypothesisModel(), alphabet);
                    if (counterexample == null) {
                        return new Attempt(hypothesis, rounds, false);
                    }
                    learner.refineHypothesis(counterexample);
                    hypothesis = copy(learner.getHypothesisModel(), alphabet);
                }
            } catch (QueryBudget.Exhausted e) {
                return new Attempt(hypothesis, rounds, true);
            }
        }
    }

    /** A snapshot: the learner's hypothesis is a live view that the next refinement changes. */
    private static <S, T> CompactMealy<String, String> copy(MealyMachine<S, String, T, String> hypothesis,
            Alphabet<String> alphabet) {
        CompactMealy<String, String> copy = new CompactMealy<>(alphabet);
        AutomatonLowLevelCopy.copy(AutomatonCopyMethod.STATE_BY_STATE, hypothesis, alphabet, copy);
        return copy;
    }
}
