package io.secho.conformance.targets;

import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import io.secho.options.DurationConverter;
import io.secho.options.KeyFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the harness is pointed at and how, read from JUnit configuration parameters (which also fall back
 * to JVM system properties, so {@code mvn verify -Dsecho.target=HOST:PORT} works as well as the jar).
 */
public record TargetConfig(
        Optional<InetSocketAddress> external,
        Optional<String> image,
        Set<Suite> suites,
        Optional<PreSharedKey> psk,
        Optional<Path> pskFile,
        Duration handshakeTimeout,
        Duration ioTimeout,
        Optional<Duration> idleTimeout,
        Optional<Integer> maxConnections,
        String seed,
        boolean preflightGate,
        Optional<Duration> caseTimeLimit,
        Optional<ImageSpec> imageSpec,
        Optional<InetSocketAddress> startedImage) {

    public static final String TARGET = "secho.target";
    public static final String IMAGE = "secho.image";
    public static final String SUITES = "secho.suites";
    public static final String PSK_FILE = "secho.psk-file";
    public static final String SEED = "secho.seed";
    public static final String HANDSHAKE_TIMEOUT = "secho.handshake-timeout";
    public static final String IO_TIMEOUT = "secho.io-timeout";
    public static final String IDLE_TIMEOUT = "secho.idle-timeout";
    public static final String MAX_CONNECTIONS = "secho.max-connections";
    /**
     * {@code false} lets every case meet the target on its own even when the preflight found that none can
     * pass (no connection served, not Secho): for the harness's own self-test, which checks that each case
     * earns its verdict. Not a user option.
     */
    public static final String PREFLIGHT_GATE = "secho.internal.preflight-gate";
    /** Overrides every case's default time limit: for the self-test that proves the limit is enforced. */
    public static final String CASE_TIME_LIMIT = "secho.internal.case-time-limit";
    /**
     * Where the command line's image answers when the command line started it itself (to fail fast with exit
     * code 3 and the container's log): the run then uses it instead of starting one. Not a user option.
     */
    public static final String STARTED_IMAGE = "secho.internal.image-address";
    public static final String CASE = "secho.case";
    public static final String FAMILY = "secho.family";
    /** A file of sequences learn wrote: more cases LEARN-001.N. */
    public static final String LEARNED_CASES = "secho.learned-cases";
    public static final String REPORT_DIR = "secho.report.dir";
    /** {@code v1} (the default) or {@code lab}: which catalogue of cases runs. */
    public static final String PROFILE = "secho.profile";
    public static final String PROFILE_V1 = "v1";
    public static final String PROFILE_LAB = "lab";

    /** The spec's ceiling: a conforming server times out a silent client within 30 s. */
    public static final Duration SPEC_MAX_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(5);
    /** The largest seed: the largest whole number a JSON report's reader holds exactly (2^53 - 1). */
    public static final long MAX_SEED = (1L << 53) - 1;
    /** LIM-009 opens this many connections at most; a larger limit is checked by hand, not here. */
    public static final int MAX_CHECKED_CONNECTIONS = 1024;

    public boolean embedded() {
        return external.isEmpty() && image.isEmpty();
    }

    /**
     * @throws IllegalArgumentException with a message fit for a user, for any malformed value
     */
    public static TargetConfig from(Function<String, Optional<String>> parameters) {
        Optional<InetSocketAddress> external = parameters.apply(TARGET).filter(v -> !v.isBlank())
                .map(TargetConfig::parseHostPort);
        Optional<String> image = parameters.apply(IMAGE).filter(v -> !v.isBlank()).map(String::strip);
        if (external.isPresent() && image.isPresent()) {
            throw new IllegalArgumentException("give either a target (HOST:PORT) or an image, not both");
        }
        Set<Suite> suites = parameters.apply(SUITES).filter(v -> !v.isBlank()).map(TargetConfig::parseSuites)
                .orElse(EnumSet.allOf(Suite.class));
        Optional<Path> pskFile = parameters.apply(PSK_FILE).filter(v -> !v.isBlank()).map(Path::of);
        Optional<PreSharedKey> psk = pskFile.map(TargetConfig::readKey);
        Duration handshakeTimeout = parameters.apply(HANDSHAKE_TIMEOUT).filter(v -> !v.isBlank())
                .map(v -> parseDuration(v, HANDSHAKE_TIMEOUT)).orElse(SPEC_MAX_HANDSHAKE_TIMEOUT);
        if (handshakeTimeout.compareTo(SPEC_MAX_HANDSHAKE_TIMEOUT) > 0 || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException(HANDSHAKE_TIMEOUT + ": " + DurationConverter.format(handshakeTimeout)
                    + " is not a handshake timeout a server may have: more than 0s and at most "
                    + DurationConverter.format(SPEC_MAX_HANDSHAKE_TIMEOUT) + " (REQ-LIM-2)");
        }
        Duration ioTimeout = parameters.apply(IO_TIMEOUT).filter(v -> !v.isBlank())
                .map(v -> parseDuration(v, IO_TIMEOUT)).orElse(DEFAULT_IO_TIMEOUT);
        Optional<Duration> idleTimeout = parameters.apply(IDLE_TIMEOUT).filter(v -> !v.isBlank())
                .map(v -> parseDuration(v, IDLE_TIMEOUT));
        Optional<Integer> maxConnections = parameters.apply(MAX_CONNECTIONS).filter(v -> !v.isBlank())
                .map(TargetConfig::parseMaxConnections);
        boolean gate = parameters.apply(PREFLIGHT_GATE).map(v -> !v.strip().equalsIgnoreCase("false")).orElse(true);
        Optional<Duration> caseTimeLimit = parameters.apply(CASE_TIME_LIMIT).filter(v -> !v.isBlank())
                .map(v -> parseDuration(v, CASE_TIME_LIMIT));
        String seed = parameters.apply(SEED).filter(v -> !v.isBlank()).map(v -> Long.toString(parseSeed(v)))
                .orElseGet(TargetConfig::freshSeed);
        Optional<ImageSpec> imageSpec = ImageSpec.from(parameters, name -> Optional.ofNullable(System.getenv(name)));
        Optional<InetSocketAddress> startedImage = parameters.apply(STARTED_IMAGE).filter(v -> !v.isBlank())
                .map(TargetConfig::parseHostPort);
        return new TargetConfig(external, image, suites, psk, pskFile, handshakeTimeout, ioTimeout, idleTimeout,
                maxConnections, seed, gate, caseTimeLimit, imageSpec, startedImage);
    }

    public static InetSocketAddress parseHostPort(String value) {
        String text = value.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("target '" + value + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target '" + value + "': port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("target '" + value + "': port must be 1..65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    static int parseMaxConnections(String value) {
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_CONNECTIONS + ": '" + value + "' is not a number");
        }
        if (limit < 1 || limit > MAX_CHECKED_CONNECTIONS) {
            throw new IllegalArgumentException(MAX_CONNECTIONS + ": " + limit + " is not in 1.." + MAX_CHECKED_CONNECTIONS);
        }
        return limit;
    }

    public static Set<Suite> parseSuites(String value) {
        Set<Suite> suites = EnumSet.noneOf(Suite.class);
        for (String name : value.split(",")) {
            suites.add(Suite.fromWireName(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown suite '" + name.strip() + "' (choose x25519, modp2048, psk)")));
        }
        return suites;
    }

    /**
     * A seed as given: a whole number from 0 to {@link #MAX_SEED}, so that every report holds it as a number.
     *
     * @throws IllegalArgumentException with a message fit for a user, for anything else
     */
    public static long parseSeed(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,16}")) {
            long seed = Long.parseLong(text);
            if (seed <= MAX_SEED) {
                return seed;
            }
        }
        throw new IllegalArgumentException(SEED + ": '" + value + "' is not a seed (a whole number from 0 to "
                + MAX_SEED + ")");
    }

    /** "10s", "500ms", "1.5s", "2m" or plain seconds: the syntax of every tool, {@link DurationConverter}. */
    public static Duration parseDuration(String value, String what) {
        try {
            return DurationConverter.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static PreSharedKey readKey(Path file) {
        try {
            return PreSharedKey.fromFile(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(PSK_FILE + ": " + KeyFiles.describe(file, e));
        } catch (IllegalArgumentException e) {
            // The content is wrong (REQ-KEX-11); the message says how without showing it.
            throw new IllegalArgumentException(PSK_FILE + ": " + KeyFiles.shown(file) + ": " + e.getMessage(), e);
        }
    }

    /** A seed for a run that was given none: printed, so that the run can be replayed. */
    public static String freshSeed() {
        return Long.toUnsignedString(new SecureRandom().nextLong() >>> 16);
    }
}
