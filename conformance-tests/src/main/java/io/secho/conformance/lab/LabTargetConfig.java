package io.secho.conformance.lab;

import io.secho.conformance.targets.TargetConfig;
import io.secho.lab.KeyFileFormat;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabVariant;
import io.secho.options.KeyFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a lab run is pointed at and how, from the same configuration parameters as a v1 run
 * ({@code secho.target}, {@code secho.seed}, {@code secho.io-timeout}) plus one per lab option:
 * {@code secho.lab-variant}, {@code secho.key-file}, {@code secho.nonce-length}, and so on.
 *
 * @param key           the sec variant's fixed key; empty for dh, and for an embedded server not given one
 * @param keyFileFormat how the key file was read, as {@code --key-file-format} said (auto when not given)
 */
public record LabTargetConfig(LabProfile profile, Optional<InetSocketAddress> external, Optional<Path> keyFile,
                              KeyFileFormat keyFileFormat, Optional<LabKey> key, Duration ioTimeout, String seed) {
    /**
     * Lab servers answer at once or not at all; many hang after an abrupt disconnect, and a run must
     * say so quickly rather than wait v1's five seconds on every case.
     */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(3);

    /** {@code --nonce-length} is {@code secho.nonce-length} as a configuration parameter. */
    public static String parameterName(String option) {
        return "secho." + option.substring(2);
    }

    /**
     * @throws IllegalArgumentException with a message fit for a user, for any malformed value
     */
    public static LabTargetConfig from(Function<String, Optional<String>> parameters) {
        Optional<InetSocketAddress> external = parameters.apply(TargetConfig.TARGET).filter(v -> !v.isBlank())
                .map(TargetConfig::parseHostPort);
        Map<String, String> given = new LinkedHashMap<>();
        for (String option : LabProfileOptions.ALL) {
            Optional<String> value = parameters.apply(parameterName(option)).map(String::strip);
            if (option.equals(LabProfileOptions.HKDF_INFO)) {
                // An empty info is a real choice (Python's info=b"" or info=None), not a missing option.
                value.ifPresent(v -> given.put(option, v));
            } else if (isFlag(option)) {
                // -Dsecho.plaintext-replies alone means true; "false" means the flag is not given.
                value.filter(v -> !v.equalsIgnoreCase("false")).ifPresent(v -> given.put(option, v.isEmpty() ? "true" : v));
            } else {
                value.filter(v -> !v.isEmpty()).ifPresent(v -> given.put(option, v));
            }
        }
        Optional<Path> keyFile = Optional.ofNullable(given.get(LabProfileOptions.KEY_FILE)).map(Path::of);
        boolean secVariant = given.containsKey(LabProfileOptions.VARIANT)
                && LabVariant.parse(given.get(LabProfileOptions.VARIANT)).orElse(null) == LabVariant.SEC;
        if (external.isEmpty() && secVariant && keyFile.isEmpty()) {
            // The embedded reference server gets a key made from the seed; only a real target needs the file.
            given.put(LabProfileOptions.KEY_FILE, "(embedded)");
        }
        LabProfile profile = LabProfileOptions.parse(given);
        KeyFileFormat keyFileFormat = LabProfileOptions.keyFileFormat(given);
        Optional<LabKey> key = keyFile.map(file -> readKey(file, keyFileFormat));
        Duration ioTimeout = parameters.apply(TargetConfig.IO_TIMEOUT).filter(v -> !v.isBlank())
                .map(v -> TargetConfig.parseDuration(v, TargetConfig.IO_TIMEOUT)).orElse(DEFAULT_IO_TIMEOUT);
        String seed = parameters.apply(TargetConfig.SEED).filter(v -> !v.isBlank())
                .map(v -> Long.toString(TargetConfig.parseSeed(v))).orElseGet(TargetConfig::freshSeed);
        return new LabTargetConfig(profile, external, keyFile, keyFileFormat, key, ioTimeout, seed);
    }

    /** The options that replay a case against the same target in the same profile. */
    public List<String> replayOptions() {
        List<String> options = new ArrayList<>(LabProfileOptions.toArguments(profile));
        keyFile.ifPresent(file -> options.addAll(List.of(LabProfileOptions.KEY_FILE, file.toString())));
        if (keyFileFormat != KeyFileFormat.AUTO) {
            options.addAll(List.of(LabProfileOptions.KEY_FILE_FORMAT, keyFileFormat.optionName()));
        }
        return options;
    }

    /** How the key file was read, for the report's heading: always said, since a wrong reading is a wrong key. */
    public Optional<String> keyReading() {
        return keyFile.flatMap(file -> key.map(k -> "key file " + file + " read as " + k.source()));
    }

    private static boolean isFlag(String option) {
        return option.equals(LabProfileOptions.SERVER_SENDS_KEY_FIRST) || option.equals(LabProfileOptions.PLAINTEXT_REPLIES);
    }

    private static LabKey readKey(Path file, KeyFileFormat format) {
        try {
            return LabKey.fromFile(file, format);
        } catch (IOException e) {
            throw new IllegalArgumentException(LabProfileOptions.KEY_FILE + ": " + KeyFiles.describe(file, e));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LabProfileOptions.KEY_FILE + ": " + e.getMessage(), e);
        }
    }
}
