package io.secho.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of a key file, read with a bound: a key file is tiny, and a wrong path may be a log or /dev/zero. */
public final class KeyFileBytes {
    /** More than any key file the project reads (64 hex digits, white space, a byte-order mark). */
    public static final int MAX_LENGTH = 1024;

    private KeyFileBytes() {
    }

    /**
     * @return the file's bytes
     * @throws IllegalArgumentException naming the file, when it holds more than {@link #MAX_LENGTH} bytes (what
     *                                  follows is never read)
     */
    public static byte[] read(Path file, String expected) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_LENGTH + 1);
        }
        if (content.length > MAX_LENGTH) {
            throw new IllegalArgumentException(file + ": more than " + MAX_LENGTH + " bytes is no key file (expected "
                    + expected + ")");
        }
        return content;
    }
}
