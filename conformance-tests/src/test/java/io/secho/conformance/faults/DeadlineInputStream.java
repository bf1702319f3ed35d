package io.secho.conformance.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with an absolute deadline: every read waits only for the time left, so a peer that
 * drips one byte at a time cannot stretch a timeout. The broken servers block on reads as the reference server
 * did before it became non-blocking; they alone use it.
 */
final class DeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private volatile long deadlineNanos;

    public DeadlineInputStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = System.nanoTime() + Long.MAX_VALUE / 2;
    }

    /** Reads after this many nanoseconds from now fail with {@link SocketTimeoutException}. */
    public void setDeadlineIn(long nanosFromNow) {
        deadlineNanos = System.nanoTime() + nanosFromNow;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
        return in.read(buffer, offset, length);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }
}
