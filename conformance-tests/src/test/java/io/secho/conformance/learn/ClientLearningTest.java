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
import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.conformance.clients.ClientCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Step 12 against a real client: TTT with a query cache and a Wp-method equivalence oracle learns the reference
 * client (in-process, over real TCP, through {@link ClientSul}) for suite x25519, and the learned machine is the
 * spec's Table 9 model. Figures (time, queries) are printed for the report; nothing here is timed.
 */
final class ClientLearningTest {
    /** Queries run side by side on forked SULs; each mostly waits out quiescence windows. */
    private static final int PARALLEL = 4;
    private static final int LOOKAHEAD = 1;
    private static final byte[] PSK = HexFormat.of().parseHex("0123456789abcdef".repeat(4));

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
                    all.repeatAppend(word.length() - length, MapperOutputs.CLOSED);
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
                        if (output.endsWith(MapperOutputs.FIN) || output.endsWith(MapperOutputs.RESET)) {
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

    /** What one learning run gave. */
    private record Learned(MealyMachine<?, String, ?, String> machine, long runs) {
    }

    private static Path pskFile(Path dir) throws IOException {
        Path file = dir.resolve("psk.hex");
        Files.writeString(file, HexFormat.of().formatHex(PSK) + "\n");
        return file;
    }

    private static Learned learn(ClientUnderTest client, Path dir) throws IOException {
        SpecModel spec = SpecModel.client();
        ClientSul sul = new ClientSul(client, Suite.X25519, PSK, pskFile(dir), ClientSul.Settings.defaults());
        long start = System.nanoTime();
        try (ParallelOracle oracle = new ParallelOracle(sul)) {
            MealyCacheOracle<String, String> cache = MealyCaches.createCache(spec.inputs(), oracle);
            TTTLearnerMealy<String, String> learner =
                    new TTTLearnerMealy<>(spec.inputs(), cache, AcexAnalyzers.BINARY_SEARCH_FWD);
            MealyExperiment<String, String> experiment =
                    new MealyExperiment<>(learner, new MealyWpMethodEQOracle<>(cache, LOOKAHEAD), spec.inputs());
            MealyMachine<?, String, ?, String> learned = experiment.run();
            System.out.printf("client learning (%s, x25519, %d parallel, quiet %d ms): %d states, %d equivalence "
                            + "rounds, %d client runs, %d input symbols, %.1f s%n", client.description(), PARALLEL,
                    ClientSul.Settings.DEFAULT_QUIET.toMillis(), learned.size(), experiment.getRounds().getCount(),
                    oracle.runs.get(), oracle.symbols.get(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
            return new Learned(learned, oracle.runs.get());
        }
    }

    private static void assertSpecModel(Learned learned) {
        SpecModel spec = SpecModel.client();
        Word<String> difference = Automata.findSeparatingWord(learned.machine(), spec.machine(), spec.inputs());
        assertNull(difference, () -> "learned differs from the spec at " + difference + ": learned "
                + learned.machine().computeOutput(difference) + ", spec " + spec.machine().computeOutput(difference));
        assertEquals(5, learned.machine().size());
        assertTrue(learned.runs() > 0);
    }

    /** A client of the reference's own engine, given its one line the way the contract gives it. */
    private static ClientUnderTest.InProcess engineClient(String description, EngineSession body) {
        return new ClientUnderTest.InProcess(description, (host, port, suite, pskFile, stdin) -> {
            List<String> lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).lines()
                    .toList();
            SechoClient client = SechoClient.connect(ClientConfig.of(host, port,
                    List.of(io.secho.handshake.Suite.X25519), Optional.empty()));
            body.run(client, lines);
        }, ClientUnderTest.InProcess.DEFAULT_END_WAIT);
    }

    @FunctionalInterface
    private interface EngineSession {
        void run(SechoClient client, List<String> lines) throws Exception;
    }

    @Test
    void learningTheReferenceClientGivesTheSpecModel(@TempDir Path dir) throws IOException {
        assertSpecModel(learn(InProcessReferenceClient.create(), dir));
    }

    /**
     * REQ-HS-9: a client may send its Close right after its request, without waiting for the reply. The mapper's
     * normalisation (the model's outputNotes) makes it learn to the same model as the reference, which waits.
     */
    @Test
    void aClientThatPipelinesItsCloseLearnsToTheSameModel(@TempDir Path dir) throws IOException {
        assertSpecModel(learn(engineClient("a client that pipelines its Close", (client, lines) -> {
            for (String line : lines) {
                client.send(line.getBytes(StandardCharsets.UTF_8));
            }
            client.close(reply -> { });
        }), dir));
    }

    /** A client that sends its message again after the reply, instead of its Close: the difference is found. */
    @Test
    void aClientThatRepeatsItsRequestDiffersFromTheSpec(@TempDir Path dir) throws IOException {
        Learned learned = learn(engineClient("a client that sends its message twice", (client, lines) -> {
            for (String line : lines) {
                client.echo(line);
                client.echo(line);
            }
            client.close();
        }), dir);
        SpecModel spec = SpecModel.client();
        Word<String> difference = Automata.findSeparatingWord(learned.machine(), spec.machine(), spec.inputs());
        assertEquals(Word.fromSymbols("ServerHello(valid)", "Finished(right)", "Data(valid)"), difference);
        assertEquals("Data", learned.machine().computeOutput(difference).lastSymbol());
        assertEquals("Close", spec.machine().computeOutput(difference).lastSymbol());
    }

    /** --client-command: the reference client's command, a JVM started for the query and ended at post(). */
    @Test
    void aClientCommandRunsOncePerQuery(@TempDir Path dir) throws IOException {
        ClientSul sul = new ClientSul(new ClientUnderTest.Command(ClientCommand.reference()), Suite.X25519, PSK,
                pskFile(dir), ClientSul.Settings.defaults());
        assertEquals(List.of("Nothing", "Finished+Data", "Close", "FIN", "Closed"), query(sul,
                List.of("ServerHello(valid)", "Finished(right)", "Data(valid)", "Close", "Close")));
    }

    /** Every suite's ServerHello, keys and bad share: the session and the refused share of the model, per suite. */
    @ParameterizedTest
    @EnumSource(Suite.class)
    void everySuiteMapsTheSessionAndTheBadShare(Suite suite, @TempDir Path dir) throws IOException {
        ClientSul sul = new ClientSul(InProcessReferenceClient.create(), suite, PSK, pskFile(dir),
                ClientSul.Settings.defaults());
        assertEquals(List.of("Nothing", "Finished+Data", "Close", "FIN"), query(sul,
                List.of("ServerHello(valid)", "Finished(right)", "Data(valid)", "Close")));
        assertEquals(List.of("Alert(illegal_parameter,plaintext)+FIN", "Closed"), query(sul.fork(),
                List.of("ServerHello(badShare)", "ServerHello(valid)")));
    }

    private static List<String> query(ClientSul sul, List<String> inputs) {
        sul.pre();
        List<String> outputs = new ArrayList<>();
        try {
            for (String input : inputs) {
                outputs.add(sul.step(input));
            }
        } finally {
            sul.post();
        }
        return outputs;
    }
}
