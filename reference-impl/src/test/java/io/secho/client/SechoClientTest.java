package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.record.InnerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference client's API against a scripted server: pipelined requests, the Close with replies owed. */
@Timeout(60)
class SechoClientTest {
    private static SechoClient connect(ScriptedServer server, Suite suite) throws Exception {
        return SechoClient.connect(new ClientConfig("127.0.0.1", server.port(), List.of(suite),
                Optional.of(ScriptedServer.PSK), Duration.ofSeconds(5), new SystemRandomBytes()));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void pipelinedRepliesOwedAtTheCloseAreDeliveredInOrder() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(c -> {
            c.handshake().next();
            c.next();
            c.next();
            c.send(c.data("A"), c.data("B"), c.close());
            c.untilEnd();
        })) {
            List<String> delivered = new ArrayList<>();
            SechoClient client = connect(server, Suite.PSK);
            client.send("a".getBytes(StandardCharsets.UTF_8));
            client.send("b".getBytes(StandardCharsets.UTF_8));
            client.close(reply -> delivered.add(text(reply)));
            assertEquals(List.of("A", "B"), delivered);
            assertEquals(List.of("data:a", "data:b", "close", "FIN"), server.seen());
        }
    }

    /** REQ-CLOSE-11: the server's Close with a reply still owed fails the session; the client sends nothing more. */
    @Test
    void theServersCloseWithAReplyOwedFailsTheSession() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(c -> {
            c.handshake().next();
            c.next();
            c.next();
            c.send(c.data("A"), c.close());
            c.untilEnd();
        })) {
            List<String> delivered = new ArrayList<>();
            SechoClient client = connect(server, Suite.X25519);
            client.send("a".getBytes(StandardCharsets.UTF_8));
            client.send("b".getBytes(StandardCharsets.UTF_8));
            SessionException failure = assertThrows(SessionException.class,
                    () -> client.close(reply -> delivered.add(text(reply))));
            assertTrue(failure.getMessage().contains("with 1 reply still owed"), failure.getMessage());
            assertEquals(Optional.empty(), failure.sentAlert(), "nothing is sent after the client's Close");
            assertEquals(List.of("A"), delivered, "the one reply that came is delivered, nothing else");
            assertEquals(List.of("data:a", "data:b", "close", "FIN"), server.seen());
        }
    }

    /** REQ-ECHO-13 at the API: the bytes of a bad reply never leave the client. */
    @Test
    void aReplyThatIsNotUtf8IsNeverReturned() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(c -> {
            c.handshake().next();
            c.send(c.record(InnerType.DATA, new byte[] {'A', (byte) 0x80}));
            c.untilEnd();
        })) {
            SechoClient client = connect(server, Suite.MODP2048);
            SessionException failure = assertThrows(SessionException.class,
                    () -> client.echo("a".getBytes(StandardCharsets.UTF_8)));
            assertEquals(Optional.of(AlertCode.BAD_PAYLOAD), failure.sentAlert(), failure.getMessage());
            client.close();
            assertEquals(List.of("data:a", "alert:bad_payload", "FIN"), server.seen(),
                    "after a failure close() sends nothing");
        }
    }

    /** REQ-LIM-8: the timeout is reported as such, after the connection ended, and close() then sends nothing. */
    @Test
    void aTimeoutEndsTheSessionBeforeItIsReported() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(c -> {
            c.handshake().next();
            c.untilEnd();
        })) {
            SechoClient client = SechoClient.connect(new ClientConfig("127.0.0.1", server.port(),
                    List.of(Suite.X25519), Optional.empty(), Duration.ofMillis(500), new SystemRandomBytes()));
            SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class,
                    () -> client.echo("a".getBytes(StandardCharsets.UTF_8)));
            assertEquals("the server's reply", timeout.getMessage());
            client.close();
            assertEquals(List.of("data:a", "alert:timeout", "FIN"), server.seen());
            assertThrows(IllegalStateException.class, () -> client.send(new byte[0]));
        }
    }

    @Test
    void aTimeoutAboveThirtySecondsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientConfig("127.0.0.1",
                1, List.of(Suite.X25519), Optional.empty(), Duration.ofSeconds(31), new SystemRandomBytes()));
        assertTrue(e.getMessage().contains("at most 30s"), e.getMessage());
    }
}
