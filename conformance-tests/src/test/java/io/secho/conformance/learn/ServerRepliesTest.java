package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Finished;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.HelloMessage;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RandomBytes;
import io.secho.conformance.peer.RecordForge;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.peer.ServerHello;
import io.secho.conformance.peer.ServerSide;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.peer.X25519KeyExchange;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The output abstraction frame by frame: a server flight made by the peer's own server side. */
final class ServerRepliesTest {
    private final RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("replies test");
    private ServerReplies replies;
    private ServerSide.Flight flight;
    private RecordSealer server;

    @BeforeEach
    void handshake() throws ProtocolException {
        replies = new ServerReplies();
        X25519KeyExchange exchange = X25519KeyExchange.generate(random);
        byte[] hello = new ClientHello(Suite.X25519, random.nextBytes(HelloMessage.RANDOM_LENGTH),
                exchange.publicShare()).toFrame().encode();
        replies.helloSent(Suite.X25519, hello, exchange::sharedSecret);
        flight = ServerSide.accept(hello, EnumSet.allOf(Suite.class), random, Optional.empty());
        server = flight.sealer();
    }

    private String classifyFlight() {
        return MapperOutputs.join(List.of(replies.classify(flight.serverHelloSent()),
                replies.classify(flight.serverFinished())));
    }

    @Test
    void theServerFlightReadsAsTheSpecModelsOutput() {
        assertEquals("ServerHello+Finished", classifyFlight());
        assertArrayEquals(flight.expectedClientVerifyData(), replies.clientVerifyData().orElseThrow());
        assertTrue(replies.clientToServer().isPresent());
    }

    @Test
    void anEchoIsTheSpecsUpperCasingOfTheRequestAndNothingElse() {
        classifyFlight();
        replies.requestSent("straße".getBytes(StandardCharsets.UTF_8));
        assertEquals("Echo", replies.classify(server.seal(InnerType.DATA, "STRASSE".getBytes(StandardCharsets.UTF_8))));
        replies.requestSent("abc".getBytes(StandardCharsets.UTF_8));
        assertEquals("Data(wrong)", replies.classify(server.seal(InnerType.DATA, "abc".getBytes(StandardCharsets.UTF_8))));
        assertEquals("Data(wrong)", replies.classify(server.seal(InnerType.DATA, "ABC".getBytes(StandardCharsets.UTF_8))),
                "a reply nobody asked for");
    }

    @Test
    void closeAndAlertsAreNamedAsInTheModel() {
        classifyFlight();
        assertEquals("Alert(bad_record_mac,encrypted)",
                replies.classify(server.seal(InnerType.ALERT, AlertMessage.encode(AlertCode.BAD_RECORD_MAC))));
        assertEquals("Close", replies.classify(server.seal(InnerType.CLOSE, new byte[0])));
        assertEquals("Alert(unexpected_message,plaintext)",
                replies.classify(AlertMessage.plaintextFrame(AlertCode.UNEXPECTED_MESSAGE)));
        assertEquals("Alert(0x2a,plaintext)", replies.classify(new Frame(FrameType.ALERT, new byte[] {0x2a})));
        assertEquals("Garbage", replies.classify(new Frame(FrameType.ALERT, new byte[] {1, 2})));
    }

    @Test
    void whatTheClientCannotReadIsGarbage() {
        Frame early = RecordForge.with(flight.secrets().serverToClient()).payload(new byte[] {1}).frame();
        assertEquals("Garbage", replies.classify(early), "a record before the client has keys");
        classifyFlight();
        assertEquals("Garbage", replies.classify(RecordForge.with(flight.secrets().serverToClient()).sequence(5)
                .payload(new byte[] {1}).frame()), "a record out of sequence");
        assertEquals("Garbage", replies.classify(RecordForge.with(flight.secrets().clientToServer())
                .payload(new byte[] {1}).frame()), "a record under the other direction's keys");
        assertEquals("Garbage", replies.classify(new ClientHello(Suite.PSK, new byte[32], new byte[0]).toFrame()));
    }

    @Test
    void aWrongFlightIsNamedAsSuch() {
        assertEquals("Finished(wrong)", replies.classify(flight.serverFinished()), "a Finished before the ServerHello");
        Frame otherSuite = new ServerHello(HelloMessage.VERSION_1, Suite.MODP2048.code(), new byte[32], new byte[256]).toFrame();
        assertEquals("ServerHello(bad)", replies.classify(otherSuite));
        assertEquals("ServerHello", replies.classify(flight.serverHelloSent()));
        assertEquals("Finished(wrong)", replies.classify(new Finished(new byte[Finished.LENGTH]).toFrame()));
        assertEquals("Finished", replies.classify(flight.serverFinished()));
    }
}
