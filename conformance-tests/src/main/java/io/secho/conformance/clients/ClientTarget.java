package io.secho.conformance.clients;

import io.secho.conformance.targets.TargetDescription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * One run of the harness against a client under test: its configuration, the pre-shared key of the run (fresh
 * and random, never printed) in a file of mode 0600 inside a private temporary directory that is deleted when
 * the run ends, and the permits that bound how many clients run at once.
 */
public final class ClientTarget implements AutoCloseable {
    /** Clients run side by side, each mostly waiting; more at once would only compete for the CPU as they start. */
    public static final int CONCURRENT_CLIENTS = 4;
    public static final int PSK_LENGTH = 32;

    private final ClientTargetConfig config;
    private final Path directory;
    private final Path pskFile;
    private final byte[] psk;
    private final Semaphore permits = new Semaphore(CONCURRENT_CLIENTS, true);
    private ClientPreflight preflight;

    private ClientTarget(ClientTargetConfig config, Path directory, Path pskFile, byte[] psk) {
        this.config = config;
        this.directory = directory;
        this.pskFile = pskFile;
        this.psk = psk;
    }

    /** Writes the run's key file; the caller closes the target to delete it. */
    public static ClientTarget start(ClientTargetConfig config) {
        byte[] psk = new byte[PSK_LENGTH];
        new SecureRandom().nextBytes(psk);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path directory = posix ? Files.createTempDirectory("secho-client-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory("secho-client-");
            Path file = directory.resolve("psk.hex");
            FileAttribute<?>[] owner = posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
            Files.createFile(file, owner);
            Files.write(file, (HexFormat.of().formatHex(psk) + "\n").getBytes(StandardCharsets.US_ASCII));
            return new ClientTarget(config, directory, file, psk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client's key file in the temporary directory: "
                    + e.getMessage(), e);
        }
    }

    public ClientTargetConfig config() {
        return config;
    }

    /** The file {@code {psk_file}} names: 64 hex digits and LF. */
    public Path pskFile() {
        return pskFile;
    }

    /** The run's pre-shared key, for the test server's psk sessions. */
    public byte[] psk() {
        return psk.clone();
    }

    public Semaphore permits() {
        return permits;
    }

    /** One session per suite, run once before the first case; later calls return the same findings. */
    public synchronized ClientPreflight preflight() {
        if (preflight == null) {
            preflight = ClientPreflight.probe(this);
        }
        return preflight;
    }

    /** What the reports say the run tested: the client command, never a key. */
    public String describe() {
        return config.command().description();
    }

    /** What the reports record about the target. */
    public TargetDescription description() {
        return TargetDescription.client(describe());
    }

    /** Where the key file is, while the run lasts (for tests of the harness). */
    Optional<Path> directory() {
        return Files.isDirectory(directory) ? Optional.of(directory) : Optional.empty();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // Already deleted, or a file a client left there is not ours to chase: the key file went first.
        }
    }
}
