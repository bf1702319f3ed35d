package io.secho.options;

import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --profile} and the lab profile's knobs, a picocli mixin shared by the client and server commands
 * and by the conformance harness, so that all three spell and explain them alike. Every knob defaults to
 * the lab's most common choice; a knob given without {@code --profile lab}, or for the other variant, is
 * a usage error rather than silently ignored.
 */
public final class LabOptions {
    public enum Profile { V1, LAB }

    /** The last section of every command's help: most users never need it. */
    private static final int HELP_SECTION_ORDER = 90;

    /** A group only for the help's sake: the lab options under their own heading. */
    @CommandLine.ArgGroup(validate = false, heading = "%nLab profile (--profile lab):%n", order = HELP_SECTION_ORDER)
    Knobs knobs = new Knobs();

    static final class Knobs {
        @CommandLine.Option(names = "--profile", paramLabel = "v1|lab", defaultValue = "v1",
                description = "Protocol: v1 (Secho v1, default) or lab (the lab's de facto protocol, "
                        + "spec/lab-profile.md).")
        Profile profile;

        @CommandLine.Option(names = LabProfileOptions.VARIANT, paramLabel = "sec|dh",
                description = "Lab: sec (fixed key from --key-file) or dh (Diffie-Hellman first). Default: sec when "
                        + "--key-file is given, else dh.")
        String variant;

        @CommandLine.Option(names = LabProfileOptions.KEY_FILE, paramLabel = "FILE",
                description = "Lab sec: the fixed AES key, 16 or 32 raw bytes or the same as hex text. Never on the "
                        + "command line.")
        Path keyFile;

        @CommandLine.Option(names = LabProfileOptions.KEY_FILE_FORMAT, paramLabel = "auto|raw|hex",
                description = "Lab sec: how to read --key-file (default: auto, which reads 32 or 64 hex digits as "
                        + "hex and says when the file is also a raw key).")
        String keyFileFormat;

        @CommandLine.Option(names = LabProfileOptions.NONCE_LENGTH, paramLabel = "12|16",
                description = "Lab: nonce length in bytes (default: 12).")
        String nonceLength;

        @CommandLine.Option(names = LabProfileOptions.AAD, paramLabel = "HEX",
                description = "Lab: associated data of every record, as hex (default: none).")
        String aad;

        @CommandLine.Option(names = LabProfileOptions.HKDF_INFO, paramLabel = "TEXT",
                description = "Lab dh: the HKDF info string (default: '" + LabProfile.DEFAULT_HKDF_INFO + "').")
        String hkdfInfo;

        @CommandLine.Option(names = LabProfileOptions.KEY_ENCODING, paramLabel = "pem|der",
                description = "Lab dh: how we send our public key (default: pem); both are accepted.")
        String keyEncoding;

        @CommandLine.Option(names = LabProfileOptions.KEY_FORMAT, paramLabel = "pkcs3|x942",
                description = "Lab dh: the public key format we send (default: pkcs3); both are accepted.")
        String keyFormat;

        @CommandLine.Option(names = LabProfileOptions.SERVER_SENDS_KEY_FIRST,
                description = "Lab dh: the server sends its public key before reading the client's.")
        boolean serverSendsKeyFirst;

        @CommandLine.Option(names = LabProfileOptions.PLAINTEXT_REPLIES,
                description = "Lab: the server answers in plaintext instead of sealing its replies.")
        boolean plaintextReplies;
    }

    public boolean lab() {
        return knobs.profile == Profile.LAB;
    }

    /** Under v1 no lab knob may be given, so that a forgotten {@code --profile lab} is caught. */
    public void rejectForV1(CommandLine commandLine) {
        given().keySet().stream().findFirst().ifPresent(option -> {
            throw new CommandLine.ParameterException(commandLine, option + " belongs to the lab profile: add "
                    + "--profile lab");
        });
    }

    /** Under lab the v1 options given are refused by name: the lab protocol has no suites and no PSK. */
    public static void rejectForLab(CommandLine commandLine, List<String> v1Options) {
        for (String option : v1Options) {
            if (commandLine.getParseResult() != null && commandLine.getParseResult().hasMatchedOption(option)) {
                throw new CommandLine.ParameterException(commandLine, option + " is a Secho v1 option; the lab "
                        + "profile has no use for it");
            }
        }
    }

    /** @throws CommandLine.ParameterException for a bad or misplaced knob: a usage error, not a crash */
    public LabProfile toProfile(CommandLine commandLine) {
        try {
            return LabProfileOptions.parse(given());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /**
     * Reads the sec variant's key file and always says how it was read (raw or hex, and whether the file is
     * ambiguous), never the key; empty for dh.
     */
    public Optional<LabKey> loadKey(CommandLine commandLine, String who) {
        Path keyFile = knobs.keyFile;
        if (keyFile == null) {
            return Optional.empty();
        }
        LabKey key;
        try {
            key = LabKey.fromFile(keyFile, LabProfileOptions.keyFileFormat(given()));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(commandLine, LabProfileOptions.KEY_FILE + ": "
                    + KeyFiles.describe(keyFile, e));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, LabProfileOptions.KEY_FILE + ": " + e.getMessage());
        }
        PrintWriter err = commandLine.getErr();
        err.println(who + ": key file " + keyFile + " read as " + key.source());
        KeyFiles.permissionWarnings(keyFile).forEach(warning -> err.println(who + ": warning: " + warning));
        err.flush();
        return Optional.of(key);
    }

    /** The lab key file given, if any, for a tool that reads it elsewhere (the harness) to check who can read it. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(knobs.keyFile);
    }

    /** The lab options given, by name, as {@link LabProfileOptions#parse} takes them. */
    public Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        putIfGiven(given, LabProfileOptions.VARIANT, knobs.variant);
        putIfGiven(given, LabProfileOptions.KEY_FILE, knobs.keyFile == null ? null : knobs.keyFile.toString());
        putIfGiven(given, LabProfileOptions.KEY_FILE_FORMAT, knobs.keyFileFormat);
        putIfGiven(given, LabProfileOptions.NONCE_LENGTH, knobs.nonceLength);
        putIfGiven(given, LabProfileOptions.AAD, knobs.aad);
        putIfGiven(given, LabProfileOptions.HKDF_INFO, knobs.hkdfInfo);
        putIfGiven(given, LabProfileOptions.KEY_ENCODING, knobs.keyEncoding);
        putIfGiven(given, LabProfileOptions.KEY_FORMAT, knobs.keyFormat);
        putIfGiven(given, LabProfileOptions.SERVER_SENDS_KEY_FIRST, knobs.serverSendsKeyFirst ? "true" : null);
        putIfGiven(given, LabProfileOptions.PLAINTEXT_REPLIES, knobs.plaintextReplies ? "true" : null);
        return given;
    }

    private static void putIfGiven(Map<String, String> given, String option, String value) {
        if (value != null) {
            given.put(option, value);
        }
    }
}
