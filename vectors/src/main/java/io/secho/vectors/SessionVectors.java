package io.secho.vectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.Hex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code secho_v1_session_test.json}: whole sessions, every byte each side sends, from the ClientHello through
 * several echoes to the two Close records. The two WorkedExample sessions are the spec's worked example.
 */
final class SessionVectors {
    static final String BASE_NAME = "secho_v1_session_test";
    /** The messages of the spec's worked example (io.secho.example.WorkedExample). */
    static final List<String> WORKED_EXAMPLE_MESSAGES = List.of("hello, secho", "stra\u00dfe");
    private static final List<String> MIXED_MESSAGES = List.of(
            "Hello, World!",
            "",
            "\ufb01 \u0149 \u0390 \u00df",
            "\u03bf\u03b4\u03cc\u03c2 \u2014 \u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2",
            "\ud83d\udc4b\ud83c\udf0d emoji stay",
            "\nleading newline is just text");

    private SessionVectors() {
    }

    static VectorFile build() {
        VectorFile file = new VectorFile("SECHO-V1-SESSION", BASE_NAME)
                .header("Secho v1 whole sessions: the inputs each side draws (randoms, private keys or the PSK),",
                        "the messages with the replies the server owes, and every frame in the order a simple",
                        "client that waits for each reply produces them. clientSends and serverSends are each",
                        "side's complete byte stream; they do not depend on timing, so a client that pipelines",
                        "all its records sends exactly the same bytes. Sessions end with the client's Close and",
                        "the server's Close.")
                .note("WorkedExample", "BASIC", "The session of the spec's worked example (section 15).")
                .note("MultiByte", "BASIC", "Messages with multi-byte UTF-8 and replies that change length"
                        + " (\u00df -> SS, \ufb01 -> FI, \u0149 -> \u02bcN, \u0390 -> three code points), an empty"
                        + " message and emoji.")
                .note("Normal", "BASIC", "Inputs drawn from a fixed pseudo-random stream; ASCII messages.");

        VectorFile.Group x25519 = file.group("SessionTest").param("suite", "x25519");
        session(x25519, HandshakeInputs.workedExample(Suite.X25519), WORKED_EXAMPLE_MESSAGES,
                "the worked example, x25519", "WorkedExample");
        session(x25519, HandshakeInputs.fromLabel(Suite.X25519, "session x25519 mixed"), MIXED_MESSAGES,
                "x25519, multi-byte and expanding messages", "MultiByte");

        VectorFile.Group modp = file.group("SessionTest").param("suite", "modp2048");
        session(modp, HandshakeInputs.fromLabel(Suite.MODP2048, "session modp2048 ascii"),
                List.of("ping", "pong", "three messages"), "modp2048, three ASCII messages", "Normal");
        session(modp, HandshakeInputs.fromLabel(Suite.MODP2048, "session modp2048 mixed"), MIXED_MESSAGES,
                "modp2048, multi-byte and expanding messages", "MultiByte");

        VectorFile.Group psk = file.group("SessionTest").param("suite", "psk");
        session(psk, HandshakeInputs.workedExample(Suite.PSK), WORKED_EXAMPLE_MESSAGES,
                "the worked example, psk", "WorkedExample");
        session(psk, HandshakeInputs.fromLabel(Suite.PSK, "session psk mixed"), MIXED_MESSAGES,
                "psk, multi-byte and expanding messages", "MultiByte");
        return file;
    }

    private static void session(VectorFile.Group group, HandshakeInputs inputs, List<String> messages,
                                String comment, String flag) {
        HandshakePair pair = HandshakePair.run(inputs);
        HandshakeResult client = pair.client();
        HandshakeResult server = pair.server();
        Transcript transcript = new Transcript();
        transcript.add("client", "client_hello", client.clientHelloFrame());
        transcript.add("server", "server_hello", server.serverHelloFrame());
        transcript.add("server", "finished", server.serverFinishedFrame());
        transcript.add("client", "finished", client.clientFinishedFrame());

        RecordSealer clientSealer = new RecordSealer(client.secrets().clientToServer(), Direction.CLIENT_TO_SERVER);
        RecordOpener serverOpener = new RecordOpener(server.secrets().clientToServer());
        RecordSealer serverSealer = new RecordSealer(server.secrets().serverToClient(), Direction.SERVER_TO_CLIENT);
        RecordOpener clientOpener = new RecordOpener(client.secrets().serverToClient());
        JsonArray exchanges = new JsonArray();
        try {
            for (String message : messages) {
                byte[] request = message.getBytes(StandardCharsets.UTF_8);
                InnerPlaintext received = transcript.record("client", "data", clientSealer, serverOpener,
                        InnerType.DATA, request);
                byte[] reply = EchoTransform.apply(received.payload());
                transcript.record("server", "data", serverSealer, clientOpener, InnerType.DATA, reply);
                JsonObject exchange = new JsonObject();
                exchange.addProperty("request", Hex.encode(request));
                exchange.addProperty("reply", Hex.encode(reply));
                exchanges.add(exchange);
            }
            transcript.record("client", "close", clientSealer, serverOpener, InnerType.CLOSE, new byte[0]);
            transcript.record("server", "close", serverSealer, clientOpener, InnerType.CLOSE, new byte[0]);
        } catch (ProtocolException e) {
            throw new IllegalStateException("the reference implementation rejected its own record: " + e, e);
        }

        VectorFile.Test test = group.test(comment, flag);
        test.hex("clientRandom", inputs.clientRandom());
        if (inputs.suite() != Suite.PSK) {
            test.hex("clientPrivateKey", inputs.clientPrivateKey());
        }
        test.hex("serverRandom", inputs.serverRandom());
        if (inputs.suite() != Suite.PSK) {
            test.hex("serverPrivateKey", inputs.serverPrivateKey());
        } else {
            test.hex("psk", inputs.psk());
        }
        test.add("messages", exchanges)
                .add("frames", transcript.frames)
                .hex("clientSends", transcript.clientBytes.toByteArray())
                .hex("serverSends", transcript.serverBytes.toByteArray())
                .valid();
    }

    /** The frames in order, and each side's byte stream. */
    private static final class Transcript {
        private final JsonArray frames = new JsonArray();
        private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream serverBytes = new ByteArrayOutputStream();

        void add(String sender, String kind, byte[] frame) {
            JsonObject entry = new JsonObject();
            entry.addProperty("sender", sender);
            entry.addProperty("kind", kind);
            entry.addProperty("frame", Hex.encode(frame));
            frames.add(entry);
            (sender.equals("client") ? clientBytes : serverBytes).writeBytes(frame);
        }

        InnerPlaintext record(String sender, String kind, RecordSealer sealer, RecordOpener opener, InnerType type,
                              byte[] payload) throws ProtocolException {
            Frame frame = sealer.seal(type, payload);
            add(sender, kind, frame.encode());
            InnerPlaintext opened = opener.open(frame);
            if (opened.type() != type || !Arrays.equals(opened.payload(), payload)) {
                throw new IllegalStateException("record round trip failed");
            }
            return opened;
        }
    }
}
