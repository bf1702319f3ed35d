package io.secho.conformance.targets;

import io.secho.conformance.peer.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;

import java.io.IOException;
import java.time.Duration;

/**
 * The reference server the harness runs when no target was named: the one place where the harness's main
 * code starts a reference program (the architecture test allows nothing else). The harness talks to it
 * through its own engine like to any other target; the reference's key type appears here only to hand the
 * harness's key to the server it starts.
 */
final class EmbeddedReferenceServer implements AutoCloseable {
    private final SechoServer server;

    private EmbeddedReferenceServer(SechoServer server) {
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1, every suite enabled, the harness's PSK, quiet. */
    static EmbeddedReferenceServer start(PreSharedKey psk, Duration handshakeTimeout, Duration idleTimeout,
                                         int maxConnections) throws IOException {
        return new EmbeddedReferenceServer(SechoServer.start(ServerConfig.builder()
                .port(0)
                .psk(io.secho.crypto.PreSharedKey.of(psk.bytes()))
                .handshakeTimeout(handshakeTimeout)
                .idleTimeout(idleTimeout)
                .maxConnections(maxConnections)
                .log(line -> { })
                .build()));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
