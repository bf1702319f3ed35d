package io.secho.vectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.crypto.PreSharedKey;
import io.secho.echo.EchoTransform;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
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

/**
 * The reference implementation against secho_v1_session_test.json: in memory, its client and server state
 * machines and record layer must produce every frame; over loopback TCP, the reference server, given the
 * session's server inputs and the client's whole byte stream at once (pipelined), must send exactly
 * serverSends and then end the connection.
 */
class ReferenceSessionTest {

    @TestFactory
    List<DynamicTest> inMemory() {
        return VectorFiles.each(VectorFiles.SESSION, "SessionTest", ReferenceSessionTest::inMemory);
    }

    @TestFactory
    List<DynamicTest> referenceServerOverTcp() {
        return VectorFiles.each(VectorFiles.SESSION, "SessionTest", ReferenceSessionTest::overTcp);
    }

    private static void inMemory(JsonObject group, JsonObject test) throws Exception {
        Suite suite = ReferenceKeyScheduleTest.suite(group);
        Optional<PreSharedKey> psk = ReferenceKeyScheduleTest.psk(test);
        ClientHandshake client = new ClientHandshake(suite, psk, ReferenceKeyScheduleTest.clientDraws(test));
        ServerHandshake server = new ServerHandshake(EnumSet.of(suite), psk, ReferenceKeyScheduleTest.serverDraws(test));
        List<String> sent = new ArrayList<>();
        Frame clientHello = client.clientHello();
        sent.add(entry("client", "client_hello", clientHello));
        List<Frame> flight = server.onClientHello(clientHello);
        sent.add(entry("server", "server_hello", flight.get(0)));
        sent.add(entry("server", "finished", flight.get(1)));
        client.onServerHello(flight.get(0));
        HandshakeResult clientResult = client.onServerFinished(flight.get(1));
        Frame clientFinished = Frame.parse(clientResult.clientFinishedFrame());
        sent.add(entry("client", "finished", clientFinished));
        HandshakeResult serverResult = server.onClientFinished(clientFinished);

        RecordSealer clientSealer = new RecordSealer(clientResult.secrets().clientToServer(), Direction.CLIENT_TO_SERVER);
        RecordOpener serverOpener = new RecordOpener(serverResult.secrets().clientToServer());
        RecordSealer serverSealer = new RecordSealer(serverResult.secrets().serverToClient(), Direction.SERVER_TO_CLIENT);
        RecordOpener clientOpener = new RecordOpener(clientResult.secrets().serverToClient());
        for (JsonElement element : test.getAsJsonArray("messages")) {
            JsonObject message = element.getAsJsonObject();
            Frame request = clientSealer.seal(InnerType.DATA, hex(message, "request"));
            sent.add(entry("client", "data", request));
            byte[] reply = EchoTransform.apply(serverOpener.open(request).payload());
            assertArrayEquals(hex(message, "reply"), reply, "reply");
            Frame replyRecord = serverSealer.seal(InnerType.DATA, reply);
            sent.add(entry("server", "data", replyRecord));
            assertArrayEquals(reply, clientOpener.open(replyRecord).payload(), "reply as the client opens it");
        }
        Frame close = clientSealer.seal(InnerType.CLOSE, new byte[0]);
        sent.add(entry("client", "close", close));
        assertEquals(InnerType.CLOSE, serverOpener.open(close).type());
        Frame serverClose = serverSealer.seal(InnerType.CLOSE, new byte[0]);
        sent.add(entry("server", "close", serverClose));
        InnerPlaintext closed = clientOpener.open(serverClose);
        assertEquals(InnerType.CLOSE, closed.type());

        List<String> expected = new ArrayList<>();
        JsonArray frames = test.getAsJsonArray("frames");
        for (JsonElement element : frames) {
            JsonObject frame = element.getAsJsonObject();
            expected.add(VectorFiles.str(frame, "sender") + " " + VectorFiles.str(frame, "kind") + " "
                    + VectorFiles.str(frame, "frame"));
        }
        assertEquals(expected, sent, "frames");
        StringBuilder clientSends = new StringBuilder();
        StringBuilder serverSends = new StringBuilder();
        for (String line : sent) {
            String[] parts = line.split(" ");
            (parts[0].equals("client") ? clientSends : serverSends).append(parts[2]);
        }
        assertEquals(VectorFiles.str(test, "clientSends"), clientSends.toString(), "clientSends");
        assertEquals(VectorFiles.str(test, "serverSends"), serverSends.toString(), "serverSends");
    }

    private static String entry(String sender, String kind, Frame frame) {
        return sender + " " + kind + " " + Hex.encode(frame.encode());
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
