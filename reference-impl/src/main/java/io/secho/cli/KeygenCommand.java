package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.options.KeyFiles;
import io.secho.wire.Hex;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Callable;

@CommandLine.Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a new pre-shared key for the psk suite, in a file only its owner can read.",
            "Writes a random 256-bit key to FILE as 64 hex digits and a newline, with mode 0600 where the file "
                + "system has POSIX permissions. The key is never printed.",
            "Give the same file to the server and to the client with --psk-file FILE, or its content in the "
                + "environment variable " + PskOptions.ENVIRONMENT_VARIABLE + "."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the key was written",
            "1:no key was written: FILE exists (--force replaces it) or cannot be written; the message says why",
            ExitCodes.USAGE_HELP},
        footerHeading = "%nExample:%n",
        footer = {"  java -jar secho-reference.jar keygen --out secho.key",
            "  java -jar secho-reference.jar server --psk-file secho.key"})
final class KeygenCommand implements Callable<Integer> {
    private static final String WHO = "secho keygen";
    private static final String TEMPORARY_PREFIX = ".secho-keygen-";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The key file to create; it must not exist yet (unless --force).")
    Path out;

    @CommandLine.Option(names = "--force",
            description = "Replace FILE if it exists. Its old key is lost, and every peer that used it needs the new one.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (Files.isDirectory(out)) {
            err.println(WHO + ": " + out + " is a directory; give the name of the key file to create in it");
            return ExitCodes.SESSION_FAILED;
        }
        byte[] line = (Hex.encode(new SystemRandomBytes().nextBytes(PreSharedKey.LENGTH)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            if (force) {
                replace(line);
            } else {
                create(out, line);
            }
        } catch (FileAlreadyExistsException e) {
            err.println(WHO + ": " + out + " exists and is left as it was (--force replaces it; its old key is then "
                    + "lost)");
            return ExitCodes.SESSION_FAILED;
        } catch (IOException e) {
            err.println(WHO + ": cannot write " + out + ": " + cause(e));
            return ExitCodes.SESSION_FAILED;
        }
        err.println(WHO + ": wrote a new 256-bit pre-shared key to " + out + (posix() ? " (mode "
                + KeyFiles.mode(KeyFiles.OWNER_ONLY) + ")" : "") + "; use it with --psk-file " + out
                + " on the server and the client");
        err.flush();
        return ExitCodes.SUCCESS;
    }

    /** Created with its final mode, never readable by others even for a moment; a failed write leaves no file. */
    private static void create(Path file, byte[] content) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
            write(channel, content);
        } catch (IOException e) {
            if (!(e instanceof FileAlreadyExistsException)) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** A whole new file renamed over the old one: a failure leaves the old key, never half a new one. */
    private void replace(byte[] content) throws IOException {
        Path directory = out.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, ".tmp", ownerOnly());
        try {
            try (SeekableByteChannel channel = Files.newByteChannel(temporary, StandardOpenOption.WRITE)) {
                write(channel, content);
            }
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void write(SeekableByteChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(KeyFiles.OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String cause(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }
}
