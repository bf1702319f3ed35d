package io.secho.conformance.clients;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.secho.conformance.clients.server.ClientFrame;
import io.secho.conformance.clients.server.ServerTranscript;
import io.secho.conformance.peer.Suite;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
    private static final int SHOWN_LINES = 64;
    private static final int SHOWN_CHARS = 512;
    private static final int STDERR_LINES = 5;

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

    /** This run as the JSON report's {@code clientRuns} item: what the client did, for tools. */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("suite", suite.wireName());
        json.addProperty("messages", messages.size());
        startFailure.ifPresent(why -> json.addProperty("startFailure", why));
        client.ifPresent(run -> {
            if (!run.killed()) {
                json.addProperty("exitStatus", run.exitStatus());
            }
            json.addProperty("killed", run.killed());
            json.addProperty("millis", run.millis());
            JsonArray stdout = new JsonArray();
            run.stdoutLines().stream().limit(SHOWN_LINES).map(ClientOutcome::shown).forEach(stdout::add);
            json.add("stdout", stdout);
            json.addProperty("stdoutBytes", run.stdoutTotal());
            JsonArray stderr = new JsonArray();
            List<String> errors = run.stderrLines();
            errors.subList(Math.max(0, errors.size() - STDERR_LINES), errors.size()).stream()
                    .map(line -> line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "..." : line)
                    .forEach(stderr::add);
            json.add("stderrTail", stderr);
        });
        JsonObject connection = new JsonObject();
        connection.addProperty("connected", server.connected());
        JsonArray sent = new JsonArray();
        server.frames().stream().limit(SHOWN_LINES).map(ClientFrame::description).forEach(sent::add);
        connection.add("sent", sent);
        connection.addProperty("ending", server.ending().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        connection.addProperty("resetAfterFin", server.lateReset());
        json.add("connection", connection);
        return json;
    }

    /** A printed line for the JSON report: its text, or its bytes in hex when it is no UTF-8 text. */
    private static String shown(byte[] line) {
        Optional<String> text = ClientRunResult.strictUtf8(line);
        if (text.isEmpty()) {
            return "(" + line.length + " bytes, not UTF-8: " + HexFormat.of().formatHex(line, 0,
                    Math.min(line.length, SHOWN_CHARS / 2)) + (line.length > SHOWN_CHARS / 2 ? "..." : "") + ")";
        }
        return text.get().length() > SHOWN_CHARS ? text.get().substring(0, SHOWN_CHARS) + "... (" + line.length
                + " bytes)" : text.get();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
