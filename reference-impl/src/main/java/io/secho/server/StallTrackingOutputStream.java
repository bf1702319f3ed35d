package io.secho.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Remembers when a blocking write began, so the server's reaper can abort a connection whose peer
 * stopped reading: Java sockets have no write timeout of their own.
 */
final class StallTrackingOutputStream extends FilterOutputStream {
    private static final long NOT_WRITING = 0;
    private volatile long writeStartedNanos = NOT_WRITING;

    StallTrackingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        writeStartedNanos = System.nanoTime() | 1;
        try {
            out.write(buffer, offset, length);
        } finally {
            writeStartedNanos = NOT_WRITING;
        }
    }

    @Override
    public void flush() throws IOException {
        writeStartedNanos = System.nanoTime() | 1;
        try {
            out.flush();
        } finally {
            writeStartedNanos = NOT_WRITING;
        }
    }

    /** True if a write has been blocked for longer than {@code limitNanos}. */
    boolean stalledLongerThan(long limitNanos, long nowNanos) {
        long started = writeStartedNanos;
        return started != NOT_WRITING && nowNanos - started > limitNanos;
    }
}
