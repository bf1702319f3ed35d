package io.secho.conformance.learn;

import io.secho.conformance.peer.Suite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.alphabet.impl.Alphabets;

/**
 * The abstract inputs of a server (spec/secho-v1-server-model.json), each name defined once here. The
 * mapper ({@link ServerMapper}) turns each into concrete bytes with the harness's peer engine.
 */
public final class ServerAlphabet {
    /** The inputs in the model's order. */
    public enum Input {
        CLIENT_HELLO_X25519("ClientHello(x25519)"),
        CLIENT_HELLO_MODP2048("ClientHello(modp2048)"),
        CLIENT_HELLO_PSK("ClientHello(psk)"),
        /** An x25519 hello whose share (u = 0) makes the secret all zeros: Table 6 step f, REQ-KEX-4. */
        CLIENT_HELLO_BAD_SHARE("ClientHelloBadShare"),
        FINISHED_RIGHT("Finished(right)"),
        FINISHED_WRONG("Finished(wrong)"),
        DATA_VALID("Data(valid)"),
        DATA_BAD_UTF8("Data(badUtf8)"),
        DATA_BAD_TAG("Data(badTag)"),
        DATA_REPLAYED("Data(replayed)"),
        DATA_SKIPPED("Data(skipped)"),
        CLOSE("Close"),
        PLAINTEXT_ALERT("PlaintextAlert"),
        ENCRYPTED_ALERT("EncryptedAlert");

        private final String symbol;

        Input(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The suite a ClientHello input proposes; empty for every other input. */
        public Optional<Suite> helloSuite() {
            return switch (this) {
                case CLIENT_HELLO_X25519 -> Optional.of(Suite.X25519);
                case CLIENT_HELLO_MODP2048 -> Optional.of(Suite.MODP2048);
                case CLIENT_HELLO_PSK -> Optional.of(Suite.PSK);
                default -> Optional.empty();
            };
        }

        public static Input of(String symbol) {
            for (Input input : values()) {
                if (input.symbol.equals(symbol)) {
                    return input;
                }
            }
            throw new IllegalArgumentException("no server input " + symbol);
        }

        public static Input clientHello(Suite suite) {
            return switch (suite) {
                case X25519 -> CLIENT_HELLO_X25519;
                case MODP2048 -> CLIENT_HELLO_MODP2048;
                case PSK -> CLIENT_HELLO_PSK;
            };
        }
    }

    private ServerAlphabet() {
    }

    /**
     * The inputs for a run over {@code suites}: only those suites' ClientHello inputs, and ClientHello(psk)
     * only with a key (REQ-KEX-10: no psk hello without one), every other input always.
     */
    public static Alphabet<String> forSuites(Collection<Suite> suites, boolean pskGiven) {
        List<String> symbols = new ArrayList<>();
        for (Input input : Input.values()) {
            Optional<Suite> suite = input.helloSuite();
            boolean wanted = suite.isEmpty()
                    || (suites.contains(suite.get()) && (suite.get() != Suite.PSK || pskGiven));
            if (wanted) {
                symbols.add(input.symbol());
            }
        }
        return Alphabets.fromList(symbols);
    }

    /** The spec's server model over exactly these inputs. */
    public static SpecModel specModel(Collection<String> alphabet) {
        return SpecModel.server().restrictedTo(alphabet);
    }
}
