package io.secho.conformance.clients;

import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.Suite;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What one session per suite showed about the client, before the first case: whether it completes a handshake in
 * that suite (then the cases that need a session of it run), says it does not support it (exit status 127: they
 * are SKIP), or fails (they are BLOCKED, and CHS-001..CHS-003 say why). A client that supports no suite has every
 * case BLOCKED, never SKIP: a client that does nothing is never taken for one that passes.
 */
public record ClientPreflight(Map<Suite, Status> suites, Map<Suite, String> details) {
    public enum Status { WORKING, BROKEN, UNSUPPORTED, NOT_SELECTED }

    /** The message of the preflight's sessions. */
    static final String MESSAGE = "preflight";

    static ClientPreflight probe(ClientTarget target) {
        Map<Suite, CompletableFuture<ClientOutcome>> running = new EnumMap<>(Suite.class);
        for (Suite suite : Suite.values()) {
            if (target.config().suites().contains(suite)) {
                running.put(suite, CompletableFuture.supplyAsync(() -> ClientRunner.run(target, suite,
                        List.of(MESSAGE), server -> server.handshake().probe("the first request").echo(MESSAGE)
                                .readClose().sendClose(),
                        new SeededBytes("secho-conformance client preflight/" + target.config().seed() + "/" + suite),
                        new Trace())));
            }
        }
        Map<Suite, Status> suites = new EnumMap<>(Suite.class);
        Map<Suite, String> details = new EnumMap<>(Suite.class);
        for (Suite suite : Suite.values()) {
            CompletableFuture<ClientOutcome> run = running.get(suite);
            if (run == null) {
                suites.put(suite, Status.NOT_SELECTED);
                details.put(suite, "not selected (--suite)");
                continue;
            }
            ClientOutcome outcome = run.join();
            Status status = status(outcome);
            suites.put(suite, status);
            details.put(suite, switch (status) {
                case WORKING -> "a handshake completed";
                case UNSUPPORTED -> "not supported: the client exited with status 127"
                        + outcome.client().flatMap(ClientRunResult::lastStderrLine).map(l -> " (\"" + l + "\")").orElse("");
                default -> "no handshake completed: " + outcome.describeWholeSession();
            });
        }
        return new ClientPreflight(suites, details);
    }

    private static Status status(ClientOutcome outcome) {
        if (outcome.server().probeReached()) {
            return Status.WORKING;
        }
        return outcome.client().filter(ClientRunResult::unsupported).isPresent() ? Status.UNSUPPORTED : Status.BROKEN;
    }

    /** The findings as the report's heading shows them, a line per suite. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        suites.forEach((suite, status) -> lines.add("client " + suite + ": " + details.get(suite)));
        return lines;
    }
}
