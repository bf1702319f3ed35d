package io.secho.conformance.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A correct server behind a slow link: what the server sends reaches the client in pieces of
 * {@link #PIECE} bytes, {@link #PAUSE_MILLIS} ms apart (a few KB/s), so every answer comes, but late.
 * Test code; 127.0.0.1 only.
 */
final class TricklingRelay implements AutoCloseable {
    private static final int PIECE = 64;
    private static final long PAUSE_MILLIS = 20;
    private static final int FAST_BUFFER = 16 * 1024;

    private final int upstreamPort;
    private final LoopbackServer server;

    TricklingRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new LoopbackServer("trickling-relay", false, this::relay);
    }

    int port() {
        return server.port();
    }

    private void relay(Socket client) {
        try {
            Socket upstream = LoopbackServer.connectTo(upstreamPort);
            server.threads().execute(() -> copy(client, upstream, FAST_BUFFER, 0));
            copy(upstream, client, PIECE, PAUSE_MILLIS);
        } catch (IOException e) {
            LoopbackServer.closeQuietly(client);
        }
    }

    private static void copy(Socket from, Socket to, int piece, long pauseMillis) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[piece];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                Thread.sleep(pauseMillis);
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            LoopbackServer.closeQuietly(to);
            LoopbackServer.closeQuietly(from);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
