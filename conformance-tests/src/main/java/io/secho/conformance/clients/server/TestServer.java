package io.secho.conformance.clients.server;

import io.secho.conformance.clients.ClientRunner;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.Suite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The test server of one client case: it listens on a free port of 127.0.0.1, accepts the client's one
 * connection and plays the case's script on it, on a thread of its own, until the client ends the connection,
 * exits, or the run's limit passes. Whatever happens, the result is the {@link ServerTranscript}.
 */
public final class TestServer implements ClientRunner.Listening {
    /** What a case has the server do, step by step. */
    @FunctionalInterface
    public interface Script {
        void play(ScriptedServer server);
    }

    private static final int ACCEPT_SLICE_MILLIS = 100;
    /** A client that exited has connected by then if it ever did (its connection waits in the backlog). */
    private static final long ACCEPT_AFTER_EXIT_NANOS = 300_000_000L;

    private final ServerSocket listener;

    private TestServer(ServerSocket listener) {
        this.listener = listener;
    }

    public static TestServer listen() throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        listener.setSoTimeout(ACCEPT_SLICE_MILLIS);
        return new TestServer(listener);
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Starts the script; it waits for the client's connection first. */
    public CompletableFuture<ServerTranscript> play(Script script, Suite suite, byte[] psk, SeededBytes random,
                                                   Trace trace, RunClock clock) {
        CompletableFuture<ServerTranscript> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(serve(script, suite, psk, random, trace, clock));
            } catch (RuntimeException | Error bug) {
                done.completeExceptionally(bug);
            }
        }, "secho-test-server-" + port());
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private ServerTranscript serve(Script script, Suite suite, byte[] psk, SeededBytes random, Trace trace,
                                   RunClock clock) {
        Optional<Socket> accepted = accept(clock);
        if (accepted.isEmpty()) {
            trace.note("the client never connected");
            return ServerTranscript.neverConnected();
        }
        trace.note("the client connected from port " + accepted.get().getPort());
        ScriptedServer server;
        try {
            server = new ScriptedServer(accepted.get(), trace, clock, suite, psk, random);
        } catch (IOException e) {
            trace.note("the connection failed at once: " + e.getMessage());
            return ServerTranscript.neverConnected();
        }
        Optional<ScriptStop> stop = Optional.empty();
        try {
            script.play(server);
        } catch (ScriptStop stopped) {
            trace.note("the script stopped: " + stopped.getMessage());
            stop = Optional.of(stopped);
        }
        try {
            server.observeEnd();
        } finally {
            server.closeQuietly();
        }
        return server.transcript(stop);
    }

    private Optional<Socket> accept(RunClock clock) {
        while (clock.over().isEmpty() && !clock.exitedFor(ACCEPT_AFTER_EXIT_NANOS)) {
            try {
                return Optional.of(listener.accept());
            } catch (SocketTimeoutException slice) {
                // Look at the clock again.
            } catch (IOException closed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Nothing is left to listen for.
        }
    }
}
