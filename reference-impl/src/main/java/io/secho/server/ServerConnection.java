package io.secho.server;

import io.secho.session.ServerSession;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection as its event loop holds it: the channel, the sans-I/O session that is the whole
 * protocol, and the loop's bookkeeping. Everything here is touched by the owning loop's thread only.
 */
final class ServerConnection {
    final long id;
    final SocketChannel channel;
    final ServerSession session;
    final long startNanos;
    /** Captured at accept: once the channel is closed it no longer knows its peer. */
    final String remote;
    /** A connection beyond the limit, served only its busy alert (REQ-LIM-4): counted and logged apart. */
    final boolean rejected;
    SelectionKey key;
    /** The deadline of this connection's live entry in the loop's timer queue, or {@link Long#MAX_VALUE}. */
    long scheduledDeadline = Long.MAX_VALUE;
    boolean closed;

    ServerConnection(long id, SocketChannel channel, ServerSession session, long startNanos, String remote,
                     boolean rejected) {
        this.id = id;
        this.channel = channel;
        this.session = session;
        this.startNanos = startNanos;
        this.remote = remote;
        this.rejected = rejected;
    }
}
