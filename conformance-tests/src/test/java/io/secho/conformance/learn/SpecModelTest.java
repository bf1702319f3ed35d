package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.word.Word;
import org.junit.jupiter.api.Test;

final class SpecModelTest {
    private static final String HELLO = "ClientHello(x25519)";

    @Test
    void theJarCarriesTheServerModel() {
        SpecModel server = SpecModel.server();
        assertEquals(14, server.inputs().size());
        CompactMealy<String, String> machine = server.machine();
        assertEquals("AWAIT_CLIENT_HELLO", server.stateName(machine.getInitialState()));
        assertTrue(server.requirements(machine.getInitialState(), HELLO).contains("REQ-HS-7"));
    }

    @Test
    void restrictingToOneSuiteDropsTheOtherHellosAndKeepsTheRest() {
        SpecModel server = SpecModel.server();
        SpecModel x25519 = server.restrictedTo(
                server.inputs().stream().filter(i -> !i.equals("ClientHello(modp2048)") && !i.equals("ClientHello(psk)"))
                        .toList());
        assertEquals(12, x25519.inputs().size());
        Word<String> word = Word.fromSymbols(HELLO, "Finished(right)", "Data(valid)");
        assertEquals(server.machine().computeOutput(word), x25519.machine().computeOutput(word));
        int initial = x25519.machine().getInitialState();
        assertEquals(server.requirements(initial, HELLO), x25519.requirements(initial, HELLO));
    }

    @Test
    void anInputTheModelLacksIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SpecModel.server().restrictedTo(List.of("Hello")));
    }
}
