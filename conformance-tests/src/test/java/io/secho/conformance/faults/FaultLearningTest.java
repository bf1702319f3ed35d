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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * About 3 to 5 s per server on 2 cores. The three kinds: a server that accepts a second ClientHello,
 * one that keeps echoing after an alert, one that answers an alert; and two record-layer faults.
 */
final class FaultLearningTest {
    private static final byte[] KEY = new byte[PreSharedKey.LENGTH];

    static {
        KEY[0] = 0x15;
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.ACCEPTS_SECOND_CLIENT_HELLO, Set.of(
                        "AWAIT_CLIENT_FINISHED | ClientHello(x25519) -> ServerHello+Finished / AWAIT_CLIENT_FINISHED",
                        "AWAIT_CLIENT_FINISHED | ClientHello(modp2048) -> ServerHello+Finished / AWAIT_CLIENT_FINISHED",
                        "AWAIT_CLIENT_FINISHED | ClientHello(psk) -> ServerHello+Finished / AWAIT_CLIENT_FINISHED",
                        "AWAIT_CLIENT_FINISHED | ClientHelloBadShare -> Alert(illegal_parameter,plaintext)+FIN / CLOSED")),
                Arguments.of(Fault.KEEPS_ECHOING_AFTER_ALERT, Set.of(
                        "ESTABLISHED | Data(badTag) -> Alert(bad_record_mac,encrypted) / ESTABLISHED",
                        "ESTABLISHED | Data(badUtf8) -> Alert(bad_payload,encrypted) / ESTABLISHED",
                        "ESTABLISHED | Data(replayed) -> Alert(bad_sequence,encrypted) / ESTABLISHED",
                        "ESTABLISHED | Data(skipped) -> Alert(bad_sequence,encrypted) / ESTABLISHED")),
                Arguments.of(Fault.ACCEPTS_REPLAY_AND_SKIP, Set.of(
                        "ESTABLISHED | Data(replayed) -> Echo / ESTABLISHED",
                        "ESTABLISHED | Data(skipped) -> Echo / ESTABLISHED")),
                Arguments.of(Fault.ECHO_BEFORE_TAG_CHECK, Set.of(
                        "ESTABLISHED | Data(badTag) -> Echo+Alert(bad_record_mac,encrypted)+FIN / CLOSED")),
                Arguments.of(Fault.ANSWERS_PEER_ALERT, Set.of(
                        "AWAIT_CLIENT_HELLO | PlaintextAlert -> Alert(internal_error,plaintext)+FIN / CLOSED",
                        "AWAIT_CLIENT_FINISHED | PlaintextAlert -> Alert(internal_error,plaintext)+FIN / CLOSED",
                        "ESTABLISHED | PlaintextAlert -> Alert(internal_error,encrypted)+FIN / CLOSED",
                        "ESTABLISHED | EncryptedAlert -> Alert(internal_error,encrypted)+FIN / CLOSED")));
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

    /**
     * Each spec transition whose learned output or target differs, as "STATE | input -> output / target": the
     * learned states are matched to the spec's by the spec's access words, so with four learned states a
     * difference nowhere else means the machines differ exactly there.
     */
    private static Set<String> differences(SpecModel spec, CompactMealy<String, String> learned,
            Alphabet<String> alphabet) {
        CompactMealy<String, String> machine = spec.machine();
        Map<Integer, Integer> specStateOf = new HashMap<>();
        List<Word<String>> access = Automata.stateCover(machine, alphabet);
        access.forEach(word -> specStateOf.put(learned.getState(word), machine.getState(word)));
        Set<String> differences = new TreeSet<>();
        for (Word<String> word : access) {
            int specState = machine.getState(word);
            int learnedState = learned.getState(word);
            for (String input : alphabet) {
                String output = learned.getOutput(learnedState, input);
                Integer target = specStateOf.get(learned.getSuccessor(learnedState, input));
                if (!machine.getOutput(specState, input).equals(output)
                        || !Integer.valueOf(machine.getSuccessor(specState, input)).equals(target)) {
                    differences.add(spec.stateName(specState) + " | " + input + " -> " + output + " / "
                            + (target == null ? "an unmatched state" : spec.stateName(target)));
                }
            }
        }
        return differences;
    }
}
