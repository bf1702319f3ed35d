package io.secho.client;

import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.session.Timeouts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * @param suites tried in order: a server that answers unsupported_suite gets the next one on a new connection
 * @param timeout bound on connecting and on each wait for the server (REQ-LIM-8: at most 30 s)
 */
public record ClientConfig(
        String host,
        int port,
        List<Suite> suites,
        Optional<PreSharedKey> psk,
        Duration timeout,
        RandomBytes random) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ClientConfig {
        suites = List.copyOf(suites);
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("at least one suite is needed");
        }
        // REQ-KEX-10: psk is proposed only with a key.
        if (suites.contains(Suite.PSK) && psk.isEmpty()) {
            throw new IllegalArgumentException("suite psk needs a pre-shared key (--psk-file or SECHO_PSK)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        // REQ-LIM-8: no wait for the server longer than 30 s.
        if (timeout.compareTo(Timeouts.MAX_WAIT) > 0) {
            throw new IllegalArgumentException("timeout must be at most " + Timeouts.MAX_WAIT.toSeconds()
                    + "s (a client bounds each wait for the server by 30 s at most)");
        }
    }

    public static ClientConfig of(String host, int port, List<Suite> suites, Optional<PreSharedKey> psk) {
        return new ClientConfig(host, port, suites, psk, DEFAULT_TIMEOUT, new SystemRandomBytes());
    }
}
