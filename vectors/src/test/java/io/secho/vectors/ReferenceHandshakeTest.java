package io.secho.vectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.session.ClientSession;
import io.secho.session.ServerSession;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.secho.vectors.VectorFiles.hex;
import static io.secho.vectors.VectorFiles.str;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The reference implementation against secho_v1_handshake_test.json, the way its connections use it: a
 * FrameReader with the frame types the state machine allows, then the state machine itself.
 */
class ReferenceHandshakeTest {
    private static final Optional<PreSharedKey> PSK = Optional.of(PreSharedKey.of(new byte[32]));

    @TestFactory
    List<DynamicTest> clientHellos() {
        return VectorFiles.each(VectorFiles.HANDSHAKE, "ClientHelloTest", (group, test) -> {
            Set<Suite> enabled = EnumSet.noneOf(Suite.class);
            for (JsonElement name : group.getAsJsonArray("enabledSuites")) {
                enabled.add(Suite.fromWireName(name.getAsString()).orElseThrow());
            }
            ServerHandshake server = new ServerHandshake(enabled, enabled.contains(Suite.PSK) ? PSK : Optional.empty(),
                    random("server"));
            VectorFiles.assertOutcome(test, () -> server.onClientHello(
                    read(test, Direction.CLIENT_TO_SERVER, ServerSession.State.AWAIT_CLIENT_HELLO.allowedFrames())));
        });
    }

    @TestFactory
    List<DynamicTest> serverHellos() {
        return VectorFiles.each(VectorFiles.HANDSHAKE, "ServerHelloTest", (group, test) -> {
            ClientHandshake client = new ClientHandshake(ReferenceKeyScheduleTest.suite(test), PSK, random("client"));
            client.clientHello();
            VectorFiles.assertOutcome(test, () -> client.onServerHello(
                    read(test, Direction.SERVER_TO_CLIENT, ClientSession.State.AWAIT_SERVER_HELLO.allowedFrames())));
        });
    }

    @TestFactory
    List<DynamicTest> finished() {
        return VectorFiles.each(VectorFiles.HANDSHAKE, "FinishedTest", (group, test) -> {
            Peers peers = new Peers(ReferenceKeyScheduleTest.suite(test));
            boolean atServer = str(test, "receiver").equals("server");
            peers.toState(str(test, "receiver"), atServer ? "AWAIT_CLIENT_FINISHED" : "AWAIT_SERVER_FINISHED");
            if (atServer) {
                VectorFiles.assertOutcome(test, () -> peers.server.onClientFinished(
                        read(test, Direction.CLIENT_TO_SERVER, ServerSession.State.AWAIT_CLIENT_FINISHED.allowedFrames())));
            } else {
                VectorFiles.assertOutcome(test, () -> peers.client.onServerFinished(
                        read(test, Direction.SERVER_TO_CLIENT, ClientSession.State.AWAIT_SERVER_FINISHED.allowedFrames())));
            }
        });
    }

    @TestFactory
    List<DynamicTest> frameHeaders() {
        return VectorFiles.each(VectorFiles.HANDSHAKE, "FrameHeaderTest", (group, test) -> {
            assertFalse(VectorFiles.valid(test), "header vectors are all invalid");
            Peers peers = new Peers(ReferenceKeyScheduleTest.suite(test));
            String receiver = str(test, "receiver");
            Set<FrameType> allowed = peers.toState(receiver, str(test, "state"));
            Direction direction = receiver.equals("server") ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            VectorFiles.assertOutcome(test, () -> read(test, direction, allowed));
        });
    }

    private static Frame read(JsonObject test, Direction direction, Set<FrameType> allowed) throws Exception {
        return new FrameReader(new ByteArrayInputStream(hex(test, "frame")), direction).read(allowed);
    }

    private static InsecureDeterministicRandomBytes random(String side) {
        return InsecureDeterministicRandomBytes.fromLabel("secho v1 vectors test " + side);
    }

    /** A reference client and server, advanced together to the state a vector names. */
    private static final class Peers {
        final ClientHandshake client;
        final ServerHandshake server;

        Peers(Suite suite) {
            client = new ClientHandshake(suite, PSK, random("client"));
            server = new ServerHandshake(EnumSet.of(suite), PSK, random("server"));
        }

        /** @return the frame types the receiver allows in that state */
        Set<FrameType> toState(String receiver, String state) throws Exception {
            boolean atServer = receiver.equals("server");
            if (!state.equals("AWAIT_CLIENT_HELLO")) {
                List<Frame> flight = server.onClientHello(client.clientHello());
                if (!state.equals("AWAIT_SERVER_HELLO") && !state.equals("AWAIT_CLIENT_FINISHED")) {
                    client.onServerHello(flight.get(0));
                    if (!state.equals("AWAIT_SERVER_FINISHED")) {
                        HandshakeResult result = client.onServerFinished(flight.get(1));
                        server.onClientFinished(Frame.parse(result.clientFinishedFrame()));
                    }
                }
            }
            String actual = atServer ? server.state().name() : client.state().name();
            String expected = state.equals("ESTABLISHED") ? "COMPLETE" : state;
            if (!actual.equals(expected)) {
                throw new AssertionError(receiver + " is in " + actual + ", not " + state);
            }
            // The allowed frame types are the sessions' (Tables 8 and 9): the handshake steps only advance.
            return atServer ? ServerSession.State.valueOf(state).allowedFrames()
                    : ClientSession.State.valueOf(state).allowedFrames();
        }
    }
}
