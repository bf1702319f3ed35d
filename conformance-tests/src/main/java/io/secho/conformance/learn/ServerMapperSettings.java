package io.secho.conformance.learn;

import io.secho.conformance.peer.PreSharedKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server mapper talks to its target.
 *
 * @param target the server's address
 * @param psk the key for ClientHello(psk) (REQ-KEX-10); empty leaves psk out of the alphabet
 * @param quietPeriod how long a step waits without a byte before it counts the server as quiet ("Nothing")
 * @param connectTimeout bound on each TCP connect
 * @param stepLimit bound on one step's reading in all: a server that keeps sending ends the step as "Timeout"
 * @param seed the seed of the randoms, private keys and payload keys (a run's bytes are reproducible per
 *     connection number)
 * @param answerWait how long a step waits for the first byte where the spec's machine, followed as long as the
 *     target agrees with it, says the target answers: a slow answer is then not taken for "Nothing" and its
 *     frames for the next step's (only a target that stays silent where it owes an answer costs this wait)
 */
public record ServerMapperSettings(InetSocketAddress target, Optional<PreSharedKey> psk, Duration quietPeriod,
        Duration connectTimeout, Duration stepLimit, long seed, Duration answerWait) {
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(200);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STEP_LIMIT = Duration.ofSeconds(5);
    public static final long DEFAULT_SEED = 12;
    public static final Duration DEFAULT_ANSWER_WAIT = Duration.ofSeconds(2);

    public ServerMapperSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(psk, "psk");
        requirePositive(quietPeriod, "quiet period");
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(stepLimit, "step limit");
        requirePositive(answerWait, "answer wait");
        if (stepLimit.compareTo(quietPeriod) <= 0) {
            throw new IllegalArgumentException("the step limit must exceed the quiet period");
        }
    }

    /** The defaults for a target, with or without a PSK. */
    public static ServerMapperSettings of(InetSocketAddress target, Optional<PreSharedKey> psk) {
        return new ServerMapperSettings(target, psk, DEFAULT_QUIET_PERIOD, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_STEP_LIMIT, DEFAULT_SEED, DEFAULT_ANSWER_WAIT);
    }

    public ServerMapperSettings withQuietPeriod(Duration value) {
        return new ServerMapperSettings(target, psk, value, connectTimeout, stepLimit, seed, answerWait);
    }

    public ServerMapperSettings withStepLimit(Duration value) {
        return new ServerMapperSettings(target, psk, quietPeriod, connectTimeout, value, seed, answerWait);
    }

    public ServerMapperSettings withSeed(long value) {
        return new ServerMapperSettings(target, psk, quietPeriod, connectTimeout, stepLimit, value, answerWait);
    }

    public ServerMapperSettings withAnswerWait(Duration value) {
        return new ServerMapperSettings(target, psk, quietPeriod, connectTimeout, stepLimit, seed, value);
    }

    private static void requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
