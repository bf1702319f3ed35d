package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.learnlib.acex.AcexAnalyzers;
import de.learnlib.algorithm.ttt.mealy.TTTLearnerMealy;
import de.learnlib.filter.cache.mealy.MealyCacheOracle;
import de.learnlib.filter.cache.mealy.MealyCaches;
import de.learnlib.oracle.MembershipOracle.MealyMembershipOracle;
import de.learnlib.oracle.equivalence.MealyWpMethodEQOracle;
import de.learnlib.query.Query;
import de.learnlib.sul.SUL;
import de.learnlib.util.Experiment.MealyExperiment;
import io.secho.conformance.peer.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import net.automatalib.automaton.transducer.MealyMachine;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import net.automatalib.word.WordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 12 against a real client: TTT with a query cache and a Wp-method equivalence oracle learns the reference
 * client (in-process, over real TCP, through {@link ClientSul}) for suite x25519, and the learned machine is the
 * spec's Table 9 model. Figures (time, queries) are printed for the report; nothing here is timed.
 */
final class ClientLearningTest {
    /** Queries run side by side on forked SULs; each mostly waits out quiescence windows. */
    private static final int PARALLEL = 4;
    private static final int LOOKAHEAD = 1;

    /**
     * Runs batches of queries on forked SULs in parallel. A query whose prefix already ended the connection is
     * answered without running the client: after the end the mapper sends nothing and answers Closed, so the rest
     * of such a word is known (a property of the mapper, not an assumption about the client).
     */
    private static final class ParallelOracle implements MealyMembershipOracle<String, String>, AutoCloseable {
        private final BlockingQueue<SUL<String, String>> suls = new ArrayBlockingQueue<>(PARALLEL);
        private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        private final Map<Word<String>, Word<String>> ended = new ConcurrentHashMap<>();
        private final AtomicLong runs = new AtomicLong();
        private final AtomicLong symbols = new AtomicLong();

        ParallelOracle(SUL<String, String> sul) {
            suls.add(sul);
            for (int i = 1; i < PARALLEL; i++) {
                suls.add(sul.fork());
            }
        }

        @Override
        public void processQueries(Collection<? extends Query<String, Word<String>>> queries) {
            List<Future<?>> pending = new ArrayList<>();
            for (Query<String, Word<String>> query : queries) {
                pending.add(pool.submit(() -> {
                    query.answer(answer(query.getPrefix(), query.getSuffix()));
                    return null;
                }));
            }
            for (Future<?> future : pending) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }

        private Word<String> answer(Word<String> prefix, Word<String> suffix) throws InterruptedException {
            Word<String> word = prefix.concat(suffix);
            Word<String> all = known(word);
            if (all == null) {
                all = run(word);
            }
            return all.suffix(suffix.length());
        }

        private Word<String> known(Word<String> word) {
            for (int length = 1; length <= word.length(); length++) {
                Word<String> outputs = ended.get(word.prefix(length));
                if (outputs != null) {
                    WordBuilder<String> all = new WordBuilder<>(outputs);
                    all.repeatAppend(word.length() - length, ClientOutputs.CLOSED);
                    return all.toWord();
                }
            }
            return null;
        }

        private Word<String> run(Word<String> word) throws InterruptedException {
            SUL<String, String> sul = suls.take();
            try {
                runs.incrementAndGet();
                symbols.addAndGet(word.length());
                sul.pre();
                WordBuilder<String> outputs = new WordBuilder<>();
                try {
                    for (String input : word) {
                        String output = sul.step(input);
                        outputs.append(output);
                        if (output.endsWith(ClientOutputs.FIN) || output.endsWith(ClientOutputs.RESET)) {
                            ended.put(word.prefix(outputs.size()), outputs.toWord());
                        }
                    }
                } finally {
                    sul.post();
                }
                return outputs.toWord();
            } finally {
                suls.add(sul);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    @Test
    void learningTheReferenceClientGivesTheSpecModel(@TempDir Path dir) throws IOException {
        Path pskFile = dir.resolve("psk.hex");
        byte[] psk = new byte[32];
        Files.writeString(pskFile, "00".repeat(32) + "\n");
        SpecModel spec = SpecModel.client();
        ClientSul sul = new ClientSul(ClientUnderTest.InProcessReference.standard(), Suite.X25519, psk, pskFile,
                ClientSul.Settings.defaults());

        long start = System.nanoTime();
        MealyMachine<?, String, ?, String> learned;
        ParallelOracle oracle = new ParallelOracle(sul);
        try (oracle) {
            MealyCacheOracle<String, String> cache = MealyCaches.createCache(spec.inputs(), oracle);
            TTTLearnerMealy<String, String> learner =
                    new TTTLearnerMealy<>(spec.inputs(), cache, AcexAnalyzers.BINARY_SEARCH_FWD);
            MealyExperiment<String, String> experiment =
                    new MealyExperiment<>(learner, new MealyWpMethodEQOracle<>(cache, LOOKAHEAD), spec.inputs());
            learned = experiment.run();
            System.out.printf("client learning (x25519, in-process reference, %d parallel, quiet %d ms): %d states, "
                            + "%d equivalence rounds, %d client runs, %d input symbols, %.1f s%n", PARALLEL,
                    ClientSul.Settings.DEFAULT_QUIET.toMillis(), learned.size(), experiment.getRounds().getCount(),
                    oracle.runs.get(), oracle.symbols.get(), Duration.ofNanos(System.nanoTime() - start).toMillis()
                            / 1000.0);
        }
        Word<String> difference = Automata.findSeparatingWord(learned, spec.machine(), spec.inputs());
        assertNull(difference, () -> "learned differs from the spec at " + difference + ": learned "
                + learned.computeOutput(difference) + ", spec " + spec.machine().computeOutput(difference));
        assertEquals(5, learned.size());
        assertTrue(oracle.runs.get() > 0);
    }
}
