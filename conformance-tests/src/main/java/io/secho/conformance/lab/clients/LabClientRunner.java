package io.secho.conformance.lab.clients;

import io.secho.conformance.clients.ClientCommand;
import io.secho.conformance.clients.ClientProcess;
import io.secho.conformance.clients.ClientRunResult;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.net.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a lab client once against a lab test server, as the client contract says (spec section 17.2): the server
 * listens on a free port of 127.0.0.1, the client is started with {@value ClientCommand#HOST} and
 * {@value ClientCommand#PORT} filled in and its messages on standard input, a line each; the run ends when the
 * client exited (or was killed at the run's limit, with every process it started) and the server saw the session
 * end.
 */
final class LabClientRunner {
    /** How long after the client's end the test server may take to finish its transcript. */
    private static final long SERVER_GRACE_MILLIS = 5000;

    private LabClientRunner() {
    }

    static LabClientOutcome run(LabClientTarget target, List<String> messages, LabServerScript script,
                                SeededBytes random, Trace trace) {
        target.permits().acquireUninterruptibly();
        try (LabTestServer server = LabTestServer.listen()) {
            long limitMillis = target.runTimeout().toMillis();
            LabTestServer.RunClock clock = new LabTestServer.RunClock(limitMillis);
            CompletableFuture<LabSession> served = server.serve(target.knobs(), messages, script, random, trace, clock);
            List<String> words = target.command().resolve(server.host(), server.port());
            trace.note("client started: " + String.join(" ", words) + " (" + messages.size()
                    + (messages.size() == 1 ? " line" : " lines") + " on standard input)");
            ClientProcess process;
            try {
                process = ClientProcess.start(words, messages);
            } catch (IOException e) {
                clock.clientExited();
                trace.note(e.getMessage());
                return new LabClientOutcome(messages, await(served, limitMillis), Optional.empty(),
                        Optional.of(e.getMessage()), target.knobs().nonceLength());
            }
            ClientRunResult result = process.await(target.runTimeout());
            clock.clientExited();
            trace.note("client: " + result.describe());
            return new LabClientOutcome(messages, await(served, limitMillis), Optional.of(result), Optional.empty(),
                    target.knobs().nonceLength());
        } catch (IOException e) {
            throw new UncheckedIOException("the lab test server could not listen on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            target.permits().release();
        }
    }

    private static LabSession await(CompletableFuture<LabSession> served, long limitMillis) {
        try {
            return served.get(limitMillis + SERVER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failed ? failed
                    : new IllegalStateException("the lab test server failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the lab test server did not finish within " + SERVER_GRACE_MILLIS
                    + " ms of the client's end", e);
        }
    }
}
