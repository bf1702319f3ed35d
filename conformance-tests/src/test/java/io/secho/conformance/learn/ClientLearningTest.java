package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.conformance.clients.ClientCommand;
import io.secho.conformance.peer.Suite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Step 12 against a real client: the harness's learning run ({@link Learner#learnClient}) learns the reference
 * client (in-process, over real TCP, through {@link ClientSul}) for suite x25519, and the learned machine is the
 * spec's Table 9 model. Figures (time, queries) are printed for the report; nothing here is timed.
 */
final class ClientLearningTest {
    /** Queries run side by side on forked SULs; each mostly waits out quiescence windows. */
    private static final int PARALLEL = 4;
    private static final byte[] PSK = HexFormat.of().parseHex("0123456789abcdef".repeat(4));

    private static Path pskFile(Path dir) throws IOException {
        Path file = dir.resolve("psk.hex");
        Files.writeString(file, HexFormat.of().formatHex(PSK) + "\n");
        return file;
    }

    /** The harness's own learning run (Learner.learnClient), as learn --client-command runs it. */
    private static LearnedModel learn(ClientUnderTest client, Path dir) throws IOException {
        ClientSul sul = new ClientSul(client, Suite.X25519, PSK, pskFile(dir), ClientSul.Settings.defaults());
        LearnedModel learned = Learner.learnClient(sul, LearnSettings.defaults().withThreads(PARALLEL));
        LearnStatistics statistics = learned.statistics();
        System.out.printf("client learning (%s, x25519, %d parallel, quiet %d ms): %d states, %d equivalence "
                        + "rounds, %d client runs, %d input symbols, %.1f s%n", client.description(), PARALLEL,
                ClientSul.Settings.DEFAULT_QUIET.toMillis(), learned.machine().size(), statistics.equivalenceRounds(),
                statistics.membershipQueries(), statistics.inputSymbols(), statistics.elapsed().toMillis() / 1000.0);
        return learned;
    }

    private static void assertSpecModel(LearnedModel learned) {
        SpecModel spec = SpecModel.client();
        Word<String> difference = Automata.findSeparatingWord(learned.machine(), spec.machine(), spec.inputs());
        assertNull(difference, () -> "learned differs from the spec at " + difference + ": learned "
                + learned.machine().computeOutput(difference) + ", spec " + spec.machine().computeOutput(difference));
        assertEquals(5, learned.machine().size());
        assertTrue(learned.statistics().membershipQueries() > 0);
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
        LearnedModel learned = learn(engineClient("a client that sends its message twice", (client, lines) -> {
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
