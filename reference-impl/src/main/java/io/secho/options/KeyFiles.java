package io.secho.options;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the tools say about a key file (a PSK file, a lab key file) they cannot read or that others can read,
 * in plain words: never a Java exception's name, and never the name given when that name looks like a key
 * typed where the file belonged.
 */
public final class KeyFiles {
    /** A 16-byte key as hex, or longer: a name like that is a key put where its file's name belonged. */
    private static final Pattern KEY_LIKE = Pattern.compile("[0-9a-fA-F]{32,}");
    /** Read and write for the owner alone: what keygen creates, and what the warning asks for. */
    public static final Set<PosixFilePermission> OWNER_ONLY = Set.copyOf(PosixFilePermissions.fromString("rw-------"));

    private KeyFiles() {
    }

    /** {@code "secho.key: no such file"}, {@code "keys: is a directory, not a key file"}, and so on. */
    public static String describe(Path file, IOException problem) {
        return shown(file) + ": " + cause(file, problem);
    }

    /** The file's name as a message may show it. */
    public static String shown(Path file) {
        return KEY_LIKE.matcher(file.toString()).find()
                ? "the name given (not shown: it looks like a key; give the name of a file that holds the key)"
                : file.toString();
    }

    /**
     * Warnings for the key files given (options not given are null) that users other than the owner can read,
     * saying what to do; none where the file system has no POSIX permissions or the file cannot be read at all
     * (reading it says why).
     */
    public static List<String> permissionWarnings(Path... files) {
        List<String> warnings = new ArrayList<>();
        for (Path file : files) {
            if (file != null) {
                permissionWarning(file).ifPresent(warnings::add);
            }
        }
        return warnings;
    }

    private static Optional<String> permissionWarning(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
        String readers = permissions.contains(PosixFilePermission.OTHERS_READ) ? "every user of this machine"
                : permissions.contains(PosixFilePermission.GROUP_READ) ? "the users of its group" : "";
        if (readers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("key file " + shown(file) + " can be read by " + readers + " (mode " + mode(permissions)
                + "); make it private: chmod " + mode(OWNER_ONLY).substring(1) + " " + shown(file));
    }

    private static String cause(Path file, IOException problem) {
        if (problem instanceof NoSuchFileException) {
            return "no such file";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a key file";
        }
        if (problem instanceof AccessDeniedException) {
            return "permission denied (the file's owner and mode do not let this user read it)";
        }
        if (problem instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return "cannot read it: " + fileSystem.getReason();
        }
        return problem.getMessage() == null ? "cannot read it" : "cannot read it: " + problem.getMessage();
    }

    /** Octal, as chmod and ls -l users read it. */
    public static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            // PosixFilePermission lists owner, group, others, each read, write, execute: bit 8 down to bit 0.
            bits |= 1 << (PosixFilePermission.values().length - 1 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }
}
