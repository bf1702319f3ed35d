package io.secho.conformance.learn;

import de.learnlib.exception.SULException;
import de.learnlib.sul.SUL;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.peer.SystemRandomBytes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client under test as a LearnLib system under learning over the client model's abstract alphabet
 * (spec/secho-v1-client-model.json, {@link SpecModel#client()}). Each query is one run of the client: {@link #pre}
 * listens on a free port of 127.0.0.1, starts the client with the query's one message line on standard input,
 * accepts its connection and reads its ClientHello; {@link #step} is {@link ClientMapper}'s; {@link #post} closes
 * the connection and ends the client. Queries share nothing, so {@link #fork} gives an independent copy for a
 * parallel oracle.
 */
public final class ClientSul implements SUL<String, String> {
    private final ClientUnderTest client;
    private final Suite suite;
    private final byte[] psk;
    private final Path pskFile;
    private final Settings settings;
    private ServerSocket listener;
    private ClientUnderTest.Running running;
    private Socket connection;
    private ClientMapper mapper;

    /**
     * How each query runs.
     *
     * @param quiet      the quiescence window: a client silent this long after its last byte has answered
     * @param startLimit how long the client may take from its start to its ClientHello (a JVM client starts slowly)
     * @param message    the one message line of every query (never empty, no CR or LF: spec Section 17.2)
     */
    public record Settings(Duration quiet, Duration startLimit, String message) {
        public static final Duration DEFAULT_QUIET = Duration.ofMillis(300);
        public static final Duration DEFAULT_START_LIMIT = Duration.ofSeconds(30);
        public static final String DEFAULT_MESSAGE = "hello";

        public Settings {
            Objects.requireNonNull(quiet, "quiet");
            Objects.requireNonNull(startLimit, "startLimit");
            if (message.isEmpty() || message.contains("\n") || message.contains("\r")) {
                throw new IllegalArgumentException("a message line is never empty and has no CR or LF");
            }
            if (quiet.isNegative() || quiet.isZero()) {
                throw new IllegalArgumentException("the quiescence window must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_QUIET, DEFAULT_START_LIMIT, DEFAULT_MESSAGE);
        }
    }

    /**
     * @param psk     the key in {@code pskFile} (a {@code ClientTarget}'s), for suite psk
     * @param pskFile what {@code {psk_file}} names, for every suite (the client contract)
     */
    public ClientSul(ClientUnderTest client, Suite suite, byte[] psk, Path pskFile, Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.suite = Objects.requireNonNull(suite, "suite");
        this.psk = psk.clone();
        this.pskFile = Objects.requireNonNull(pskFile, "pskFile");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void pre() {
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listener.setSoTimeout(Math.toIntExact(settings.startLimit().toMillis()));
            running = client.start(listener.getInetAddress().getHostAddress(), listener.getLocalPort(), suite, pskFile,
                    List.of(settings.message()));
            try {
                connection = listener.accept();
            } catch (SocketTimeoutException e) {
                throw new IOException("the client did not connect within " + settings.startLimit().toSeconds() + " s",
                        e);
            }
            Optional<PreSharedKey> key = suite == Suite.PSK ? Optional.of(PreSharedKey.of(psk)) : Optional.empty();
            mapper = ClientMapper.accept(connection, suite, key, new SystemRandomBytes(), settings.quiet(),
                    settings.startLimit(), settings.message());
        } catch (IOException e) {
            post();
            throw new SULException(e);
        }
    }

    @Override
    public String step(String input) {
        if (mapper == null) {
            throw new IllegalStateException("step before pre");
        }
        return mapper.step(input);
    }

    /** The connection closed first, so that the client sees EOF and ends; then the client itself is ended. */
    @Override
    public void post() {
        closeQuietly(connection);
        closeQuietly(listener);
        if (running != null) {
            running.stop();
        }
        connection = null;
        listener = null;
        running = null;
        mapper = null;
    }

    public Settings settings() {
        return settings;
    }

    /** The same client and key, with another quiet period. */
    public ClientSul withQuiet(Duration quiet) {
        return new ClientSul(client, suite, psk, pskFile, new Settings(quiet, settings.startLimit(), settings.message()));
    }

    @Override
    public boolean canFork() {
        return true;
    }

    @Override
    public ClientSul fork() {
        return new ClientSul(client, suite, psk, pskFile, settings);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // The client may have reset the connection already; there is nothing left to end.
        }
    }
}
