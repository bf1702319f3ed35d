package io.secho.bench.server;

import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;
import io.secho.server.ServerConfig;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The TLS 1.3 counterpart of the reference server, built the same way (an acceptor, a thread per
 * connection) and doing the same work per message (the Secho echo transform), so that the comparison
 * measures the secure channel. Messages are framed by a 2-byte big-endian length, as Secho frames are.
 */
public final class TlsEchoServer implements AutoCloseable {
    /** Echo framing: a u16 length before each message and each reply. */
    public static final int LENGTH_PREFIX = 2;
    private static final int BACKLOG = 1024;
    private static final int READ_BUFFER = 1 << 14;
    /**
     * The reference server's default idle timeout. A server must time idle clients out (Secho's spec
     * requires it), and in the JDK a read timeout turns each socket read into a non-blocking read plus a
     * poll, so both servers pay for it alike.
     */
    private static final int IDLE_TIMEOUT_MILLIS = (int) ServerConfig.DEFAULT_IDLE_TIMEOUT.toMillis();

    private final SSLServerSocket serverSocket;
    private final CountingKeyManager keys;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tls-conn");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> active = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private TlsEchoServer(SSLServerSocket serverSocket, CountingKeyManager keys) {
        this.serverSocket = serverSocket;
        this.keys = keys;
        this.acceptor = new Thread(this::acceptLoop, "tls-acceptor");
        acceptor.setDaemon(true);
    }

    /** Listens on a free loopback port. */
    public static TlsEchoServer start(TlsCredentials credentials) throws IOException, java.security.GeneralSecurityException {
        TlsCredentials.ServerContext context = credentials.serverContext();
        SSLServerSocket socket = (SSLServerSocket) context.context().getServerSocketFactory().createServerSocket();
        TlsSettings.configure(socket);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        TlsEchoServer server = new TlsEchoServer(socket, context.keys());
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public int activeConnections() {
        return active.size();
    }

    /** Handshakes in which the server used its private key: full ones, never resumed ones. */
    public long fullHandshakes() {
        return keys.privateKeyUses();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SSLSocket socket = (SSLSocket) serverSocket.accept();
                active.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                // A failed accept costs that one connection; the client sees it and counts an error.
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            socket.startHandshake();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), READ_BUFFER));
            OutputStream out = socket.getOutputStream();
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] message = new byte[length];
                in.readFully(message);
                out.write(frame(EchoTransform.apply(message)));
                out.flush();
            }
        } catch (IOException | ProtocolException e) {
            // The client went away or sent bad UTF-8: either ends this connection, as in the reference server.
        } finally {
            active.remove(socket);
        }
    }

    /** Length prefix and message in one array, so one write makes one TLS record for small messages. */
    public static byte[] frame(byte[] message) {
        if (message.length > 0xffff) {
            throw new IllegalArgumentException("message of " + message.length + " bytes does not fit a u16 length");
        }
        byte[] framed = new byte[LENGTH_PREFIX + message.length];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, LENGTH_PREFIX, message.length);
        return framed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket socket : active) {
            socket.close();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
