package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.options.KeyFiles;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pre-shared key comes from: a file or the environment, never the command line, where any
 * user could read it with ps. An argument group without a heading, so that each command shows it in its own
 * "Suites and keys" section.
 */
final class PskOptions {
    static final String ENVIRONMENT_VARIABLE = "SECHO_PSK";
    static final String OPTION = "--psk-file";

    @CommandLine.Option(names = OPTION, paramLabel = "FILE",
            description = "File holding the 256-bit pre-shared key as 64 hex digits (keygen makes one). Without it, "
                    + "the key is read from the environment variable " + ENVIRONMENT_VARIABLE + " if set.")
    Path pskFile;

    /**
     * Warns (on {@code who}'s behalf) when others can read the key file.
     *
     * @throws CommandLine.ParameterException for a missing, unreadable or malformed key: a usage error, not a crash
     */
    Optional<PreSharedKey> load(CommandLine commandLine, Map<String, String> environment, String who) {
        if (pskFile != null) {
            PreSharedKey key;
            try {
                key = PreSharedKey.fromFile(pskFile);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, OPTION + ": " + KeyFiles.describe(pskFile, e));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, OPTION + ": " + e.getMessage());
            }
            PrintWriter err = commandLine.getErr();
            KeyFiles.permissionWarnings(pskFile).forEach(warning -> err.println(who + ": warning: " + warning));
            err.flush();
            return Optional.of(key);
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
