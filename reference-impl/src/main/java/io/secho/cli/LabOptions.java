package io.secho.cli;

import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabVariant;
import io.secho.wire.Hex;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --profile} and the lab profile's knobs, shared by the client and the server command. Every
 * knob defaults to the lab's most common choice; a knob given without {@code --profile lab}, or for the
 * other variant, is a usage error rather than silently ignored.
 */
final class LabOptions {
    enum Profile { V1, LAB }

    /** Options that only the dh variant uses. */
    private static final List<String> DH_ONLY = List.of("--hkdf-info", "--key-encoding", "--key-format",
            "--server-sends-key-first");
    private static final List<String> LAB_ONLY = List.of("--lab-variant", "--key-file", "--nonce-length", "--aad",
            "--hkdf-info", "--key-encoding", "--key-format", "--server-sends-key-first", "--plaintext-replies");

    @CommandLine.Option(names = "--profile", paramLabel = "v1|lab", defaultValue = "v1",
            description = "Protocol: v1 (Secho v1, default) or lab (the lab's de facto protocol, spec/lab-profile.md).")
    Profile profile;

    @CommandLine.Option(names = "--lab-variant", paramLabel = "sec|dh",
            description = "Lab: sec (fixed key from --key-file) or dh (Diffie-Hellman first). Default: sec when "
                    + "--key-file is given, else dh.")
    String variant;

    @CommandLine.Option(names = "--key-file", paramLabel = "FILE",
            description = "Lab sec: the fixed AES key, 16 or 32 raw bytes or the same as hex text. Never on the "
                    + "command line.")
    Path keyFile;

    @CommandLine.Option(names = "--nonce-length", paramLabel = "12|16",
            description = "Lab: nonce length in bytes (default: 12).")
    Integer nonceLength;

    @CommandLine.Option(names = "--aad", paramLabel = "HEX",
            description = "Lab: associated data of every record, as hex (default: none).")
    String aad;

    @CommandLine.Option(names = "--hkdf-info", paramLabel = "TEXT",
            description = "Lab dh: the HKDF info string (default: '" + LabProfile.DEFAULT_HKDF_INFO + "').")
    String hkdfInfo;

    @CommandLine.Option(names = "--key-encoding", paramLabel = "pem|der",
            description = "Lab dh: how we send our public key (default: pem); both are accepted.")
    String keyEncoding;

    @CommandLine.Option(names = "--key-format", paramLabel = "pkcs3|x942",
            description = "Lab dh: the public key format we send (default: pkcs3); both are accepted.")
    String keyFormat;

    @CommandLine.Option(names = "--server-sends-key-first",
            description = "Lab dh: the server sends its public key before reading the client's.")
    boolean serverSendsKeyFirst;

    @CommandLine.Option(names = "--plaintext-replies",
            description = "Lab: the server answers in plaintext instead of sealing its replies.")
    boolean plaintextReplies;

    boolean lab() {
        return profile == Profile.LAB;
    }

    /** Under v1: no lab knob may be given, so that a forgotten {@code --profile lab} is caught. */
    void rejectForV1(CommandLine commandLine) {
        for (String option : LAB_ONLY) {
            if (given(commandLine, option)) {
                throw new CommandLine.ParameterException(commandLine, option + " belongs to the lab profile: add "
                        + "--profile lab");
            }
        }
    }

    /** Under lab: the v1 options given are refused by name (the lab protocol has no suites and no PSK). */
    static void rejectForLab(CommandLine commandLine, List<String> v1Options) {
        for (String option : v1Options) {
            if (given(commandLine, option)) {
                throw new CommandLine.ParameterException(commandLine, option + " is a Secho v1 option; the lab "
                        + "profile has no use for it");
            }
        }
    }

    /** @throws CommandLine.ParameterException for a bad or misplaced knob: a usage error, not a crash */
    LabProfile toProfile(CommandLine commandLine) {
        LabVariant labVariant = variant == null ? (keyFile != null ? LabVariant.SEC : LabVariant.DH)
                : LabVariant.parse(variant).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                        "--lab-variant: '" + variant + "' is not " + LabVariant.choices()));
        if (labVariant == LabVariant.SEC) {
            for (String option : DH_ONLY) {
                if (given(commandLine, option)) {
                    throw new CommandLine.ParameterException(commandLine, option + " is for the dh variant only");
                }
            }
            if (keyFile == null) {
                throw new CommandLine.ParameterException(commandLine, "the sec variant needs the fixed key: "
                        + "--key-file FILE (16 or 32 raw bytes, or hex)");
            }
        } else if (keyFile != null) {
            throw new CommandLine.ParameterException(commandLine, "--key-file is for the sec variant; the dh "
                    + "variant derives its key by Diffie-Hellman");
        }
        LabProfile result = LabProfile.defaults(labVariant);
        if (nonceLength != null) {
            try {
                result = result.withNonceLength(nonceLength);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--nonce-length: " + e.getMessage());
            }
        }
        if (aad != null) {
            try {
                result = result.withAad(Hex.decode(aad));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--aad: " + e.getMessage());
            }
        }
        if (hkdfInfo != null) {
            result = result.withHkdfInfo(hkdfInfo);
        }
        if (keyEncoding != null) {
            result = result.withKeyEncoding(LabProfile.parseKeyEncoding(keyEncoding).orElseThrow(() ->
                    new CommandLine.ParameterException(commandLine, "--key-encoding: '" + keyEncoding + "' is not pem|der")));
        }
        if (keyFormat != null) {
            result = result.withKeyFormat(LabProfile.parseKeyFormat(keyFormat).orElseThrow(() ->
                    new CommandLine.ParameterException(commandLine, "--key-format: '" + keyFormat + "' is not pkcs3|x942")));
        }
        return result.withServerSendsKeyFirst(serverSendsKeyFirst).withPlaintextReplies(plaintextReplies);
    }

    /** Reads the sec variant's key file and says how it was read; empty for dh. */
    Optional<LabKey> loadKey(CommandLine commandLine, String who) {
        if (keyFile == null) {
            return Optional.empty();
        }
        LabKey key;
        try {
            key = LabKey.fromFile(keyFile);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(commandLine, "--key-file: no such file: " + keyFile);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(commandLine, "--key-file: cannot read " + keyFile + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--key-file: " + e.getMessage());
        }
        PrintWriter err = commandLine.getErr();
        err.println(who + ": key file " + keyFile + " read as " + key.source());
        err.flush();
        return Optional.of(key);
    }

    private static boolean given(CommandLine commandLine, String option) {
        return commandLine.getParseResult() != null && commandLine.getParseResult().hasMatchedOption(option);
    }
}
