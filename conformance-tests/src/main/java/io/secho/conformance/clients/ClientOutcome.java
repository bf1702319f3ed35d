package io.secho.conformance.clients;

import io.secho.conformance.clients.server.ClientFrame;
import io.secho.conformance.clients.server.ServerTranscript;
import io.secho.handshake.Suite;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of a client against a case's test server: what the server saw (every frame, the probe, the ending) and
 * how the client ended (exit status, what it printed), or why it never started.
 *
 * @param startFailure why the command could not be started; the other fields are then empty
 */
public record ClientOutcome(Suite suite, List<String> messages, ServerTranscript server, Optional<ClientRunResult> client,
                            Optional<String> startFailure) {
    public ClientOutcome {
        messages = List.copyOf(messages);
    }

    public List<byte[]> printed() {
        return client.map(ClientRunResult::stdoutLines).orElse(List.of());
    }

    /** The lines printed, quoted, for messages. */
    public String printedText() {
        List<byte[]> lines = printed();
        return lines.isEmpty() ? "nothing" : lines.stream().map(ClientRunResult::quoteLine)
                .collect(Collectors.joining(", "));
    }

    /** The client's answer to the probe and how it ended: the "received" of a failure. */
    public String describe() {
        return "the client sent " + server.describeAnswer() + "; " + clientDescription();
    }

    /** Everything the client sent on the connection, and how it ended. */
    public String describeWholeSession() {
        return "the client sent " + server.describeAll() + "; " + clientDescription();
    }

    public String clientDescription() {
        return startFailure.orElseGet(() -> client.map(run -> "the client: " + run.describe()).orElse("?"));
    }

    /** The answer, frame by frame. */
    public List<ClientFrame> answer() {
        return server.answer();
    }

    public static List<String> lines(String... messages) {
        return List.of(messages);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
