package io.secho.conformance.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A correct server made to serve one connection at a time, as many lab servers do: it relays each accepted
 * connection to a real server and accepts the next only when both directions have ended. Half-closes and
 * resets are passed on as they come, so that every case but the concurrency one sees a correct server.
 * Test code; 127.0.0.1 only.
 */
final class OneAtATimeRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "one-at-a-time-relay");
        thread.setDaemon(true);
        return thread;
    });

    OneAtATimeRelay(int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.execute(this::serveOneAfterAnother);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serveOneAfterAnother() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept(); Socket server = new Socket()) {
                server.connect(upstream);
                Future<?> up = threads.submit(() -> pump(client, server));
                pump(server, client);
                up.get();
            } catch (Exception e) {
                // One connection failed; serve the next.
            }
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
            resetQuietly(to);
            resetQuietly(from);
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
