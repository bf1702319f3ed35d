package io.secho.server;

import io.secho.alert.AlertCode;
import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.record.InnerType;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input from the network gets the spec's alert and a close; the server keeps serving others. */
class ServerRobustnessTest {
    private static void assertStillServes(ServerFixture fixture) throws Exception {
        ClientConfig config = new ClientConfig("127.0.0.1", fixture.port(), List.of(Suite.X25519), Optional.empty(),
                Duration.ofSeconds(5), new SystemRandomBytes());
        try (SechoClient client = SechoClient.connect(config)) {
            assertEquals("STILL HERE", client.echo("still here"), "a fresh connection must be served");
        }
    }

    private static void assertPlaintextAlertThenFin(RawPeer peer, AlertCode expected) throws Exception {
        RawPeer.Observed observed = peer.readUntilEnd(3000);
        assertEquals(RawPeer.Ending.FIN, observed.ending(), "the alert must be followed by a FIN");
        assertEquals(expected, RawPeer.plaintextAlert(observed.onlyFrame()));
    }

    @Test
    void unknownFrameTypeGetsDecodeError() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            peer.send(new byte[] {(byte) 0xff, 0, 1, 0});
            assertPlaintextAlertThenFin(peer, AlertCode.DECODE_ERROR);
            assertStillServes(fixture);
        }
    }

    @Test
    void dataBeforeTheHandshakeGetsUnexpectedMessage() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            peer.send(new Frame(FrameType.RECORD, new byte[40]));
            assertPlaintextAlertThenFin(peer, AlertCode.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void oversizedLengthGetsRecordOverflowWithoutTheBody() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            peer.send(Frame.header(FrameType.CLIENT_HELLO.code(), 1025));
            assertPlaintextAlertThenFin(peer, AlertCode.RECORD_OVERFLOW);
        }
    }

    @Test
    void silentClientRunsIntoTheHandshakeTimeout() throws Exception {
        try (ServerFixture fixture = new ServerFixture(b -> b.handshakeTimeout(Duration.ofMillis(300)));
             RawPeer peer = new RawPeer(fixture.port())) {
            assertPlaintextAlertThenFin(peer, AlertCode.TIMEOUT);
            assertTrue(fixture.awaitLogLines(1).get(0).contains("handshake not complete"), fixture.log.toString());
        }
    }

    @Test
    void clientDroppedMidFrameIsLoggedAsTruncationAndServingGoesOn() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            try (RawPeer peer = new RawPeer(fixture.port())) {
                peer.send(new byte[] {0x01, 0x00});
            }
            assertTrue(fixture.awaitLogLines(1).get(0).contains("truncated"), fixture.log.toString());
            assertStillServes(fixture);
        }
    }

    @Test
    void flippedTagGetsEncryptedBadRecordMacAndNoEcho() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            RawPeer.Established session = peer.handshake(Suite.X25519, Optional.empty());
            byte[] wire = session.sealer().seal(InnerType.DATA, "secret".getBytes()).encode();
            wire[wire.length - 1] ^= 0x01;
            peer.send(wire);
            RawPeer.Observed observed = peer.readUntilEnd(3000);
            assertEquals(RawPeer.Ending.FIN, observed.ending());
            Frame frame = observed.onlyFrame();
            assertEquals(FrameType.RECORD, frame.type(), "after the handshake the alert is encrypted");
            assertEquals(AlertCode.BAD_RECORD_MAC, session.encryptedAlert(frame));
            assertStillServes(fixture);
        }
    }

    @Test
    void replayedRecordGetsBadSequence() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            RawPeer.Established session = peer.handshake(Suite.PSK, Optional.of(ServerFixture.PSK));
            Frame first = session.sealer().seal(InnerType.DATA, "one".getBytes());
            peer.send(first);
            assertEquals("ONE", new String(session.opener().open(peer.readFrame()).payload()));
            peer.send(first);
            RawPeer.Observed observed = peer.readUntilEnd(3000);
            assertEquals(RawPeer.Ending.FIN, observed.ending());
            assertEquals(AlertCode.BAD_SEQUENCE, session.encryptedAlert(observed.onlyFrame()));
        }
    }

    @Test
    void invalidUtf8GetsBadPayload() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            RawPeer.Established session = peer.handshake(Suite.MODP2048, Optional.empty());
            peer.send(session.sealer().seal(InnerType.DATA, new byte[] {(byte) 0xc0, (byte) 0x80}));
            RawPeer.Observed observed = peer.readUntilEnd(3000);
            assertEquals(AlertCode.BAD_PAYLOAD, session.encryptedAlert(observed.onlyFrame()));
        }
    }

    @Test
    void secondClientHelloAfterTheHandshakeGetsUnexpectedMessage() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            RawPeer.Established session = peer.handshake(Suite.X25519, Optional.empty());
            peer.send(session.result().clientHelloFrame());
            RawPeer.Observed observed = peer.readUntilEnd(3000);
            assertEquals(AlertCode.UNEXPECTED_MESSAGE, session.encryptedAlert(observed.onlyFrame()));
        }
    }

    @Test
    void truncationAfterTheHandshakeGetsABareFin() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawPeer peer = new RawPeer(fixture.port())) {
            peer.handshake(Suite.X25519, Optional.empty());
            peer.socket.shutdownOutput();
            RawPeer.Observed observed = peer.readUntilEnd(3000);
            assertEquals(RawPeer.Ending.FIN, observed.ending());
            assertEquals(0, observed.bytes().length, "no Close and no alert after a truncation: "
                    + Arrays.toString(observed.bytes()));
        }
    }

    @Test
    void aPeerThatStopsReadingIsLoggedAsAStalledWriter() throws Exception {
        // 2 s rather than less: on a loaded machine the flood itself may pause for a moment, and a pause as long as
        // the idle timeout ends the connection with the idle alert before our output ever stalls.
        try (ServerFixture fixture = new ServerFixture(b -> b.idleTimeout(Duration.ofMillis(2000)));
             RawPeer peer = new RawPeer(fixture.port())) {
            RawPeer.Established session = peer.handshake(Suite.X25519, Optional.empty());
            byte[] request = new byte[FrameLimits.MAX_REQUEST_PAYLOAD];
            Arrays.fill(request, (byte) 'a');
            // Echoes pile up unread until the server's write blocks; then its reads stop, and so do these writes,
            // until the reaper aborts the connection and they fail.
            Thread flood = new Thread(() -> {
                try {
                    while (true) {
                        peer.send(session.sealer().seal(InnerType.DATA, request));
                    }
                } catch (IOException expected) {
                    // The abort: what the test waits for.
                }
            }, "stalled-writer-flood");
            flood.setDaemon(true);
            flood.start();
            List<String> log = fixture.awaitLogLines(1, Duration.ofSeconds(60));
            assertEquals(1, log.size(), "the stalled connection was never ended");
            assertTrue(log.get(0).contains("end=aborted: stalled writer: a write was blocked for more than 2000 ms"),
                    log.get(0));
            assertFalse(log.get(0).contains("Socket closed"), log.get(0));
        }
    }

    @Test
    void connectionsBeyondTheLimitGetBusy() throws Exception {
        try (ServerFixture fixture = new ServerFixture(b -> b.maxConnections(1));
             RawPeer holder = new RawPeer(fixture.port())) {
            holder.handshake(Suite.X25519, Optional.empty());
            try (RawPeer refused = new RawPeer(fixture.port())) {
                assertPlaintextAlertThenFin(refused, AlertCode.BUSY);
            }
        }
    }
}
