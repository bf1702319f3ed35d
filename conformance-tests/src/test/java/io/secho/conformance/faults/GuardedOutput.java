package io.secho.conformance.faults;

import io.secho.net.GracefulClose;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The socket's output. A correct server aborts a peer that has not taken its output for the idle timeout
 * (REQ-LIM-7): every write here is watched, and one that blocks that long gets its connection closed.
 */
final class GuardedOutput {
    private final Socket socket;
    private final OutputStream out;
    private final ScheduledExecutorService watchdog;
    /** Empty for the fault that never gives up on a stalled write. */
    private final Optional<Duration> stallLimit;

    GuardedOutput(Socket socket, ScheduledExecutorService watchdog, Optional<Duration> stallLimit) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.watchdog = watchdog;
        this.stallLimit = stallLimit;
    }

    /** Writes the parts in one TCP write. */
    void write(byte[]... parts) throws IOException {
        byte[] bytes = parts[0];
        for (int i = 1; i < parts.length; i++) {
            byte[] joined = new byte[bytes.length + parts[i].length];
            System.arraycopy(bytes, 0, joined, 0, bytes.length);
            System.arraycopy(parts[i], 0, joined, bytes.length, parts[i].length);
            bytes = joined;
        }
        if (stallLimit.isEmpty()) {
            out.write(bytes);
            return;
        }
        ScheduledFuture<?> abort = watchdog.schedule(() -> GracefulClose.closeQuietly(socket),
                stallLimit.get().toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(bytes);
        } finally {
            abort.cancel(false);
        }
    }
}
