package io.secho.conformance.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The listening side the self-test's servers share: 127.0.0.1 only, daemon threads, and a close that
 * ends every connection it accepted, so no test leaves a server behind.
 */
final class LoopbackServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;

    /**
     * @param oneAtATime serve each connection to its end before accepting the next (a server that serves one
     *                   client at a time); otherwise each connection gets a thread of its own
     */
    LoopbackServer(String name, boolean oneAtATime, Consumer<Socket> serve) throws IOException {
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(() -> acceptLoop(oneAtATime, serve));
    }

    int port() {
        return listener.getLocalPort();
    }

    /** For servers that need more threads per connection (relays). */
    ExecutorService threads() {
        return threads;
    }

    private void acceptLoop(boolean oneAtATime, Consumer<Socket> serve) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(socket);
            if (oneAtATime) {
                serve.accept(socket);
            } else {
                threads.execute(() -> serve.accept(socket));
            }
        }
    }

    /** A connection to a real server on this machine, for relays. */
    static Socket connectTo(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    /** Ends the connection with a reset, as a crashing peer would. */
    static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
