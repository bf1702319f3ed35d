package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pre-shared key comes from: a file or the environment, never the command line, where any
 * user could read it with ps.
 */
final class PskOptions {
    static final String ENVIRONMENT_VARIABLE = "SECHO_PSK";

    @CommandLine.Option(names = "--psk-file", paramLabel = "FILE",
            description = "File holding the 256-bit pre-shared key as 64 hex digits. Without it, the key is read "
                    + "from the environment variable " + ENVIRONMENT_VARIABLE + " if set.")
    Path pskFile;

    /** @throws CommandLine.ParameterException for a missing or malformed key: a usage error, not a crash */
    Optional<PreSharedKey> load(CommandLine commandLine, Map<String, String> environment) {
        if (pskFile != null) {
            try {
                return Optional.of(PreSharedKey.fromFile(pskFile));
            } catch (NoSuchFileException e) {
                throw new CommandLine.ParameterException(commandLine, "--psk-file: no such file: " + pskFile);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, "--psk-file: cannot read " + pskFile + ": " + e);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--psk-file: " + e.getMessage());
            }
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                return Optional.of(PreSharedKey.fromHex(fromEnvironment));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, ENVIRONMENT_VARIABLE + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
