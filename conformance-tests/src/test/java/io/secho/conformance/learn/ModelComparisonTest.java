package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import org.junit.jupiter.api.Test;

/**
 * The verdict's comparison on hand-made variants of the spec's server machine: each broken server gives exactly
 * its own difference, a server with duplicate states none, and the comparison agrees with AutomataLib's own
 * separating-word search on every single-transition change.
 */
final class ModelComparisonTest {
    private static final String HELLO = "ClientHello(x25519)";
    private static final List<String> HELLOS = List.of(HELLO, "ClientHello(modp2048)", "ClientHello(psk)");
    private static final String UNEXPECTED = "Alert(unexpected_message,plaintext)+FIN";
    private static final SpecModel SPEC = SpecModel.server();

    private static int state(CompactMealy<String, String> machine, String... word) {
        return machine.getSuccessor(machine.getInitialState(), List.of(word));
    }

    private static void set(CompactMealy<String, String> machine, int state, String input, int target, String output) {
        machine.removeAllTransitions(state, input);
        machine.addTransition(state, input, target, output);
    }

    private static ModelComparison compare(CompactMealy<String, String> learned) {
        ModelComparison comparison = ModelComparison.compare(learned, SPEC, ModelComparison.SERVER_MACHINE_REQUIREMENT);
        Word<String> separating = Automata.findSeparatingWord(learned, SPEC.machine(), SPEC.inputs());
        assertEquals(separating == null, comparison.equivalent(), "AutomataLib disagrees: " + separating);
        return comparison;
    }

    @Test
    void theSpecIsEquivalentToItselfAndItsStatesKeepTheirNames() {
        ModelComparison comparison = compare(SPEC.machine());
        assertTrue(comparison.equivalent());
        assertEquals(List.of(), comparison.differences());
        assertEquals(Set.of(), comparison.differingTransitions());
        assertEquals(Set.copyOf(SPEC.stateNames()), Set.copyOf(comparison.learnedStateNames()));
    }

    @Test
    void aServerThatAcceptsASecondHelloIsOneDifferenceOverTheThreeSuites() {
        CompactMealy<String, String> broken = SPEC.machine();
        int awaitFinished = state(broken, HELLO);
        for (String hello : HELLOS) {
            set(broken, awaitFinished, hello, awaitFinished, "ServerHello+Finished");
        }
        ModelComparison comparison = compare(broken);
        assertEquals(1, comparison.differences().size(), comparison.differences().toString());
        Difference d = comparison.differences().get(0);
        assertEquals("AWAIT_CLIENT_FINISHED", d.specState());
        assertEquals(HELLOS, d.inputs());
        assertEquals(List.of(HELLO, HELLO), d.word());
        assertEquals(List.of("ServerHello+Finished", UNEXPECTED), d.expectedOutputs());
        assertEquals(List.of("ServerHello+Finished", "ServerHello+Finished"), d.actualOutputs());
        assertEquals(UNEXPECTED, d.expected());
        assertEquals("ServerHello+Finished", d.actual());
        assertTrue(d.requirements().containsAll(List.of("REQ-FRM-8", "REQ-HS-10")), d.requirements().toString());
        assertEquals(3, d.transitions());
        assertEquals(3, comparison.differingTransitions().size());
    }

    @Test
    void aServerThatKeepsEchoingAfterAnAlertIsOneDifference() {
        CompactMealy<String, String> broken = SPEC.machine();
        int established = state(broken, HELLO, "Finished(right)");
        set(broken, established, "PlaintextAlert", established, "Nothing");
        set(broken, established, "EncryptedAlert", established, "Nothing");
        ModelComparison comparison = compare(broken);
        assertEquals(1, comparison.differences().size(), comparison.differences().toString());
        Difference d = comparison.differences().get(0);
        assertEquals("ESTABLISHED", d.specState());
        assertEquals(List.of("PlaintextAlert", "EncryptedAlert"), d.inputs());
        assertEquals(List.of(HELLO, "Finished(right)", "PlaintextAlert"), d.word());
        assertEquals("FIN", d.expected());
        assertEquals("Nothing", d.actual());
    }

    @Test
    void aServerThatAnswersAnAlertIsOneDifference() {
        CompactMealy<String, String> broken = SPEC.machine();
        int initial = broken.getInitialState();
        set(broken, initial, "PlaintextAlert", broken.getSuccessor(initial, "PlaintextAlert"), UNEXPECTED);
        ModelComparison comparison = compare(broken);
        assertEquals(1, comparison.differences().size());
        Difference d = comparison.differences().get(0);
        assertEquals("AWAIT_CLIENT_HELLO", d.specState());
        assertEquals(List.of("PlaintextAlert"), d.word());
        assertEquals("FIN", d.expected());
        assertEquals(UNEXPECTED, d.actual());
        assertEquals(Set.of(new ModelComparison.Transition(0, "PlaintextAlert")), comparison.differingTransitions());
    }

    /** ESTABLISHED split in two that Data(valid) toggles between: more states, the same behaviour. */
    @Test
    void aServerWithDuplicateStatesHasNoDifferenceAndItsStatesAreNumbered() {
        CompactMealy<String, String> doubled = SPEC.machine();
        int established = state(doubled, HELLO, "Finished(right)");
        int twin = doubled.addState();
        for (String input : SPEC.inputs()) {
            doubled.addTransition(twin, input, doubled.getSuccessor(established, input),
                    doubled.getOutput(established, input));
        }
        set(doubled, established, "Data(valid)", twin, "Echo");
        set(doubled, twin, "Data(valid)", established, "Echo");
        ModelComparison comparison = compare(doubled);
        assertTrue(comparison.equivalent());
        assertEquals(5, comparison.learned().size());
        assertTrue(comparison.learnedStateNames().containsAll(List.of("ESTABLISHED", "ESTABLISHED_2")),
                comparison.learnedStateNames().toString());
    }

    @Test
    void differencesInTwoSpecStatesStayApart() {
        CompactMealy<String, String> broken = SPEC.machine();
        int initial = broken.getInitialState();
        int established = state(broken, HELLO, "Finished(right)");
        set(broken, initial, "Close", broken.getSuccessor(initial, "Close"), "Reset");
        set(broken, established, "Close", broken.getSuccessor(established, "Close"), "Reset");
        ModelComparison comparison = compare(broken);
        assertEquals(2, comparison.differences().size());
        assertEquals("AWAIT_CLIENT_HELLO", comparison.differences().get(0).specState());
        assertEquals("ESTABLISHED", comparison.differences().get(1).specState());
    }

    /** Every transition of the spec changed in turn: one difference, reached by a shortest separating word. */
    @Test
    void everySingleOutputChangeIsFoundWithAShortestWord() {
        CompactMealy<String, String> spec = SPEC.machine();
        for (int state : spec.getStates()) {
            for (String input : SPEC.inputs()) {
                CompactMealy<String, String> broken = SPEC.machine();
                set(broken, state, input, broken.getSuccessor(state, input), "Reset");
                ModelComparison comparison = compare(broken);
                assertEquals(1, comparison.differences().size(), SPEC.stateName(state) + " / " + input);
                Difference d = comparison.differences().get(0);
                assertEquals(SPEC.stateName(state), d.specState());
                assertTrue(d.inputs().contains(input));
                Word<String> shortest = Automata.findShortestSeparatingWord(broken, spec, SPEC.inputs());
                assertNotNull(shortest);
                assertEquals(shortest.length(), d.word().size(), SPEC.stateName(state) + " / " + input);
                assertEquals(d.expectedOutputs().subList(0, d.word().size() - 1),
                        d.actualOutputs().subList(0, d.word().size() - 1));
            }
        }
    }

    @Test
    void aSuiteRestrictedModelComparesOverItsOwnInputs() {
        SpecModel x25519 = SPEC.restrictedTo(SPEC.inputs().stream().filter(i -> !i.startsWith("ClientHello(")
                || i.equals(HELLO)).toList());
        CompactMealy<String, String> broken = x25519.machine();
        int awaitFinished = state(broken, HELLO);
        set(broken, awaitFinished, HELLO, awaitFinished, "ServerHello+Finished");
        ModelComparison comparison = ModelComparison.compare(broken, x25519, ModelComparison.SERVER_MACHINE_REQUIREMENT);
        assertEquals(1, comparison.differences().size());
        assertEquals(List.of(HELLO), comparison.differences().get(0).inputs());
        assertFalse(ModelComparison.compare(x25519.machine(), x25519, "REQ-HS-10").differences().iterator().hasNext());
    }

    @Test
    void aLearnedMachineWithAnotherNumberingIsRenumberedBreadthFirst() {
        CompactMealy<String, String> spec = SPEC.machine();
        CompactMealy<String, String> shuffled = new CompactMealy<>(SPEC.inputs());
        int[] ids = new int[spec.size()];
        // Create the states in reverse, so the learner's numbering differs from the spec's.
        for (int state = spec.size() - 1; state >= 0; state--) {
            ids[state] = spec.getInitialState() == state ? shuffled.addInitialState() : shuffled.addState();
        }
        for (int state : spec.getStates()) {
            for (String input : SPEC.inputs()) {
                shuffled.addTransition(ids[state], input, ids[spec.getSuccessor(state, input)],
                        spec.getOutput(state, input));
            }
        }
        ModelComparison comparison = compare(shuffled);
        assertTrue(comparison.equivalent());
        assertEquals(0, (int) comparison.learned().getInitialState());
        assertEquals("AWAIT_CLIENT_HELLO", comparison.learnedStateNames().get(0));
        assertNull(Automata.findSeparatingWord(comparison.learned(), spec, SPEC.inputs()));
    }
}
