package io.secho.server;

import io.secho.crypto.PreSharedKey;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A reference server on a free loopback port, with its log kept for assertions. */
final class ServerFixture implements AutoCloseable {
    static final PreSharedKey PSK = PreSharedKey.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    final SechoServer server;
    final List<String> log = new CopyOnWriteArrayList<>();

    ServerFixture(Consumer<ServerConfig.Builder> customize) throws IOException {
        ServerConfig.Builder builder = ServerConfig.builder().port(0).psk(PSK)
                .handshakeTimeout(Duration.ofSeconds(5)).drainTime(Duration.ofMillis(500)).log(log::add);
        customize.accept(builder);
        server = SechoServer.start(builder.build());
    }

    ServerFixture() throws IOException {
        this(builder -> { });
    }

    int port() {
        return server.port();
    }

    /** Waits (bounded) until the server has logged {@code count} connections. */
    List<String> awaitLogLines(int count) throws InterruptedException {
        return awaitLogLines(count, Duration.ofSeconds(5));
    }

    List<String> awaitLogLines(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (log.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return log;
    }

    @Override
    public void close() {
        server.close();
    }
}
