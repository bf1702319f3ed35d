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

/**
 * A correct server behind a slow link: what the server sends reaches the client in pieces of
 * {@link #PIECE} bytes, {@link #PAUSE_MILLIS} ms apart (a few KB/s), so every answer comes, but late.
 * Test code; 127.0.0.1 only.
 */
final class TricklingRelay implements AutoCloseable {
    private static final int PIECE = 64;
    private static final long PAUSE_MILLIS = 20;

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "trickling-relay");
        thread.setDaemon(true);
        return thread;
    });

    TricklingRelay(int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream);
                threads.execute(() -> copy(client, server, false));
                threads.execute(() -> copy(server, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void copy(Socket from, Socket to, boolean trickle) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[trickle ? PIECE : 16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (trickle) {
                    Thread.sleep(PAUSE_MILLIS);
                }
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
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
