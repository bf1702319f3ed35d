package io.secho.conformance.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Future;

/**
 * A correct server made to serve one connection at a time, as many lab servers do: it relays each accepted
 * connection to a real server and accepts the next only when both directions have ended. Half-closes and
 * resets are passed on as they come, so that every case but the concurrency one sees a correct server.
 * Test code; 127.0.0.1 only.
 */
final class OneAtATimeRelay implements AutoCloseable {
    private final int upstreamPort;
    private final LoopbackServer server;

    OneAtATimeRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new LoopbackServer("one-at-a-time-relay", true, this::relay);
    }

    int port() {
        return server.port();
    }

    private void relay(Socket client) {
        try (client; Socket upstream = LoopbackServer.connectTo(upstreamPort)) {
            Future<?> up = server.threads().submit(() -> pump(client, upstream));
            pump(upstream, client);
            up.get();
        } catch (Exception e) {
            // One connection failed; serve the next.
        }
    }

    /** Copies until the source ends, then passes its FIN on; a reset on either side resets the other. */
    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            LoopbackServer.resetQuietly(to);
            LoopbackServer.resetQuietly(from);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
