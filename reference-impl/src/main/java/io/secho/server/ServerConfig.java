package io.secho.server;

import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.session.Timeouts;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Everything a reference server is told; build with {@link #builder()}. */
public record ServerConfig(
        InetAddress bindAddress,
        int port,
        Set<Suite> suites,
        Optional<PreSharedKey> psk,
        Duration handshakeTimeout,
        Duration idleTimeout,
        Duration drainTime,
        int maxConnections,
        RandomBytes random,
        Consumer<String> log) {

    public static final int DEFAULT_PORT = 8443;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        suites = Set.copyOf(suites);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("the server must offer at least one suite");
        }
        // REQ-KEX-10: psk only with a configured key (PreSharedKey holds exactly 32 bytes).
        if (suites.contains(Suite.PSK) && psk.isEmpty()) {
            throw new IllegalArgumentException("suite psk needs a pre-shared key (--psk-file or SECHO_PSK)");
        }
        requirePositive(handshakeTimeout, "handshake timeout");
        requirePositive(idleTimeout, "idle timeout");
        // REQ-LIM-2: never a handshake timeout above 30 s.
        if (handshakeTimeout.compareTo(Timeouts.MAX_WAIT) > 0) {
            throw new IllegalArgumentException("handshake timeout must be at most " + Timeouts.MAX_WAIT.toSeconds()
                    + "s (the spec's limit)");
        }
        if (drainTime.isNegative()) {
            throw new IllegalArgumentException("drain time must not be negative");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, was " + maxConnections);
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be more than 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 127.0.0.1:8443, every suite it has a key for, the spec's timeouts, stderr log. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private Set<Suite> suites;
        private Optional<PreSharedKey> psk = Optional.empty();
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration drainTime = Timeouts.MAX_DRAIN;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private RandomBytes random = new SystemRandomBytes();
        private Consumer<String> log = System.err::println;

        public Builder bindAddress(InetAddress value) {
            bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder suites(Set<Suite> value) {
            suites = value;
            return this;
        }

        public Builder psk(PreSharedKey value) {
            psk = Optional.of(value);
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder drainTime(Duration value) {
            drainTime = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Must be safe to call from many connection threads at once. */
        public Builder random(RandomBytes value) {
            random = value;
            return this;
        }

        public Builder log(Consumer<String> value) {
            log = value;
            return this;
        }

        public ServerConfig build() {
            Set<Suite> offered = suites;
            if (offered == null) {
                offered = EnumSet.of(Suite.X25519, Suite.MODP2048);
                if (psk.isPresent()) {
                    offered.add(Suite.PSK);
                }
            }
            return new ServerConfig(bindAddress, port, offered, psk, handshakeTimeout, idleTimeout, drainTime,
                    maxConnections, random, log);
        }
    }
}
