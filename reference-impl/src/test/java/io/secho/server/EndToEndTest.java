package io.secho.server;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.alert.AlertCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference client and server over real loopback TCP, in every suite. */
class EndToEndTest {
    private static ClientConfig clientConfig(int port, List<Suite> suites, Optional<PreSharedKey> psk) {
        return new ClientConfig("127.0.0.1", port, suites, psk, Duration.ofSeconds(5), new SystemRandomBytes());
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void sessionEchoesUpperCaseAndClosesCleanly(Suite suite) throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            try (SechoClient client = SechoClient.connect(
                    clientConfig(fixture.port(), List.of(suite), Optional.of(ServerFixture.PSK)))) {
                assertEquals(suite, client.suite());
                assertEquals("HELLO, SECHO", client.echo("hello, secho"));
                assertEquals("STRASSE", client.echo("straße"));
                assertEquals("", client.echo(""), "an empty message gets an empty reply");
                assertEquals("I", client.echo("i"));
            }
            String line = fixture.awaitLogLines(1).get(0);
            assertTrue(line.contains("suite=" + suite.wireName()) && line.contains("end=clean close")
                    && line.contains("records in=5 out=5"), "server log line: " + line);
        }
    }

    @Test
    void largestRequestAndLargestExpansionFit() throws Exception {
        try (ServerFixture fixture = new ServerFixture();
             SechoClient client = SechoClient.connect(clientConfig(fixture.port(), List.of(Suite.X25519), Optional.empty()))) {
            byte[] ascii = "a".repeat(16384).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals("A".repeat(16384).getBytes(StandardCharsets.UTF_8), client.echo(ascii));
            byte[] expanding = "\u0390".repeat(8192).getBytes(StandardCharsets.UTF_8);
            assertEquals(16384, expanding.length);
            byte[] reply = client.echo(expanding);
            assertEquals(49152, reply.length, "U+0390 expands 2 -> 6 bytes: the reply is three times the request");
            assertEquals("\u0399\u0308\u0301".repeat(8192), new String(reply, StandardCharsets.UTF_8));
        }
    }

    @Test
    void clientFallsBackToTheNextSuiteOnUnsupportedSuite() throws Exception {
        try (ServerFixture fixture = new ServerFixture(b -> b.suites(EnumSet.of(Suite.MODP2048)));
             SechoClient client = SechoClient.connect(
                     clientConfig(fixture.port(), List.of(Suite.X25519, Suite.MODP2048), Optional.empty()))) {
            assertEquals(Suite.MODP2048, client.suite());
            assertEquals("OK", client.echo("ok"));
        }
    }

    @Test
    void unsupportedSuiteAloneFailsWithTheServersAlert() throws Exception {
        try (ServerFixture fixture = new ServerFixture(b -> b.suites(EnumSet.of(Suite.MODP2048)))) {
            SessionException failure = assertThrows(SessionException.class, () -> SechoClient.connect(
                    clientConfig(fixture.port(), List.of(Suite.X25519), Optional.empty())));
            assertEquals(Optional.of(AlertCode.UNSUPPORTED_SUITE), failure.peerAlert(), failure.getMessage());
        }
    }

    @Test
    void wrongPskFailsInTheHandshakeBeforeAnyData() throws Exception {
        PreSharedKey wrong = PreSharedKey.of(new byte[32]);
        try (ServerFixture fixture = new ServerFixture()) {
            SessionException failure = assertThrows(SessionException.class, () -> SechoClient.connect(
                    clientConfig(fixture.port(), List.of(Suite.PSK), Optional.of(wrong))));
            assertEquals(Optional.of(AlertCode.HANDSHAKE_FAILURE), failure.sentAlert(),
                    "the client detects the wrong key at the server's Finished: " + failure.getMessage());
            assertTrue(failure.getMessage().startsWith("[psk] wrong key (a different PSK?)"), failure.getMessage());
            String line = fixture.awaitLogLines(1).get(0);
            assertTrue(line.contains("peer sent alert handshake_failure") && line.contains("another pre-shared key"),
                    "server log line: " + line);
        }
    }

    @Test
    void manyClientsAtOnceAreAllServed() throws Exception {
        int clients = 24;
        int messagesEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ServerFixture fixture = new ServerFixture()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Suite suite = Suite.values()[i % Suite.values().length];
                results.add(pool.submit(() -> {
                    int ok = 0;
                    try (SechoClient client = SechoClient.connect(
                            clientConfig(fixture.port(), List.of(suite), Optional.of(ServerFixture.PSK)))) {
                        for (int m = 0; m < messagesEach; m++) {
                            ok += client.echo("message " + m).equals("MESSAGE " + m) ? 1 : 0;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(30, TimeUnit.SECONDS);
            }
            assertEquals(clients * messagesEach, total, "every echo of every client must be right");
        } finally {
            pool.shutdownNow();
        }
    }
}
