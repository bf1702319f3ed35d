package io.secho.server;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The non-blocking server: many connections on a few loop threads, each served in turn, each logged once. */
class EventLoopServerTest {
    private static final int CONNECTIONS = 100;

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("secho-")).count();
    }

    @Test
    void manyOpenSessionsAreServedInTurnWithoutAThreadEach() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            long before = serverThreads();
            ClientConfig config = new ClientConfig("127.0.0.1", fixture.port(), List.of(Suite.PSK),
                    Optional.of(ServerFixture.PSK), Duration.ofSeconds(10), new SystemRandomBytes());
            List<SechoClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    clients.add(SechoClient.connect(config));
                }
                assertEquals(CONNECTIONS, fixture.server.activeConnections());
                assertTrue(serverThreads() <= before, "no thread per connection: " + serverThreads() + " server threads"
                        + " with " + CONNECTIONS + " sessions, " + before + " with none");
                for (int i = CONNECTIONS - 1; i >= 0; i--) {
                    assertEquals("NUMBER " + i, clients.get(i).echo("number " + i));
                }
            } finally {
                for (SechoClient client : clients) {
                    client.close();
                }
            }
            List<String> log = fixture.awaitLogLines(CONNECTIONS);
            assertEquals(CONNECTIONS, log.size());
            assertTrue(log.stream().allMatch(line -> line.contains("records in=2 out=2") && line.endsWith("end=clean close")),
                    String.join("\n", log));
        }
    }

    @Test
    void closingTheServerEndsItsOpenSessionsAndLogsEach() throws Exception {
        ServerFixture fixture = new ServerFixture();
        ClientConfig config = new ClientConfig("127.0.0.1", fixture.port(), List.of(Suite.X25519), Optional.empty(),
                Duration.ofSeconds(10), new SystemRandomBytes());
        try (SechoClient first = SechoClient.connect(config); SechoClient second = SechoClient.connect(config)) {
            fixture.close();
            assertEquals(2, fixture.log.size(), "closed before close() returns: " + fixture.log);
            assertTrue(fixture.log.stream().allMatch(line -> line.endsWith("end=aborted: the server is shutting down")),
                    fixture.log.toString());
            assertEquals(0, fixture.server.activeConnections());
        } catch (IOException | SessionException expected) {
            // The clients' own close finds the connection gone: that is the point.
        }
    }
}
