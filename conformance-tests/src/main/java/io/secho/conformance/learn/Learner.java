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
import java.util.Random;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.MealyMachine;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.copy.AutomatonCopyMethod;
import net.automatalib.util.automaton.copy.AutomatonLowLevelCopy;
import net.automatalib.word.Word;

/**
 * One learning run: TTT over a Mealy query cache over the non-determinism guard over the target, membership
 * queries in parallel on forked SULs. Equivalence: first every transition of the spec model, then a randomized
 * Wp method; the query and time bounds stop the search with the last hypothesis and say so.
 */
public final class Learner {
    /**
     * Random test words handed to the connections at once: a batch waits for its slowest word, so a batch of
     * several words per connection keeps every connection busy (measured in the step 12 report).
     */
    static final int EQUIVALENCE_BATCH_PER_CONNECTION = 8;

    private Learner() {
    }

    /** Learns a server through the mapper over {@code alphabet} (see {@link ServerAlphabet#forSuites}). */
    public static LearnedModel learnServer(ServerMapper mapper, Alphabet<String> alphabet, LearnSettings settings) {
        return learn(new ServerSul(mapper), ServerAlphabet.specModel(alphabet), settings);
    }

    /**
     * Learns {@code sul} over the spec model's inputs.
     *
     * @throws NondeterministicTargetException when the target's answers are too inconsistent to learn from
     */
    public static LearnedModel learn(SUL<String, String> sul, SpecModel spec, LearnSettings settings) {
        long start = System.nanoTime();
        Alphabet<String> alphabet = spec.inputs();
        QueryBudget budget = new QueryBudget(settings.maxQueries(), settings.timeLimit(), start);
        try (ParallelSulRunner<String, String> runner = new ParallelSulRunner<>(sul, settings.threads(), budget)) {
            NondeterminismGuard<String, String> guard = new NondeterminismGuard<>(alphabet, runner);
            MealyCacheOracle<String, String> cache = MealyCaches.createCache(alphabet, guard);
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
            boolean boundReached = false;
            try {
                while (true) {
                    rounds++;
                    DefaultQuery<String, Word<String>> counterexample =
                            equivalence.findCounterExample(learner.getHypothesisModel(), alphabet);
                    if (counterexample == null) {
                        break;
                    }
                    learner.refineHypothesis(counterexample);
                    hypothesis = copy(learner.getHypothesisModel(), alphabet);
                }
            } catch (QueryBudget.Exhausted e) {
                boundReached = true;
            }
            LearnStatistics statistics = new LearnStatistics(budget.queries(), budget.symbols(), rounds,
                    Duration.ofNanos(System.nanoTime() - start), boundReached, settings.describeBounds(),
                    guard.seen());
            return new LearnedModel(hypothesis, alphabet, statistics);
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
