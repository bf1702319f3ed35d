package io.secho.conformance.lab.clients;

import io.secho.conformance.clients.ClientRunResult;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of a lab client against the lab test server: the messages it was given, what the server saw, and how the
 * client ended (exit status, what it printed), or why it never started.
 *
 * @param startFailure why the command could not be started; the client's result is then empty
 */
record LabClientOutcome(List<String> messages, LabSession session, Optional<ClientRunResult> client,
                        Optional<String> startFailure, int nonceLength) {
    LabClientOutcome {
        messages = List.copyOf(messages);
    }

    /** The lines the client printed, each without its line end. */
    List<byte[]> printed() {
        return client.map(ClientRunResult::stdoutLines).orElse(List.of());
    }

    /** Line {@code index} of standard output is exactly {@code text}. */
    boolean printedAt(int index, String text) {
        List<byte[]> lines = printed();
        return index < lines.size() && Arrays.equals(lines.get(index), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Some line of standard output is exactly {@code text}. */
    boolean printedAnywhere(String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        return printed().stream().anyMatch(line -> Arrays.equals(line, wanted));
    }

    boolean killed() {
        return client.map(ClientRunResult::killed).orElse(false);
    }

    /** The lines printed, quoted, for messages. */
    String printedText() {
        List<byte[]> lines = printed();
        return lines.isEmpty() ? "nothing" : lines.stream().map(ClientRunResult::quoteLine)
                .collect(Collectors.joining(", "));
    }

    /** How the client ended, in words: its exit, what it printed and the end of its standard error. */
    String clientDescription() {
        return startFailure.orElseGet(() -> client.map(run -> "the client: " + run.describe()).orElse("?"));
    }

    /** The whole run: what the server saw, and how the client ended. */
    String describe() {
        return session.describe(nonceLength) + "; " + clientDescription();
    }
}
