package io.secho.lab;

import io.secho.crypto.RandomBytes;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a lab client is told: where, which profile, the fixed key (sec only), and how long to wait. */
public record LabClientConfig(String host, int port, LabProfile profile, Optional<LabKey> key, Duration timeout,
                              RandomBytes random) {
    public LabClientConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(random, "random");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout.toMillis() + " ms");
        }
        LabServerConfig.checkKey(profile, key);
    }
}
