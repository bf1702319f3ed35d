package io.secho.conformance.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secho.conformance.learn.LearnSettings;
import io.secho.conformance.learn.LearnedModel;
import io.secho.conformance.learn.Learner;
import io.secho.conformance.learn.ServerAlphabet;
import io.secho.conformance.learn.ServerMapper;
import io.secho.conformance.learn.ServerMapperSettings;
import io.secho.conformance.learn.SpecModel;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Learning a server with one mistake of the fault matrix finds that mistake and nothing else (issue 15): the
 * learned machine has the spec's four states and differs from the spec exactly in the transitions listed.
 * About 5 s per server on 2 cores.
 */
final class FaultLearningTest {
    private static final byte[] KEY = new byte[PreSharedKey.LENGTH];

    static {
        KEY[0] = 0x15;
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.ACCEPTS_REPLAY_AND_SKIP, Set.of(
                        "ESTABLISHED | Data(replayed) -> Echo",
                        "ESTABLISHED | Data(skipped) -> Echo")),
                Arguments.of(Fault.ECHO_BEFORE_TAG_CHECK, Set.of(
                        "ESTABLISHED | Data(badTag) -> Echo+Alert(bad_record_mac,encrypted)+FIN")),
                Arguments.of(Fault.ANSWERS_PEER_ALERT, Set.of(
                        "AWAIT_CLIENT_HELLO | PlaintextAlert -> Alert(internal_error,plaintext)+FIN",
                        "AWAIT_CLIENT_FINISHED | PlaintextAlert -> Alert(internal_error,plaintext)+FIN",
                        "ESTABLISHED | PlaintextAlert -> Alert(internal_error,encrypted)+FIN",
                        "ESTABLISHED | EncryptedAlert -> Alert(internal_error,encrypted)+FIN")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void learningFindsTheFaultAndNothingElse(Fault fault, Set<String> expected) throws Exception {
        Alphabet<String> alphabet = ServerAlphabet.forSuites(EnumSet.allOf(Suite.class), true);
        SpecModel spec = ServerAlphabet.specModel(alphabet);
        try (FaultyServer server = new FaultyServer(fault, io.secho.crypto.PreSharedKey.of(KEY))) {
            ServerMapper mapper = new ServerMapper(ServerMapperSettings.of(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    Optional.of(PreSharedKey.of(KEY))));
            LearnedModel learned = Learner.learnServer(mapper, alphabet, LearnSettings.defaults());
            assertEquals(4, learned.machine().size(), learned.statistics().toString());
            assertEquals(new TreeSet<>(expected), differences(spec, learned.machine(), alphabet));
        }
    }

    /** The learned output of each spec transition where it is not the spec's, states matched by access word. */
    private static Set<String> differences(SpecModel spec, CompactMealy<String, String> learned,
            Alphabet<String> alphabet) {
        CompactMealy<String, String> machine = spec.machine();
        Set<String> differences = new TreeSet<>();
        for (Word<String> access : Automata.stateCover(machine, alphabet)) {
            int specState = machine.getState(access);
            int learnedState = learned.getState(access);
            for (String input : alphabet) {
                String output = learned.getOutput(learnedState, input);
                if (!machine.getOutput(specState, input).equals(output)) {
                    differences.add(spec.stateName(specState) + " | " + input + " -> " + output);
                }
            }
        }
        return differences;
    }
}
