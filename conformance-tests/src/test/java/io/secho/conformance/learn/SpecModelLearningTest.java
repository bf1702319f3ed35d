package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.learnlib.acex.AcexAnalyzers;
import de.learnlib.algorithm.ttt.mealy.TTTLearnerMealy;
import de.learnlib.filter.cache.mealy.MealyCacheOracle;
import de.learnlib.filter.cache.mealy.MealyCaches;
import de.learnlib.oracle.equivalence.MealyWpMethodEQOracle;
import de.learnlib.oracle.membership.MealySimulatorOracle;
import de.learnlib.util.Experiment.MealyExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.automatalib.automaton.transducer.MealyMachine;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The learning pipeline of step 12 without a network: TTT with a query cache and a Wp-method equivalence
 * oracle learns a simulated server, and the comparison with the spec model finds a difference exactly when
 * the simulated server breaks Table 8. The real target replaces the simulator with the peer-engine mapper.
 */
final class SpecModelLearningTest {
    private static final String SECOND_HELLO_STATE = "AWAIT_CLIENT_FINISHED";
    private static final String HELLO = "ClientHello(x25519)";
    /** Depth beyond the hypothesis's size that the Wp method explores; the spec machine has only 4 states. */
    private static final int LOOKAHEAD = 2;

    private static SpecModel spec;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of(System.getProperty("secho.spec.dir", "../spec"));
        spec = SpecModel.parse(Files.readString(dir.resolve("secho-v1-server-model.json")));
    }

    private static MealyMachine<?, String, ?, String> learn(MealyMachine<?, String, ?, String> target) {
        MealyCacheOracle<String, String> cache =
                MealyCaches.createCache(spec.inputs(), new MealySimulatorOracle<>(target));
        TTTLearnerMealy<String, String> learner =
                new TTTLearnerMealy<>(spec.inputs(), cache, AcexAnalyzers.BINARY_SEARCH_FWD);
        MealyExperiment<String, String> experiment =
                new MealyExperiment<>(learner, new MealyWpMethodEQOracle<>(cache, LOOKAHEAD), spec.inputs());
        return experiment.run();
    }

    @Test
    void learningAConformingServerGivesTheSpecModel() {
        MealyMachine<?, String, ?, String> learned = learn(spec.machine());
        assertEquals(4, learned.size());
        assertNull(Automata.findSeparatingWord(learned, spec.machine(), spec.inputs()));
    }

    /** A server that answers a second ClientHello with a new ServerHello (REQ-FRM-8, REQ-HS-5 at the server). */
    @Test
    void learningAServerThatAcceptsASecondHelloFindsThatDifference() {
        CompactMealy<String, String> broken = spec.machine();
        int awaitFinished = broken.getSuccessor(broken.getInitialState(), HELLO);
        assertEquals(SECOND_HELLO_STATE, spec.stateName(awaitFinished));
        broken.removeAllTransitions(awaitFinished, HELLO);
        broken.addTransition(awaitFinished, HELLO, awaitFinished, "ServerHello+Finished");

        MealyMachine<?, String, ?, String> learned = learn(broken);
        Word<String> difference = Automata.findSeparatingWord(learned, spec.machine(), spec.inputs());
        assertNotNull(difference);
        assertEquals(Word.fromSymbols(HELLO, HELLO), difference);
        assertEquals("ServerHello+Finished", learned.computeOutput(difference).lastSymbol());
        assertEquals("Alert(unexpected_message,plaintext)+FIN", spec.machine().computeOutput(difference).lastSymbol());
    }

    @Test
    void anIncompleteModelIsRejected() {
        String json = "{\"initialState\":\"A\",\"states\":[{\"name\":\"A\"}],\"inputs\":[{\"name\":\"x\"}],"
                + "\"transitions\":[]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecModel.parse(json));
        assertEquals("no transition for A / x", e.getMessage());
    }
}
