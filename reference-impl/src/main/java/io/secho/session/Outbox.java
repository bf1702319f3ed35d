package io.secho.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Bytes a session has produced and its driver has not yet written, frame by frame as they were encoded: the
 * driver writes them from here (as rustls's write_tls) without a further copy.
 */
final class Outbox {
    /** Allocated at the first frame and kept: an idle session holds at most this small, empty queue. */
    private ArrayDeque<ByteBuffer> queue;

    void add(byte[] encoded) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(ByteBuffer.wrap(encoded));
    }

    /** The bytes to write next, or null when everything has been written; written buffers are dropped here. */
    ByteBuffer head() {
        if (queue == null) {
            return null;
        }
        while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
            queue.pollFirst();
        }
        return queue.peekFirst();
    }

    /** Every pending buffer in order, for a gathering write; empty when nothing is pending. */
    ByteBuffer[] all() {
        return head() == null ? new ByteBuffer[0] : queue.toArray(new ByteBuffer[0]);
    }

    boolean isEmpty() {
        return head() == null;
    }

    /** Everything pending, as one array, and the outbox empty: for blocking drivers and tests. */
    byte[] take() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer = head(); buffer != null; buffer = head()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
        }
        return out.toByteArray();
    }
}
