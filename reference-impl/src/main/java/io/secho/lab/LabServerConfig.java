package io.secho.lab;

import io.secho.crypto.RandomBytes;
import io.secho.crypto.SystemRandomBytes;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the reference lab server is told. Unlike the lab's servers it bounds every wait, so one client
 * that stalls or vanishes holds up nobody else.
 *
 * @param handshakeTimeout dh: how long a client has to send its key
 * @param idleTimeout      how long a session may stay silent between messages
 */
public record LabServerConfig(InetAddress bindAddress, int port, LabProfile profile, Optional<LabKey> key,
                              Duration handshakeTimeout, Duration idleTimeout, int maxConnections,
                              RandomBytes random, Consumer<String> log) {
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    public LabServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(log, "log");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        requirePositive(handshakeTimeout, "handshake timeout");
        requirePositive(idleTimeout, "idle timeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, was " + maxConnections);
        }
        checkKey(profile, key);
    }

    /** Loopback, the default timeouts, system randomness and no log: for tests and the harness. */
    public static LabServerConfig loopback(int port, LabProfile profile, Optional<LabKey> key) {
        return new LabServerConfig(InetAddress.getLoopbackAddress(), port, profile, key, DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, new SystemRandomBytes(), line -> { });
    }

    public LabServerConfig withTimeouts(Duration handshake, Duration idle) {
        return new LabServerConfig(bindAddress, port, profile, key, handshake, idle, maxConnections, random, log);
    }

    public LabServerConfig withLog(Consumer<String> logger) {
        return new LabServerConfig(bindAddress, port, profile, key, handshakeTimeout, idleTimeout, maxConnections,
                random, logger);
    }

    /** The sec variant needs the fixed key; the dh variant makes its own and must not be given one. */
    static void checkKey(LabProfile profile, Optional<LabKey> key) {
        Objects.requireNonNull(key, "key");
        if (profile.variant() == LabVariant.SEC && key.isEmpty()) {
            throw new IllegalArgumentException("the sec variant needs the fixed key (--key-file)");
        }
        if (profile.variant() == LabVariant.DH && key.isPresent()) {
            throw new IllegalArgumentException("the dh variant derives its key by Diffie-Hellman; a key file is "
                    + "only for the sec variant");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration.toMillis() + " ms");
        }
    }
}
