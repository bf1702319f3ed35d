package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both sides of the handshake played by the peer against itself, and the checks of Tables 6 and 7. */
class HandshakeTest {
    private static final Set<Suite> ALL = EnumSet.allOf(Suite.class);
    private static final Optional<PreSharedKey> PSK = Optional.of(PreSharedKey.of(Sha256.hash(new byte[] {3})));

    @Test
    void aClientAndTheServerSideAgreeOnEverySuite() throws ProtocolException {
        for (Suite suite : Suite.values()) {
            RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("handshake " + suite);
            KeyExchange client = suite.newKeyExchange(random, PSK);
            byte[] clientHello = new ClientHello(suite, random.nextBytes(32), client.publicShare()).toFrame().encode();
            ServerSide.Flight flight = ServerSide.accept(clientHello, ALL, random, PSK);
            assertEquals(suite, flight.suite());
            ServerHello serverHello = ServerHello.decodeAsClient(Frame.parse(flight.serverHelloFrame()).body(), suite);
            SessionSecrets secrets = KeySchedule.derive(client.sharedSecret(serverHello.keyShare()), clientHello,
                    flight.serverHelloFrame());
            Finished.decode(flight.serverFinished().body()).verify(secrets.serverVerifyData(), "server");
            Frame clientFinished = KeySchedule.clientFinished(secrets, clientHello, flight.serverHelloFrame(),
                    flight.serverFinished().encode());
            flight.verifyClientFinished(clientFinished.body());
            byte[] wrong = clientFinished.body();
            wrong[31] ^= 1;
            assertEquals(AlertCode.HANDSHAKE_FAILURE, assertThrows(ProtocolException.class,
                    () -> flight.verifyClientFinished(wrong)).alert());
            assertEquals(AlertCode.DECODE_ERROR, assertThrows(ProtocolException.class,
                    () -> flight.verifyClientFinished(new byte[31])).alert());
            byte[] flightBytes = flight.serverFlightBytes();
            assertEquals(flight.serverHelloFrame().length + 35, flightBytes.length);
            // Records both ways, each side with its own keys (REQ-KS-4).
            Frame request = new RecordSealer(secrets.clientToServer(), Direction.CLIENT_TO_SERVER)
                    .seal(InnerType.DATA, "straße".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] reply = EchoRule.reply(flight.opener().open(request).payload());
            Frame answer = flight.sealer().seal(InnerType.DATA, reply);
            assertArrayEquals("STRASSE".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new RecordOpener(secrets.serverToClient()).open(answer).payload());
        }
    }

    @Test
    void theServerSideRefusesALowOrderShareAndAnUnenabledSuite() {
        RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("refusals");
        byte[] lowOrder = new ClientHello(Suite.X25519, random.nextBytes(32), new byte[32]).toFrame().encode();
        assertEquals(AlertCode.ILLEGAL_PARAMETER, assertThrows(ProtocolException.class,
                () -> ServerSide.accept(lowOrder, ALL, random, PSK)).alert());
        byte[] psk = new ClientHello(Suite.PSK, random.nextBytes(32), new byte[0]).toFrame().encode();
        assertEquals(AlertCode.UNSUPPORTED_SUITE, assertThrows(ProtocolException.class,
                () -> ServerSide.accept(psk, EnumSet.of(Suite.X25519), random, Optional.empty())).alert());
    }

    /** Table 6's order: the first failing check names the alert, even when later ones fail too. */
    @Test
    void clientHelloCheckOrder() {
        assertEquals(AlertCode.DECODE_ERROR, serverAlert(new byte[1]));
        assertEquals(AlertCode.UNSUPPORTED_VERSION, serverAlert(new byte[] {0, 2}), "b before c: nothing else parsed");
        assertEquals(AlertCode.DECODE_ERROR, serverAlert(new byte[] {0, 1, 1}), "c: shorter than 37");
        byte[] trailing = java.util.Arrays.copyOf(new ClientHello(0x0001, 0x7f, new byte[32], new byte[0]).encodeBody(), 38);
        assertEquals(AlertCode.DECODE_ERROR, serverAlert(trailing), "c before d: a trailing byte");
        assertEquals(AlertCode.UNSUPPORTED_SUITE, serverAlert(new ClientHello(0x0001, 0x7f, new byte[32], new byte[5])
                .encodeBody()), "d before e");
        assertEquals(AlertCode.ILLEGAL_PARAMETER, serverAlert(new ClientHello(Suite.PSK, new byte[32], new byte[32])
                .encodeBody()), "e: psk with a share (REQ-KEX-9)");
        assertEquals(AlertCode.ILLEGAL_PARAMETER, serverAlert(new ClientHello(Suite.X25519, new byte[32], new byte[33])
                .encodeBody()));
    }

    /** Table 7: at a client a wrong version or suite is illegal_parameter. */
    @Test
    void serverHelloChecks() {
        assertEquals(AlertCode.DECODE_ERROR, clientAlert(new byte[0], Suite.X25519));
        assertEquals(AlertCode.ILLEGAL_PARAMETER, clientAlert(new ServerHello(0x0002, 1, new byte[32], new byte[32])
                .encodeBody(), Suite.X25519));
        assertEquals(AlertCode.ILLEGAL_PARAMETER, clientAlert(new ServerHello(Suite.MODP2048, new byte[32],
                new byte[256]).encodeBody(), Suite.X25519), "another suite (REQ-HS-4)");
        assertEquals(AlertCode.DECODE_ERROR, clientAlert(java.util.Arrays.copyOf(new ServerHello(Suite.X25519,
                new byte[32], new byte[32]).encodeBody(), 68), Suite.X25519), "one byte short");
        assertEquals(AlertCode.ILLEGAL_PARAMETER, clientAlert(new ServerHello(Suite.X25519, new byte[32], new byte[0])
                .encodeBody(), Suite.X25519), "share_len 0 for x25519");
    }

    @Test
    void finishedIsComparedInFullAndOnlyAt32Bytes() throws ProtocolException {
        byte[] expected = Sha256.hash(new byte[] {9});
        new Finished(expected).verify(expected, "server");
        for (int position : new int[] {0, 15, 31}) {
            byte[] other = expected.clone();
            other[position] ^= (byte) 0x80;
            assertEquals(AlertCode.HANDSHAKE_FAILURE, assertThrows(ProtocolException.class,
                    () -> new Finished(other).verify(expected, "server")).alert(), "byte " + position);
        }
        assertEquals(AlertCode.DECODE_ERROR, assertThrows(ProtocolException.class,
                () -> Finished.decode(new byte[33])).alert());
        assertTrue(HmacSha256.constantTimeEquals(new byte[0], new byte[0]));
        assertFalse(HmacSha256.constantTimeEquals(new byte[1], new byte[2]));
    }

    @Test
    void helloLayout() {
        byte[] random = new byte[32];
        random[0] = (byte) 0xaa;
        byte[] frame = new ClientHello(Suite.X25519, random, new byte[32]).toFrame().encode();
        assertEquals("010045000101aa", Hex.encode(java.util.Arrays.copyOf(frame, 7)), "Table 5's header, version, suite");
        assertEquals("0020", Hex.encode(java.util.Arrays.copyOfRange(frame, 38, 40)), "share_len");
        assertEquals(296, new ServerHello(Suite.MODP2048, random, new byte[256]).toFrame().encode().length);
        assertEquals(40, new ServerHello(Suite.PSK, random, new byte[0]).toFrame().encode().length);
        assertEquals("04000107", Hex.encode(AlertMessage.plaintextFrame(AlertCode.UNEXPECTED_MESSAGE).encode()));
        assertEquals(Optional.of(0xee), AlertMessage.code(new byte[] {(byte) 0xee}), "any code is an alert");
        assertEquals(Optional.empty(), AlertMessage.code(new byte[2]));
    }

    private static AlertCode serverAlert(byte[] body) {
        return assertThrows(ProtocolException.class, () -> ClientHello.decodeAsServer(body, EnumSet.of(Suite.X25519,
                Suite.PSK))).alert();
    }

    private static AlertCode clientAlert(byte[] body, Suite offered) {
        return assertThrows(ProtocolException.class, () -> ServerHello.decodeAsClient(body, offered)).alert();
    }
}
