package io.secho.conformance.clients;

import io.secho.conformance.peer.Suite;
import io.secho.conformance.targets.TargetConfig;
import io.secho.options.DurationConverter;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A run that tests a client instead of a server, read from the same JUnit configuration parameters as every
 * option ({@code -Dsecho.client-command=...} under Maven): the client under test, how long one run of it may
 * take, the suites to test it with and the run's seed.
 */
public record ClientTargetConfig(ClientCommand command, Duration runTimeout, Set<Suite> suites, String seed) {
    public static final String CLIENT_COMMAND = "secho.client-command";
    public static final String CLIENT_REFERENCE = "secho.client-reference";
    public static final String CLIENT_RUN_TIMEOUT = "secho.client-run-timeout";
    /** More than the 30 s a client may wait for the server (REQ-LIM-8), so that a conforming client is never killed. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(45);

    /** True when the parameters ask for the reference client ({@code --client-reference}). */
    public static boolean reference(Function<String, Optional<String>> parameters) {
        return parameters.apply(CLIENT_REFERENCE).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
    }

    /** What the reports call the client, from the parameters alone (for a run that never got to its cases). */
    public static String describe(Function<String, Optional<String>> parameters) {
        return parameters.apply(CLIENT_COMMAND).filter(v -> !v.isBlank()).map(ClientCommand::describe)
                .orElseGet(() -> ClientCommand.reference().description());
    }

    /**
     * @throws IllegalArgumentException with a message fit for a user, for a malformed value, or for both a command
     *                                  and the reference client
     */
    public static ClientTargetConfig from(Function<String, Optional<String>> parameters) {
        Optional<String> command = parameters.apply(CLIENT_COMMAND).filter(v -> !v.isBlank());
        if (command.isPresent() && reference(parameters)) {
            throw new IllegalArgumentException("give either a client command or the reference client, not both");
        }
        ClientCommand client;
        if (command.isPresent()) {
            try {
                client = ClientCommand.parse(command.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CLIENT_COMMAND + ": " + e.getMessage(), e);
            }
        } else if (reference(parameters)) {
            client = ClientCommand.reference();
        } else {
            throw new IllegalArgumentException("no client to test: give " + CLIENT_COMMAND + " or " + CLIENT_REFERENCE);
        }
        Duration runTimeout = parameters.apply(CLIENT_RUN_TIMEOUT).filter(v -> !v.isBlank())
                .map(v -> TargetConfig.parseDuration(v, CLIENT_RUN_TIMEOUT)).orElse(DEFAULT_RUN_TIMEOUT);
        if (runTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(CLIENT_RUN_TIMEOUT + ": " + DurationConverter.format(runTimeout)
                    + " leaves a client no time to start; give at least 1s (the default, 45s, is more than the 30s a "
                    + "client may wait for a server)");
        }
        Set<Suite> suites = parameters.apply(TargetConfig.SUITES).filter(v -> !v.isBlank())
                .map(TargetConfig::parseSuites).orElse(EnumSet.allOf(Suite.class));
        String seed = parameters.apply(TargetConfig.SEED).filter(v -> !v.isBlank())
                .map(v -> Long.toString(TargetConfig.parseSeed(v))).orElseGet(TargetConfig::freshSeed);
        return new ClientTargetConfig(client, runTimeout, suites, seed);
    }
}
