package io.secho.conformance.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's output copied to a file up to a limit, then read and dropped: a server that writes without end
 * neither fills the disk nor blocks on a full pipe.
 */
final class BoundedLog {
    static final long LIMIT = 1024 * 1024;

    private final Path file;
    private final Thread copier;

    private BoundedLog(Path file, Thread copier) {
        this.file = file;
        this.copier = copier;
    }

    static BoundedLog copy(InputStream from, Path file, String threadName) throws IOException {
        OutputStream to = Files.newOutputStream(file);
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long written = 0;
            boolean cut = false;
            try (from; to) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    if (written < LIMIT) {
                        int kept = (int) Math.min(n, LIMIT - written);
                        to.write(buffer, 0, kept);
                        written += kept;
                        to.flush();
                    } else if (!cut) {
                        to.write(("\n[output cut at " + LIMIT / 1024 + " KiB]\n").getBytes(StandardCharsets.UTF_8));
                        to.flush();
                        cut = true;
                    }
                }
            } catch (IOException e) {
                // The process is gone and its pipe with it: what was written stays.
            }
        }, threadName);
        copier.setDaemon(true);
        copier.start();
        return new BoundedLog(file, copier);
    }

    /** Waits (bounded) until the copier has seen the end of the output. */
    void finish(long millis) {
        try {
            copier.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path file() {
        return file;
    }

    /** The last lines of the file, for a verdict that must show why a server did not start. */
    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = new ArrayList<>();
            Files.readString(file, StandardCharsets.UTF_8).lines().forEach(all::add);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
