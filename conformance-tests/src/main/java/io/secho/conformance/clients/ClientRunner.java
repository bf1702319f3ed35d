package io.secho.conformance.clients;

import io.secho.conformance.clients.server.RunClock;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.clients.server.ServerTranscript;
import io.secho.conformance.clients.server.TestServer;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a client under test once against a test server playing a script: the server listens on a free loopback
 * port, the client is started with the placeholders filled in and its messages on standard input, and the run
 * ends when both have: the client exited (or was killed at the run's limit) and the server saw the connection end.
 */
final class ClientRunner {
    /** How long after the client's end the test server may take to finish its transcript. */
    private static final long SERVER_GRACE_MILLIS = 5000;

    private ClientRunner() {
    }

    static ClientOutcome run(ClientTarget target, Suite suite, List<String> messages, TestServer.Script script,
                             SeededBytes random, Trace trace) {
        target.permits().acquireUninterruptibly();
        try (TestServer server = TestServer.listen()) {
            long limitMillis = target.config().runTimeout().toMillis();
            RunClock clock = new RunClock(limitMillis);
            CompletableFuture<ServerTranscript> served = server.play(script, suite, target.psk(), random, trace, clock);
            List<String> words = target.config().command().resolve(server.host(), server.port(), suite.wireName(),
                    target.pskFile());
            trace.note("client started: " + String.join(" ", words.stream().map(ClientRunner::shown).toList())
                    + " (" + messages.size() + (messages.size() == 1 ? " line" : " lines") + " on standard input)");
            ClientProcess process;
            try {
                process = ClientProcess.start(words, messages);
            } catch (IOException e) {
                clock.clientExited();
                trace.note(e.getMessage());
                return new ClientOutcome(suite, messages, await(served, limitMillis), Optional.empty(),
                        Optional.of(e.getMessage()));
            }
            ClientRunResult result = process.await(target.config().runTimeout());
            clock.clientExited();
            trace.note("client: " + result.describe());
            return new ClientOutcome(suite, messages, await(served, limitMillis), Optional.of(result), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("the test server could not listen on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            target.permits().release();
        }
    }

    private static ServerTranscript await(CompletableFuture<ServerTranscript> served, long limitMillis) {
        try {
            return served.get(limitMillis + SERVER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the test server failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the test server did not finish within the run's time limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the test server ran");
        }
    }

    /** A word as a person would paste it back into a shell. */
    private static String shown(String word) {
        return io.secho.conformance.ShellWords.quote(word);
    }
}
