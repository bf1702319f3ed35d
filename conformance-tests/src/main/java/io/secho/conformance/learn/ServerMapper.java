package io.secho.conformance.learn;

import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.automatalib.automaton.transducer.impl.CompactMealy;

/**
 * The server mapper: abstract inputs to concrete frames of the harness's own peer engine, and the server's
 * frames back to abstract outputs. One fresh TCP connection per query: Secho sessions share no state, so a new
 * connection is the reset the learner needs. Thread-safe: each connection is used by one thread.
 */
public final class ServerMapper {
    private final ServerMapperSettings settings;
    /** Table 8, followed along each connection to know where an answer is owed. */
    private final CompactMealy<String, String> spec = SpecModel.server().machine();
    /** Numbers the connections, so that each draws its own reproducible randoms from the seed. */
    private final AtomicLong connections = new AtomicLong();

    public ServerMapper(ServerMapperSettings settings) {
        this.settings = settings;
    }

    public ServerMapperSettings settings() {
        return settings;
    }

    /** A fresh connection to the target; the caller closes it. */
    public ServerMapperConnection open() throws IOException {
        long number = connections.getAndIncrement();
        return new ServerMapperConnection(settings, spec,
                InsecureDeterministicRandomBytes.fromLabel("secho learn " + settings.seed() + " " + number));
    }

    /**
     * One query on one connection: the output of each input of {@code word}, in order. For replaying a word
     * the learner found (learn --replay, the "learned" conformance family).
     *
     * @throws UncheckedIOException when the target cannot be reached
     */
    public List<String> answer(List<String> word) {
        try (ServerMapperConnection connection = open()) {
            List<String> outputs = new ArrayList<>(word.size());
            for (String input : word) {
                outputs.add(connection.step(input));
            }
            return outputs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + settings.target() + ": " + e.getMessage(), e);
        }
    }
}
