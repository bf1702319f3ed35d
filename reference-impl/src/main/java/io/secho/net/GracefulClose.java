package io.secho.net;

import io.secho.session.Timeouts;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * Ends a connection after a final alert or Close without losing it: closing a socket that still has
 * unread input makes the kernel send a reset, and a reset can destroy the alert in flight. So: FIN,
 * read and discard until the peer's FIN or the drain time runs out, then close.
 */
public final class GracefulClose {

    private GracefulClose() {
    }

    public static void halfCloseDrainAndClose(Socket socket, Duration drainTime) {
        try (socket) {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + drainTime.toNanos();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            int drained = 0;
            while (drained < Timeouts.MAX_DRAINED_BYTES) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    break;
                }
                socket.setSoTimeout((int) remainingMillis);
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
        } catch (IOException ignored) {
            // The peer reset or timed out while we drained: the connection is over either way.
        }
    }

    /** Closes at once; for connections where nothing final was sent. */
    public static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to tell the peer.
        }
    }
}
