package io.secho.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/** What every server of the project does the same way: bind a listening socket, name its daemon threads. */
public final class Listening {
    private Listening() {
    }

    /**
     * @throws IOException whose message names the address, for a user who gave a port in use or a wrong host
     */
    public static ServerSocket bind(InetAddress address, int port, int backlog) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), backlog);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The same as {@link #bind}, as a channel for a selector: non-blocking. */
    public static ServerSocketChannel bindChannel(InetAddress address, int port, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, port), backlog);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ...: a server never keeps the JVM alive. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
