package io.secho.conformance.targets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code --image} starts: the image, the container port that serves Secho, the environment variables it
 * gets beside SECHO_PSK, the arguments that replace the image's CMD, and how long it may take to answer its
 * first ClientHello.
 *
 * <p>Variable values can be secrets, so nothing here ever prints one: messages and {@link #describe()} name
 * the variables only.
 */
public record ImageSpec(String name, int port, Map<String, String> environment, List<String> arguments,
                        Duration startupTimeout) {
    public static final String PORT = "secho.image-port";
    /** NAME=VALUE, or NAME to pass the harness's own variable on; several separated by line breaks. */
    public static final String ENV = "secho.image-env";
    /** The arguments that replace the image's CMD; several separated by line breaks. */
    public static final String ARG = "secho.image-arg";
    public static final String STARTUP_TIMEOUT = "secho.image-startup-timeout";
    /** The separator of several entries in one parameter: a line break, which no command-line value holds. */
    public static final String SEPARATOR = "\n";

    public static final int DEFAULT_PORT = 8443;
    /** A JVM server in a container on a loaded two-core machine answers within seconds; a minute is ample. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Set from --psk-file only, so that the key never appears on a command line. */
    public static final String PSK_VARIABLE = "SECHO_PSK";
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A word a shell takes as it is; any other is quoted in a replay line. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    public ImageSpec {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        arguments = List.copyOf(arguments);
    }

    /**
     * The image options among the parameters, or empty when no image is named.
     *
     * @param environment the harness's own environment, for {@code NAME} entries that pass a variable on
     * @throws IllegalArgumentException with a message for a user (never holding a variable's value)
     */
    public static Optional<ImageSpec> from(Function<String, Optional<String>> parameters,
                                           Function<String, Optional<String>> environment) {
        Optional<String> name = parameters.apply(TargetConfig.IMAGE).filter(v -> !v.isBlank()).map(String::strip);
        List<String> given = List.of(PORT, ENV, ARG, STARTUP_TIMEOUT).stream()
                .filter(key -> parameters.apply(key).filter(v -> !v.isEmpty()).isPresent())
                .collect(Collectors.toList());
        if (name.isEmpty()) {
            if (!given.isEmpty()) {
                throw new IllegalArgumentException(optionName(given.get(0)) + " belongs to --image (give the image)");
            }
            return Optional.empty();
        }
        int port = parameters.apply(PORT).filter(v -> !v.isBlank()).map(ImageSpec::parsePort).orElse(DEFAULT_PORT);
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : entries(parameters.apply(ENV))) {
            Map.Entry<String, String> variable = parseVariable(entry, environment);
            variables.put(variable.getKey(), variable.getValue());
        }
        Duration startupTimeout = parameters.apply(STARTUP_TIMEOUT).filter(v -> !v.isBlank())
                .map(v -> TargetConfig.parseDuration(v, optionName(STARTUP_TIMEOUT))).orElse(DEFAULT_STARTUP_TIMEOUT);
        if (startupTimeout.isZero()) {
            throw new IllegalArgumentException(optionName(STARTUP_TIMEOUT) + " must be more than 0");
        }
        return Optional.of(new ImageSpec(name.get(), port, variables, entries(parameters.apply(ARG)), startupTimeout));
    }

    /** Several values of a repeatable option as one parameter. */
    public static String join(String option, List<String> values) {
        for (String value : values) {
            if (value.contains(SEPARATOR) || value.contains("\r")) {
                throw new IllegalArgumentException(option + ": a value may not hold a line break");
            }
        }
        return String.join(SEPARATOR, values);
    }

    /** For the run's heading: every setting, the variables by name only. */
    public String describe() {
        return "image " + name + ", container port " + port
                + (environment.isEmpty() ? "" : ", environment " + String.join(" ", environment.keySet()))
                + (arguments.isEmpty() ? "" : ", arguments " + String.join(" ", arguments));
    }

    /**
     * The options beyond --image that a replay needs. A variable is named without its value ({@code --image-env
     * NAME} passes on the replaying shell's own), so that a secret never lands in a report.
     */
    public String replayOptions() {
        StringBuilder options = new StringBuilder();
        if (port != DEFAULT_PORT) {
            options.append(" --image-port ").append(port);
        }
        environment.keySet().forEach(variable -> options.append(" --image-env ").append(variable));
        arguments.forEach(argument -> options.append(" --image-arg ").append(SHELL_WORD.matcher(argument).matches()
                ? argument : "'" + argument.replace("'", "'\\''") + "'"));
        if (!startupTimeout.equals(DEFAULT_STARTUP_TIMEOUT)) {
            options.append(" --image-startup-timeout ").append(startupTimeout.toMillis()).append("ms");
        }
        return options.toString().strip();
    }

    /** The record's own would show the variables' values. */
    @Override
    public String toString() {
        return describe();
    }

    private static List<String> entries(Optional<String> value) {
        List<String> entries = new ArrayList<>();
        value.ifPresent(v -> {
            for (String entry : v.split(SEPARATOR)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        });
        return entries;
    }

    private static int parsePort(String value) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(optionName(PORT) + ": '" + value.strip() + "' is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(optionName(PORT) + ": " + port + " is not in 1..65535");
        }
        return port;
    }

    private static Map.Entry<String, String> parseVariable(String entry, Function<String, Optional<String>> environment) {
        int equals = entry.indexOf('=');
        String variable = equals < 0 ? entry : entry.substring(0, equals);
        if (!VARIABLE_NAME.matcher(variable).matches()) {
            // What was given may be a bare secret: say what is wrong without repeating it.
            throw new IllegalArgumentException(optionName(ENV) + ": an entry is neither NAME=VALUE nor NAME (a "
                    + "variable name: letters, digits, '_'); the value is not shown");
        }
        if (variable.equals(PSK_VARIABLE)) {
            throw new IllegalArgumentException(optionName(ENV) + " " + PSK_VARIABLE + ": give the key with --psk-file; "
                    + "the harness sets " + PSK_VARIABLE + " from it, so the key is never on a command line");
        }
        if (equals >= 0) {
            return Map.entry(variable, entry.substring(equals + 1));
        }
        String value = environment.apply(variable).orElseThrow(() -> new IllegalArgumentException(optionName(ENV) + " "
                + variable + ": the harness's environment has no " + variable + " to pass on (or give NAME=VALUE)"));
        return Map.entry(variable, value);
    }

    /** The command-line option that sets a parameter: {@code secho.image-port} is {@code --image-port}. */
    private static String optionName(String parameter) {
        return "--" + parameter.substring("secho.".length());
    }
}
