package io.secho.conformance.clients;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a client wrote to one of its output streams, read to the end on a thread of its own and kept within a
 * bound: the first bytes (standard output, where the replies are) or the last ones (standard error, where the
 * reason is), with the total counted, so that a client that prints without end costs no memory.
 */
final class BoundedCapture {
    /** The contract's bound: at most 64 KiB of each stream per run. */
    static final int LIMIT = 64 * 1024;

    private final boolean keepTail;
    private final byte[] kept = new byte[LIMIT];
    private int length;
    /** Where the oldest byte is, in tail mode once the buffer wrapped. */
    private int start;
    private long total;
    private final Thread reader;

    private BoundedCapture(InputStream stream, boolean keepTail, String name) {
        this.keepTail = keepTail;
        this.reader = new Thread(() -> drain(stream), name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Keeps the first {@link #LIMIT} bytes. */
    static BoundedCapture head(InputStream stream, String name) {
        return new BoundedCapture(stream, false, name);
    }

    /** Keeps the last {@link #LIMIT} bytes. */
    static BoundedCapture tail(InputStream stream, String name) {
        return new BoundedCapture(stream, true, name);
    }

    private void drain(InputStream stream) {
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                add(buffer, read);
            }
        } catch (IOException closed) {
            // The stream was closed under the reader (a child still holding it after the client exited): done.
        }
    }

    private synchronized void add(byte[] buffer, int count) {
        total += count;
        for (int i = 0; i < count; i++) {
            if (length < LIMIT) {
                kept[(start + length) % LIMIT] = buffer[i];
                length++;
            } else if (keepTail) {
                kept[start] = buffer[i];
                start = (start + 1) % LIMIT;
            } else {
                return;
            }
        }
    }

    /** Waits at most {@code millis} for the end of the stream; false when it has not ended. */
    boolean awaitEnd(long millis) throws InterruptedException {
        reader.join(Math.max(1, millis));
        return !reader.isAlive();
    }

    synchronized byte[] bytes() {
        byte[] copy = new byte[length];
        for (int i = 0; i < length; i++) {
            copy[i] = kept[(start + i) % LIMIT];
        }
        return copy;
    }

    /** Every byte the client wrote, kept or not. */
    synchronized long total() {
        return total;
    }

    synchronized boolean cut() {
        return total > length;
    }
}
