package io.secho.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's soft limit on open files, which bounds the idle-connection figure. */
final class OpenFileLimit {
    /** Reported where the limit cannot be read (not Linux). */
    static final long UNKNOWN = -1;
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final String LINE = "Max open files";

    private OpenFileLimit() {
    }

    static long current() {
        try {
            for (String line : Files.readAllLines(LIMITS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(LINE)) {
                    return parse(line);
                }
            }
        } catch (IOException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    /** The soft limit: the first number after the name ("unlimited" counts as unknown). */
    static long parse(String line) {
        String[] words = line.substring(LINE.length()).trim().split("\\s+");
        try {
            return Long.parseLong(words[0]);
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }
}
