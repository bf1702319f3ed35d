package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.learnlib.query.DefaultQuery;
import de.learnlib.sul.SUL;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.alphabet.impl.Alphabets;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import org.junit.jupiter.api.Test;

/** The guard against non-determinism, on simulated targets whose answers the test scripts. */
final class NondeterminismGuardTest {
    private static final Alphabet<String> AB = Alphabets.fromList(List.of("a", "b", "c"));
    private static final LearnSettings ONE_THREAD = LearnSettings.defaults().withThreads(1);

    /** A target that gives each query (pre .. post) the next scripted answer word. */
    private static final class ScriptedSul implements SUL<String, String> {
        private final Deque<List<String>> answers;
        private List<String> current;
        private int position;

        ScriptedSul(List<List<String>> answers) {
            this.answers = new ArrayDeque<>(answers);
        }

        @Override
        public void pre() {
            current = answers.removeFirst();
            position = 0;
        }

        @Override
        public String step(String input) {
            return current.get(position++);
        }

        @Override
        public void post() {
        }
    }

    /** The spec's machine as a target, with each step's output replaced by "Nothing" at random. */
    private static final class FlakySul implements SUL<String, String> {
        private final CompactMealy<String, String> machine;
        private final Random random;
        private final double flakiness;
        private Integer state;

        FlakySul(CompactMealy<String, String> machine, long seed, double flakiness) {
            this.machine = machine;
            this.random = new Random(seed);
            this.flakiness = flakiness;
        }

        @Override
        public void pre() {
            state = machine.getInitialState();
        }

        @Override
        public String step(String input) {
            String output = machine.getOutput(state, input);
            state = machine.getSuccessor(state, input);
            return random.nextDouble() < flakiness ? MapperOutputs.NOTHING : output;
        }

        @Override
        public void post() {
        }
    }

    /** The spec's machine as a target whose very first query gets "Nothing" for every step: an early outlier. */
    private static final class FirstAnswerWrongSul implements SUL<String, String> {
        private final CompactMealy<String, String> machine;
        private int queries;
        private Integer state;

        FirstAnswerWrongSul(CompactMealy<String, String> machine) {
            this.machine = machine;
        }

        @Override
        public void pre() {
            queries++;
            state = machine.getInitialState();
        }

        @Override
        public String step(String input) {
            String output = machine.getOutput(state, input);
            state = machine.getSuccessor(state, input);
            return queries == 1 ? MapperOutputs.NOTHING : output;
        }

        @Override
        public void post() {
        }
    }

    private static List<Word<String>> ask(List<List<String>> script, List<Word<String>> words) {
        QueryBudget budget = new QueryBudget(1000, Duration.ofMinutes(1), System.nanoTime());
        try (ParallelSulRunner<String, String> runner = new ParallelSulRunner<>(new ScriptedSul(script), 1, budget)) {
            NondeterminismGuard<String, String> guard = new NondeterminismGuard<>(AB, runner);
            List<Word<String>> outputs = new ArrayList<>();
            for (Word<String> word : words) {
                DefaultQuery<String, Word<String>> query = new DefaultQuery<>(word);
                guard.processQuery(query);
                outputs.add(query.getOutput());
            }
            return outputs;
        }
    }

    @Test
    void anOutlierAnswerIsRepeatedAndTheMajorityUsed() {
        QueryBudget budget = new QueryBudget(1000, Duration.ofMinutes(1), System.nanoTime());
        ScriptedSul sul = new ScriptedSul(List.of(List.of("x", "y"), List.of("z", "q"), List.of("x", "q"),
                List.of("x", "q"), List.of("z", "q"), List.of("x", "q"), List.of("x", "q")));
        try (ParallelSulRunner<String, String> runner = new ParallelSulRunner<>(sul, 1, budget)) {
            NondeterminismGuard<String, String> guard = new NondeterminismGuard<>(AB, runner);
            assertEquals(Word.fromSymbols("x", "y"), guard.answerQuery(Word.fromSymbols("a", "b")));
            // "z" contradicts the "x" the learner was told for "a": 5 repeats, 4 of them say x q.
            assertEquals(Word.fromSymbols("x", "q"), guard.answerQuery(Word.fromSymbols("a", "c")));
            assertEquals(1, guard.seen().size());
            Nondeterminism seen = guard.seen().get(0);
            assertTrue(seen.resolved());
            assertEquals(List.of("a", "c"), seen.word());
            assertEquals(Map.of(List.of("z", "q"), 2, List.of("x", "q"), 4), seen.answers());
            assertEquals(7, budget.queries());
        }
    }

    @Test
    void withoutAFourInFiveMajorityLearningStops() {
        List<List<String>> script = List.of(List.of("x", "y"), List.of("z", "q"), List.of("x", "q"),
                List.of("z", "q"), List.of("x", "q"), List.of("z", "q"), List.of("x", "q"));
        NondeterministicTargetException e = assertThrows(NondeterministicTargetException.class,
                () -> ask(script, List.of(Word.fromSymbols("a", "b"), Word.fromSymbols("a", "c"))));
        assertFalse(e.nondeterminism().resolved());
        assertEquals(Map.of(List.of("z", "q"), 3, List.of("x", "q"), 3), e.nondeterminism().answers());
    }

    @Test
    void aMajorityThatContradictsWhatTheLearnerWasToldStopsLearning() {
        // The first answer for "a" was the outlier: the learner already used it, so no model can be trusted.
        List<List<String>> script = List.of(List.of("x", "y"), List.of("z", "q"), List.of("z", "q"),
                List.of("z", "q"), List.of("z", "q"), List.of("z", "q"), List.of("z", "q"));
        NondeterministicTargetException e = assertThrows(NondeterministicTargetException.class,
                () -> ask(script, List.of(Word.fromSymbols("a", "b"), Word.fromSymbols("a", "c"))));
        assertFalse(e.nondeterminism().resolved());
        assertTrue(e.getMessage().contains("contradicts an earlier answer"), e.getMessage());
    }

    @Test
    void consistentAnswersAreNotRepeated() {
        List<List<String>> script = List.of(List.of("x", "y"), List.of("x", "q"));
        assertEquals(List.of(Word.fromSymbols("x", "y"), Word.fromSymbols("x", "q")),
                ask(script, List.of(Word.fromSymbols("a", "b"), Word.fromSymbols("a", "c"))));
    }

    @Test
    void aFlakyTargetGivesAnExceptionNotAModel() {
        SpecModel spec = SpecModel.server();
        assertThrows(NondeterministicTargetException.class,
                () -> Learner.learn(new FlakySul(spec.machine(), 7, 0.3), spec, ONE_THREAD));
    }

    @Test
    void anAttemptThatMetAnEarlyOutlierIsStartedOverOnTheNextTarget() {
        SpecModel spec = SpecModel.server();
        List<Integer> attempts = new ArrayList<>();
        LearnedModel learned = Learner.learnPatiently(attempt -> {
            attempts.add(attempt);
            return attempt == 0 ? new FirstAnswerWrongSul(spec.machine()) : new FlakySul(spec.machine(), 7, 0);
        }, attempt -> "patience " + attempt, spec, ONE_THREAD);
        assertEquals(List.of(0, 1), attempts);
        assertNull(Automata.findSeparatingWord(learned.machine(), spec.machine(), spec.inputs()));
        assertEquals(1, learned.statistics().nondeterminism().size());
        assertFalse(learned.statistics().nondeterminism().get(0).resolved());
        assertTrue(learned.statistics().bounds().endsWith("; attempt 2 of 3 after non-determinism, patience 1"),
                learned.statistics().bounds());
    }

    @Test
    void afterTheLastAttemptNonDeterminismIsAnException() {
        SpecModel spec = SpecModel.server();
        List<Integer> attempts = new ArrayList<>();
        assertThrows(NondeterministicTargetException.class, () -> Learner.learnPatiently(attempt -> {
            attempts.add(attempt);
            return new FirstAnswerWrongSul(spec.machine());
        }, attempt -> "", spec, ONE_THREAD));
        assertEquals(List.of(0, 1, 2), attempts);
    }

    @Test
    void aDeterministicSimulatedServerIsLearnedExactly() {
        SpecModel spec = SpecModel.server();
        LearnedModel learned = Learner.learn(new FlakySul(spec.machine(), 7, 0), spec, ONE_THREAD);
        assertNull(Automata.findSeparatingWord(learned.machine(), spec.machine(), spec.inputs()));
        assertTrue(learned.statistics().nondeterminism().isEmpty());
        assertFalse(learned.statistics().boundReached());
    }

    @Test
    void theQueryBoundStopsTheSearchWithTheLastHypothesis() {
        SpecModel spec = SpecModel.server();
        LearnedModel learned = Learner.learn(new FlakySul(spec.machine(), 7, 0), spec,
                ONE_THREAD.withBounds(1, Duration.ofMinutes(1)));
        assertTrue(learned.statistics().boundReached());
        assertTrue(learned.machine().size() >= 1);
        assertEquals("max 1 queries, 1m, 1 connections, 300 random Wp tests per hypothesis",
                learned.statistics().bounds());
    }
}
