package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secho.conformance.learn.ServerAlphabet.Input;
import io.secho.conformance.peer.Suite;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.automatalib.alphabet.Alphabet;
import org.junit.jupiter.api.Test;

final class ServerAlphabetTest {
    @Test
    void theInputsAreTheSpecModelsInItsOrder() {
        List<String> symbols = new ArrayList<>();
        for (Input input : Input.values()) {
            symbols.add(input.symbol());
        }
        assertEquals(new ArrayList<>(SpecModel.server().inputs()), symbols);
        assertEquals(symbols, new ArrayList<>(ServerAlphabet.forSuites(EnumSet.allOf(Suite.class), true)));
    }

    @Test
    void aSuiteRunHasOnlyThatSuitesHelloAndPskNeedsAKey() {
        Alphabet<String> x25519 = ServerAlphabet.forSuites(Set.of(Suite.X25519), true);
        assertEquals(12, x25519.size());
        assertEquals("ClientHello(x25519)", x25519.getSymbol(0));
        assertEquals("ClientHelloBadShare", x25519.getSymbol(1));
        assertEquals(List.of("ClientHello(x25519)", "ClientHello(modp2048)"),
                new ArrayList<>(ServerAlphabet.forSuites(EnumSet.allOf(Suite.class), false)).subList(0, 2));
        assertEquals(11, ServerAlphabet.forSuites(Set.of(Suite.PSK), false).size());
        assertEquals(12, ServerAlphabet.specModel(x25519).inputs().size());
    }

    @Test
    void namesMapBothWays() {
        for (Suite suite : Suite.values()) {
            assertEquals(Input.clientHello(suite), Input.of("ClientHello(" + suite.wireName() + ")"));
            assertEquals(suite, Input.clientHello(suite).helloSuite().orElseThrow());
        }
        assertThrows(IllegalArgumentException.class, () -> Input.of("SecondClientHello"));
    }
}
