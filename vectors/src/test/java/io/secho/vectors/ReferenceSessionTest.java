package io.secho.vectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.Suite;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import io.secho.session.ClientEvent;
import io.secho.session.ClientSession;
import io.secho.session.ServerSession;
import io.secho.wire.Hex;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static io.secho.vectors.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference implementation against secho_v1_session_test.json: in memory, its client and server sessions
 * (Tables 8 and 9, no sockets) must produce every frame; over loopback TCP, the reference server, given the
 * session's server inputs and the client's whole byte stream at once (pipelined), must send exactly
 * serverSends and then end the connection.
 */
class ReferenceSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(300);
    private static final Duration DRAIN = Duration.ofSeconds(2);

    @TestFactory
    List<DynamicTest> inMemory() {
        return VectorFiles.each(VectorFiles.SESSION, "SessionTest", ReferenceSessionTest::inMemory);
    }

    @TestFactory
    List<DynamicTest> referenceServerOverTcp() {
        return VectorFiles.each(VectorFiles.SESSION, "SessionTest", ReferenceSessionTest::overTcp);
    }

    /**
     * The whole session through the sans-I/O sessions, with the vector's randomness and no sockets: each side's
     * output, taken after each step, must be the vector's frames of that side, byte for byte, in the same order.
     */
    private static void inMemory(JsonObject group, JsonObject test) throws Exception {
        Suite suite = ReferenceKeyScheduleTest.suite(group);
        Optional<PreSharedKey> psk = ReferenceKeyScheduleTest.psk(test);
        long now = 0;
        ClientSession client = new ClientSession(suite, psk, ReferenceKeyScheduleTest.clientDraws(test), WAIT, DRAIN);
        client.connected(now);
        ServerSession server = new ServerSession(new ServerSession.Settings(EnumSet.of(suite), psk,
                ReferenceKeyScheduleTest.serverDraws(test), WAIT, IDLE, DRAIN), now);
        List<String> sent = new ArrayList<>();
        byte[] clientHello = client.takeOutput();
        sent.add("client " + Hex.encode(clientHello));
        server.receive(clientHello, now);
        byte[] serverFlight = server.takeOutput();
        sent.add("server " + Hex.encode(serverFlight));
        client.receive(serverFlight, now);
        assertEquals(ClientSession.State.ESTABLISHED, client.state());
        byte[] clientFinished = client.takeOutput();
        sent.add("client " + Hex.encode(clientFinished));
        server.receive(clientFinished, now);
        assertEquals(ServerSession.State.ESTABLISHED, server.state());
        for (JsonElement element : test.getAsJsonArray("messages")) {
            JsonObject message = element.getAsJsonObject();
            client.send(hex(message, "request"), now);
            byte[] request = client.takeOutput();
            sent.add("client " + Hex.encode(request));
            server.receive(request, now);
            byte[] reply = server.takeOutput();
            sent.add("server " + Hex.encode(reply));
            client.receive(reply, now);
            ClientEvent event = client.nextEvent();
            assertTrue(event instanceof ClientEvent.Reply, String.valueOf(event));
            assertArrayEquals(hex(message, "reply"), ((ClientEvent.Reply) event).payload(), "reply as delivered");
        }
        client.close(now);
        byte[] close = client.takeOutput();
        sent.add("client " + Hex.encode(close));
        server.receive(close, now);
        assertEquals(ServerSession.State.CLOSED, server.state());
        assertEquals("clean close", server.end().orElseThrow().describe());
        byte[] serverClose = server.takeOutput();
        sent.add("server " + Hex.encode(serverClose));
        client.receive(serverClose, now);
        assertTrue(client.nextEvent() instanceof ClientEvent.Closed, "the client's session ended cleanly");
        assertTrue(client.wantsHalfClose() && server.wantsHalfClose(), "both sides go on to the closing procedure");

        assertEquals(runs(expectedFrames(test)), runs(sent), "each side's bytes, step by step");
        assertEquals(VectorFiles.str(test, "clientSends"), sends(sent, "client"), "clientSends");
        assertEquals(VectorFiles.str(test, "serverSends"), sends(sent, "server"), "serverSends");
    }

    private static List<String> expectedFrames(JsonObject test) {
        List<String> expected = new ArrayList<>();
        for (JsonElement element : test.getAsJsonArray("frames")) {
            JsonObject frame = element.getAsJsonObject();
            expected.add(VectorFiles.str(frame, "sender") + " " + VectorFiles.str(frame, "frame"));
        }
        return expected;
    }

    /** Consecutive entries of one sender joined: a step's output may hold several frames (ServerHello, Finished). */
    private static List<String> runs(List<String> entries) {
        List<String> runs = new ArrayList<>();
        String sender = null;
        StringBuilder run = new StringBuilder();
        for (String entry : entries) {
            String[] parts = entry.split(" ");
            if (!parts[0].equals(sender) && sender != null) {
                runs.add(sender + " " + run);
                run.setLength(0);
            }
            sender = parts[0];
            run.append(parts[1]);
        }
        runs.add(sender + " " + run);
        return runs;
    }

    private static String sends(List<String> entries, String sender) {
        StringBuilder bytes = new StringBuilder();
        for (String entry : entries) {
            String[] parts = entry.split(" ");
            if (parts[0].equals(sender)) {
                bytes.append(parts[1]);
            }
        }
        return bytes.toString();
    }

    private static void overTcp(JsonObject group, JsonObject test) throws Exception {
        Suite suite = ReferenceKeyScheduleTest.suite(group);
        ServerConfig.Builder config = ServerConfig.builder().port(0).suites(EnumSet.of(suite))
                .random(ReferenceKeyScheduleTest.serverDraws(test)).drainTime(Duration.ofMillis(500))
                .log(line -> { });
        ReferenceKeyScheduleTest.psk(test).ifPresent(config::psk);
        try (SechoServer server = SechoServer.start(config.build());
             Socket socket = new Socket(server.address().getAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(hex(test, "clientSends"));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            assertEquals(VectorFiles.str(test, "serverSends"), Hex.encode(received.toByteArray()),
                    "the reference server's bytes, then EOF");
        }
    }
}
