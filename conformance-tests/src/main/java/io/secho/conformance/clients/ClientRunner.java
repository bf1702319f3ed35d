package io.secho.conformance.clients;

import io.secho.conformance.ShellWords;
import io.secho.conformance.clients.server.RunClock;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.clients.server.ServerTranscript;
import io.secho.conformance.clients.server.TestServer;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Runs a client under test once against a test server, for every profile (a v1 test server playing a script, a
 * lab test server): the server listens on a free loopback port, the client is started with the placeholders
 * filled in and its messages on standard input, a line each (the client contract, spec section 17.2), and the run
 * ends when both have: the client exited (or was killed at the run's limit, with every process it started) and the
 * server saw the connection end.
 */
public final class ClientRunner {
    /** How long after the client's end the test server may take to finish its transcript. */
    private static final long SERVER_GRACE_MILLIS = 5000;

    /** A test server listening for one run's client. */
    public interface Listening extends AutoCloseable {
        String host();

        int port();

        @Override
        void close();
    }

    /** Starts a test server listening on a free loopback port. */
    @FunctionalInterface
    public interface Listen<L extends Listening> {
        L listen() throws IOException;
    }

    /**
     * One run: what the test server saw, and how the client ended, or why it could not be started.
     *
     * @param startFailure why the command could not be started; {@code client} is then empty
     */
    public record Run<S>(S served, Optional<ClientRunResult> client, Optional<String> startFailure) {
    }

    private ClientRunner() {
    }

    /** A run of a Secho v1 client against a test server playing {@code script}. */
    static ClientOutcome run(ClientTarget target, Suite suite, List<String> messages, TestServer.Script script,
                             SeededBytes random, Trace trace) {
        Run<ServerTranscript> run = run(target.permits(), target.config().runTimeout(), TestServer::listen,
                (server, clock) -> server.play(script, suite, target.psk(), random, trace, clock),
                (host, port) -> target.config().command().resolve(host, port, suite.wireName(), target.pskFile()),
                messages, trace);
        return new ClientOutcome(suite, messages, run.served(), run.client(), run.startFailure());
    }

    /**
     * One run of a client against the test server {@code listen} starts and {@code serve} sets serving.
     *
     * @param permits  how many clients may run at once (taken for the run, given back after it)
     * @param command  the client's words for the server's host and port
     */
    public static <L extends Listening, S> Run<S> run(Semaphore permits, Duration runTimeout, Listen<L> listen,
                                                     BiFunction<L, RunClock, CompletableFuture<S>> serve,
                                                     BiFunction<String, Integer, List<String>> command,
                                                     List<String> messages, Trace trace) {
        permits.acquireUninterruptibly();
        try (L server = listen.listen()) {
            long limitMillis = runTimeout.toMillis();
            RunClock clock = new RunClock(limitMillis);
            CompletableFuture<S> served = serve.apply(server, clock);
            List<String> words = command.apply(server.host(), server.port());
            trace.note("client started: " + String.join(" ", words.stream().map(ShellWords::quote).toList())
                    + " (" + messages.size() + (messages.size() == 1 ? " line" : " lines") + " on standard input)");
            ClientProcess process;
            try {
                process = ClientProcess.start(words, messages);
            } catch (IOException e) {
                clock.clientExited();
                trace.note(e.getMessage());
                return new Run<>(await(served, limitMillis), Optional.empty(), Optional.of(e.getMessage()));
            }
            ClientRunResult result = process.await(runTimeout);
            clock.clientExited();
            trace.note("client: " + result.describe());
            return new Run<>(await(served, limitMillis), Optional.of(result), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("the test server could not listen on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            permits.release();
        }
    }

    private static <S> S await(CompletableFuture<S> served, long limitMillis) {
        try {
            return served.get(limitMillis + SERVER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the test server failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the test server did not finish within " + SERVER_GRACE_MILLIS
                    + " ms of the run's time limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the test server ran");
        }
    }
}
