package io.secho.session;

import io.secho.alert.AlertCode;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A server session and a client session wired by hand, with reproducible randomness and time passed in; and, for
 * input a correct peer never sends, the keys of the same session derived beside them (a second client handshake
 * drawing the same random bytes).
 */
final class SessionPair {
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(300);
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration DRAIN = Duration.ofSeconds(2);
    static final long T0 = 5_000_000_000L;
    static final PreSharedKey PSK = PreSharedKey.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    final Suite suite;
    final ServerSession server;
    final ClientSession client;
    private final ClientHandshake shadow;
    private HandshakeResult keys;

    SessionPair(Suite suite) {
        this(suite, Set.of());
    }

    /** @param deferred the suites whose key agreement the server session hands out (takeKeyAgreement) */
    SessionPair(Suite suite, Set<Suite> deferred) {
        this.suite = suite;
        Optional<PreSharedKey> psk = Optional.of(PSK);
        this.server = new ServerSession(new ServerSession.Settings(EnumSet.allOf(Suite.class), psk,
                InsecureDeterministicRandomBytes.fromLabel("server"), HANDSHAKE_TIMEOUT, IDLE_TIMEOUT, DRAIN, deferred), T0);
        this.client = new ClientSession(suite, psk, InsecureDeterministicRandomBytes.fromLabel("client"), WAIT, DRAIN);
        client.connected(T0);
        this.shadow = new ClientHandshake(suite, psk, InsecureDeterministicRandomBytes.fromLabel("client"));
    }

    static SessionPair established(Suite suite) {
        SessionPair pair = new SessionPair(suite);
        pair.handshake();
        return pair;
    }

    /** The client's ClientHello and the server's flight; both sessions then wait for the client's Finished. */
    byte[] serverFlight() {
        byte[] hello = client.takeOutput();
        assertEquals(Arrays.toString(shadow.clientHello().encode()), Arrays.toString(hello), "the shadow draws alike");
        server.receive(hello, T0);
        return server.takeOutput();
    }

    void handshake() {
        byte[] flight = serverFlight();
        client.receive(flight, T0);
        server.receive(client.takeOutput(), T0);
        assertEquals(ServerSession.State.ESTABLISHED, server.state());
        assertEquals(ClientSession.State.ESTABLISHED, client.state());
        shadowKeys(flight);
    }

    /** Derives the session's keys beside the sessions from the server's flight (ServerHello, Finished). */
    void shadowKeys(byte[] flight) {
        try {
            int helloLength = FrameLimits.HEADER_LENGTH + (((flight[1] & 0xff) << 8) | (flight[2] & 0xff));
            shadow.onServerHello(Frame.parse(Arrays.copyOfRange(flight, 0, helloLength)));
            keys = shadow.onServerFinished(Frame.parse(Arrays.copyOfRange(flight, helloLength, flight.length)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Seals as the server would, its sequence starting at {@code seq}: for records a correct server never sends. */
    RecordSealer serverSealer(long seq) {
        return RecordSealer.insecureStartingAt(keys.secrets().serverToClient(), Direction.SERVER_TO_CLIENT, seq);
    }

    RecordSealer clientSealer(long seq) {
        return RecordSealer.insecureStartingAt(keys.secrets().clientToServer(), Direction.CLIENT_TO_SERVER, seq);
    }

    /** Opens what the server sent, expecting its records from {@code seq}. */
    RecordOpener serverRecords(long seq) {
        return RecordOpener.insecureExpectingFrom(keys.secrets().serverToClient(), seq);
    }

    RecordOpener clientRecords(long seq) {
        return RecordOpener.insecureExpectingFrom(keys.secrets().clientToServer(), seq);
    }

    static byte[] plaintextAlert(AlertCode alert) {
        return new byte[] {0x04, 0x00, 0x01, (byte) alert.code()};
    }
}
