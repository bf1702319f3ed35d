package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The peer against every vector of vectors/ (Section 16's order): key schedule, records, handshake checks,
 * whole sessions byte for byte, echo. Each failure names the file and tcId.
 */
class PeerVectorsTest {
    private static final String KEY_SCHEDULE = "secho_v1_key_schedule_test.json";
    private static final String RECORDS = "secho_v1_record_test.json";
    private static final String HANDSHAKE = "secho_v1_handshake_test.json";
    private static final String SESSIONS = "secho_v1_session_test.json";
    private static final String ECHO = "secho_v1_echo_test.json";
    /** Any private key: every low-order x25519 share gives the all-zero secret with it, and the modp2048 range check does not depend on it (Section 16.4). */
    private static final byte[] ANY_PRIVATE_KEY = Hex.decode("4242424242424242424242424242424242424242424242424242424242424242");
    /** Bit 255 of an X25519 u-coordinate, which RFC 7748 decoding masks. */
    private static final int HIGH_BIT = 0x80;

    @Test
    void keySchedule() throws ProtocolException {
        List<VectorFile.Vector> tests = vectors(KEY_SCHEDULE, "KeyScheduleTest", 10);
        for (VectorFile.Vector v : tests) {
            Suite suite = v.suite();
            byte[] clientShare;
            byte[] serverShare;
            byte[] clientSecret;
            byte[] serverSecret;
            if (suite == Suite.PSK) {
                clientShare = new byte[0];
                serverShare = new byte[0];
                PskKeyExchange exchange = new PskKeyExchange(PreSharedKey.of(v.hex("psk")));
                clientSecret = exchange.sharedSecret(serverShare);
                serverSecret = exchange.sharedSecret(clientShare);
            } else {
                KeyExchange client = exchange(suite, v.hex("clientPrivateKey"));
                KeyExchange server = exchange(suite, v.hex("serverPrivateKey"));
                clientShare = v.hex("clientShare");
                serverShare = v.hex("serverShare");
                byte[] computed = client.publicShare();
                if (v.flagged("ShareHighBitSet")) {
                    // Section 16.2: only the server sees this share; compare with bit 255 masked.
                    byte[] masked = clientShare.clone();
                    masked[masked.length - 1] &= (byte) ~HIGH_BIT;
                    assertArrayEquals(masked, computed, v + ": clientShare (bit 255 masked)");
                    assertTrue((clientShare[clientShare.length - 1] & HIGH_BIT) != 0, v + ": the flag's bit is set");
                } else {
                    assertArrayEquals(clientShare, computed, v + ": clientShare");
                }
                assertArrayEquals(serverShare, server.publicShare(), v + ": serverShare");
                clientSecret = client.sharedSecret(serverShare);
                serverSecret = server.sharedSecret(clientShare);
            }
            byte[] clientHello = new ClientHello(suite, v.hex("clientRandom"), clientShare).toFrame().encode();
            byte[] serverHello = new ServerHello(suite, v.hex("serverRandom"), serverShare).toFrame().encode();
            assertArrayEquals(v.hex("clientHello"), clientHello, v + ": clientHello");
            assertArrayEquals(v.hex("serverHello"), serverHello, v + ": serverHello");
            assertArrayEquals(v.hex("sharedSecret"), clientSecret, v + ": sharedSecret (client)");
            assertArrayEquals(v.hex("sharedSecret"), serverSecret, v + ": sharedSecret (server)");
            SessionSecrets s = KeySchedule.derive(clientSecret, clientHello, serverHello);
            assertArrayEquals(v.hex("th1"), s.transcriptHash1(), v + ": th1");
            assertArrayEquals(v.hex("prk"), s.pseudoRandomKey(), v + ": prk");
            assertArrayEquals(v.hex("c2sKey"), s.clientToServer().key(), v + ": c2sKey");
            assertArrayEquals(v.hex("c2sSalt"), s.clientToServer().salt(), v + ": c2sSalt");
            assertArrayEquals(v.hex("s2cKey"), s.serverToClient().key(), v + ": s2cKey");
            assertArrayEquals(v.hex("s2cSalt"), s.serverToClient().salt(), v + ": s2cSalt");
            assertArrayEquals(v.hex("cFinishedKey"), s.clientFinishedKey(), v + ": cFinishedKey");
            assertArrayEquals(v.hex("sFinishedKey"), s.serverFinishedKey(), v + ": sFinishedKey");
            assertArrayEquals(v.hex("serverVerifyData"), s.serverVerifyData(), v + ": serverVerifyData");
            assertArrayEquals(v.hex("serverFinished"), s.serverFinished().encode(), v + ": serverFinished");
            byte[] th2 = KeySchedule.transcriptHash2(clientHello, serverHello, s.serverFinished().encode());
            assertArrayEquals(v.hex("th2"), th2, v + ": th2");
            assertArrayEquals(v.hex("clientVerifyData"), KeySchedule.clientVerifyData(s, th2), v + ": clientVerifyData");
            assertArrayEquals(v.hex("clientFinished"),
                    KeySchedule.clientFinished(s, clientHello, serverHello, s.serverFinished().encode()).encode(),
                    v + ": clientFinished");
        }
    }

    /** Section 16.2, FinishedTest groups: accept the valid ones, the named alert for the others. */
    @Test
    void finishedChecks() {
        List<VectorFile.Vector> tests = vectors(KEY_SCHEDULE, "FinishedTest", 10);
        for (VectorFile.Vector v : tests) {
            byte[] clientHello = v.hex("clientHello");
            byte[] serverHello = v.hex("serverHello");
            SessionSecrets s = KeySchedule.derive(v.hex("sharedSecret"), clientHello, serverHello);
            Frame received = Frame.parse(v.hex("finished"));
            byte[] expected = "client".equals(v.string("receiver")) ? s.serverVerifyData()
                    : KeySchedule.clientVerifyData(s, KeySchedule.transcriptHash2(clientHello, serverHello,
                    v.hex("serverFinished")));
            Optional<AlertCode> alert = alertOf(() -> Finished.decode(received.body())
                    .verify(expected, v.string("receiver").equals("client") ? "server" : "client"));
            assertOutcome(v, alert);
        }
    }

    @Test
    void recordProtection() {
        for (VectorFile.Vector v : vectors(RECORDS, "RecordProtectionTest", 40)) {
            TrafficKeys keys = groupKeys(v);
            long seq = u64(v, "seq");
            InnerType type = InnerType.fromCode(v.hex("innerType")[0] & 0xff).orElseThrow();
            Direction direction = toServer(v) ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            byte[] record = RecordSealer.insecureStartingAt(keys, direction, seq).sealEncoded(type, v.hex("payload"));
            assertArrayEquals(v.hex("record"), record, v + ": record");
            assertArrayEquals(v.hex("nonce"), RecordNonce.of(keys.salt(), seq), v + ": nonce");
            assertArrayEquals(v.hex("header"), Frame.parse(record).header(), v + ": header");
            byte[] sealed = new AesGcm(keys.key()).seal(v.hex("nonce"), v.hex("header"), v.hex("innerPlaintext"));
            int tagStart = sealed.length - AesGcm.TAG_LENGTH;
            assertArrayEquals(v.hex("ciphertext"), java.util.Arrays.copyOf(sealed, tagStart), v + ": ciphertext");
            assertArrayEquals(v.hex("tag"), java.util.Arrays.copyOfRange(sealed, tagStart, sealed.length), v + ": tag");
        }
    }

    @Test
    void recordChecks() {
        for (VectorFile.Vector v : vectors(RECORDS, "RecordCheckTest", 90)) {
            TrafficKeys keys = groupKeys(v);
            long expected = u64(v, "expectedSeq");
            boolean server = toServer(v);
            byte[] record = v.hex("record");
            ReceiverState state = server ? ReceiverState.SERVER_ESTABLISHED : ReceiverState.CLIENT_ESTABLISHED;
            // Table 12 step 1 is the header checks of Section 4.4.
            Optional<AlertCode> alert = state.check(FrameHeader.parse(record));
            InnerPlaintext[] opened = new InnerPlaintext[1];
            if (alert.isEmpty()) {
                // Step 6 applies at both sides (REQ-ECHO-7 at the server, REQ-ECHO-13 at the client).
                RecordOpener opener = RecordOpener.insecureCheckingUtf8From(keys, expected);
                alert = alertOf(() -> opened[0] = opener.open(Frame.parse(record)));
            }
            assertOutcome(v, alert);
            if (v.valid()) {
                assertEquals(v.hex("innerType")[0] & 0xff, opened[0].type().code(), v + ": innerType");
                assertArrayEquals(v.hex("payload"), opened[0].payload(), v + ": payload");
                assertEquals(expected, opened[0].sequenceNumber(), v + ": seq");
            }
        }
    }

    @Test
    void clientHelloChecks() {
        List<VectorFile.Vector> tests = vectors(HANDSHAKE, "ClientHelloTest", 80);
        for (VectorFile.Vector v : tests) {
            Set<Suite> enabled = EnumSet.noneOf(Suite.class);
            v.array("enabledSuites").forEach(name -> enabled.add(Suite.fromWireName(name.getAsString()).orElseThrow()));
            byte[] frame = v.hex("frame");
            Optional<AlertCode> alert = ReceiverState.AWAIT_CLIENT_HELLO.check(FrameHeader.parse(frame));
            if (alert.isEmpty()) {
                alert = alertOf(() -> ServerSide.accept(frame, enabled, new InsecureDeterministicRandomBytes(frame),
                        Optional.of(PreSharedKey.of(new byte[PreSharedKey.LENGTH]))));
            }
            assertOutcome(v, alert);
        }
    }

    @Test
    void serverHelloChecks() {
        List<VectorFile.Vector> tests = vectors(HANDSHAKE, "ServerHelloTest", 60);
        for (VectorFile.Vector v : tests) {
            Suite offered = v.suite();
            Frame frame = Frame.parse(v.hex("frame"));
            Optional<AlertCode> alert = alertOf(() -> {
                ServerHello hello = ServerHello.decodeAsClient(frame.body(), offered);
                if (offered != Suite.PSK) {
                    exchange(offered, ANY_PRIVATE_KEY).sharedSecret(hello.keyShare());
                }
            });
            assertOutcome(v, alert);
        }
    }

    /** Section 16.4 step 3: a Finished in a session whose verify_data is not the frame's. */
    @Test
    void finishedFrames() {
        List<VectorFile.Vector> tests = vectors(HANDSHAKE, "FinishedTest", 10);
        byte[] someVerifyData = Sha256.hash("a session of this test".getBytes(StandardCharsets.UTF_8));
        for (VectorFile.Vector v : tests) {
            Frame frame = Frame.parse(v.hex("frame"));
            Optional<AlertCode> alert = alertOf(() -> Finished.decode(frame.body()).verify(someVerifyData, "peer's"));
            assertEquals(Optional.of(v.alert()), alert, v.toString());
        }
    }

    @Test
    void frameHeaders() {
        List<VectorFile.Vector> tests = vectors(HANDSHAKE, "FrameHeaderTest", 30);
        for (VectorFile.Vector v : tests) {
            ReceiverState.Side side = "server".equals(v.string("receiver")) ? ReceiverState.Side.SERVER
                    : ReceiverState.Side.CLIENT;
            ReceiverState state = ReceiverState.of(side, v.string("state")).orElseThrow();
            assertEquals(Optional.of(v.alert()), state.check(FrameHeader.parse(v.hex("frame"))), v.toString());
        }
    }

    /** Section 16.6: both sides' bytes from the session's inputs, frame by frame and as whole streams. */
    @Test
    void sessions() throws ProtocolException {
        List<VectorFile.Vector> tests = VectorFile.load(SESSIONS).ofType("SessionTest");
        assertEquals(6, tests.size(), "the session file's tests");
        for (VectorFile.Vector v : tests) {
            Suite suite = v.suite();
            KeyExchange client;
            KeyExchange server;
            if (suite == Suite.PSK) {
                client = new PskKeyExchange(PreSharedKey.of(v.hex("psk")));
                server = client;
            } else {
                client = exchange(suite, v.hex("clientPrivateKey"));
                server = exchange(suite, v.hex("serverPrivateKey"));
            }
            byte[] clientHello = new ClientHello(suite, v.hex("clientRandom"), client.publicShare()).toFrame().encode();
            ClientHello.Accepted accepted = ClientHello.decodeAsServer(Frame.parse(clientHello).body(),
                    EnumSet.allOf(Suite.class));
            byte[] serverHello = new ServerHello(suite, v.hex("serverRandom"), server.publicShare()).toFrame().encode();
            ServerSide.Flight flight = ServerSide.Flight.of(suite, clientHello, accepted.hello(), serverHello,
                    server.sharedSecret(accepted.hello().keyShare()));
            ServerHello seen = ServerHello.decodeAsClient(Frame.parse(serverHello).body(), suite);
            SessionSecrets clientSecrets = KeySchedule.derive(client.sharedSecret(seen.keyShare()), clientHello,
                    serverHello);
            Finished.decode(flight.serverFinished().body()).verify(clientSecrets.serverVerifyData(), "server");
            Frame clientFinished = KeySchedule.clientFinished(clientSecrets, clientHello, serverHello,
                    flight.serverFinished().encode());
            flight.verifyClientFinished(clientFinished.body());

            List<byte[]> frames = new ArrayList<>(List.of(clientHello, serverHello, flight.serverFinished().encode(),
                    clientFinished.encode()));
            RecordSealer clientSealer = new RecordSealer(clientSecrets.clientToServer(), Direction.CLIENT_TO_SERVER);
            RecordOpener clientOpener = new RecordOpener(clientSecrets.serverToClient());
            RecordSealer serverSealer = flight.sealer();
            RecordOpener serverOpener = flight.opener();
            for (var message : v.array("messages")) {
                byte[] request = Hex.decode(message.getAsJsonObject().get("request").getAsString());
                byte[] owed = Hex.decode(message.getAsJsonObject().get("reply").getAsString());
                Frame sent = clientSealer.seal(InnerType.DATA, request);
                InnerPlaintext received = serverOpener.open(sent);
                byte[] reply = EchoRule.reply(received.payload());
                assertArrayEquals(owed, reply, v + ": the echo rule's reply");
                Frame answer = serverSealer.seal(InnerType.DATA, reply);
                assertArrayEquals(owed, clientOpener.open(answer).payload(), v + ": reply as the client opens it");
                frames.add(sent.encode());
                frames.add(answer.encode());
            }
            Frame clientClose = clientSealer.seal(InnerType.CLOSE, new byte[0]);
            assertEquals(InnerType.CLOSE, serverOpener.open(clientClose).type(), v + ": close at the server");
            Frame serverClose = serverSealer.seal(InnerType.CLOSE, new byte[0]);
            assertEquals(InnerType.CLOSE, clientOpener.open(serverClose).type(), v + ": close at the client");
            frames.add(clientClose.encode());
            frames.add(serverClose.encode());

            var expected = v.array("frames");
            assertEquals(expected.size(), frames.size(), v + ": number of frames");
            java.io.ByteArrayOutputStream clientSends = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream serverSends = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < frames.size(); i++) {
                var frame = expected.get(i).getAsJsonObject();
                assertArrayEquals(Hex.decode(frame.get("frame").getAsString()), frames.get(i),
                        v + ": frame " + i + " (" + frame.get("sender").getAsString() + " " + frame.get("kind").getAsString() + ")");
                ("client".equals(frame.get("sender").getAsString()) ? clientSends : serverSends).writeBytes(frames.get(i));
            }
            assertArrayEquals(v.hex("clientSends"), clientSends.toByteArray(), v + ": clientSends");
            assertArrayEquals(v.hex("serverSends"), serverSends.toByteArray(), v + ": serverSends");
        }
    }

    /** The echo rule, computed without the reference's transform, against every echo vector (Section 16.5). */
    @Test
    void echo() {
        List<VectorFile.Vector> tests = vectors(ECHO, "EchoTest", 80);
        int valid = 0;
        for (VectorFile.Vector v : tests) {
            Optional<byte[]> reply = EchoRule.expectedReply(v.hex("input"));
            if (v.valid()) {
                valid++;
                assertArrayEquals(v.hex("output"), reply.orElseGet(() -> fail(v + ": rejected a valid input")),
                        v.toString());
            } else {
                assertTrue(reply.isEmpty(), v + ": accepted ill-formed UTF-8");
                assertEquals(AlertCode.BAD_PAYLOAD, v.alert(), v.toString());
            }
        }
        assertTrue(valid > 10 && valid < tests.size(), "both kinds of echo vector were checked");
    }

    /** The tests of one type in a file, at least {@code minimum} of them (a file that lost tests fails). */
    private static List<VectorFile.Vector> vectors(String file, String type, int minimum) {
        List<VectorFile.Vector> tests = VectorFile.load(file).ofType(type);
        assertTrue(tests.size() >= minimum, file + " has only " + tests.size() + " tests of type " + type);
        return tests;
    }

    /** A record group's key and salt. */
    private static TrafficKeys groupKeys(VectorFile.Vector v) {
        return new TrafficKeys(v.hex("key"), v.hex("salt"));
    }

    /** A sequence number: 8 bytes of hex, the u64 of the nonce (Section 16.1). */
    private static long u64(VectorFile.Vector v, String field) {
        return Long.parseUnsignedLong(v.string(field), 16);
    }

    /** Direction c2s: a server receives (Section 16.3). */
    private static boolean toServer(VectorFile.Vector v) {
        return "c2s".equals(v.string("direction"));
    }

    /** A valid vector is accepted; an invalid one meets exactly its alert. */
    private static void assertOutcome(VectorFile.Vector v, Optional<AlertCode> alert) {
        assertEquals(v.valid() ? Optional.empty() : Optional.of(v.alert()), alert, v.toString());
    }

    private static KeyExchange exchange(Suite suite, byte[] privateKey) {
        return switch (suite) {
            case X25519 -> X25519KeyExchange.fromPrivateKey(privateKey);
            case MODP2048 -> Modp2048KeyExchange.fromPrivateKey(privateKey);
            case PSK -> throw new IllegalArgumentException("psk has no private key");
        };
    }

    private interface Check {
        void run() throws ProtocolException;
    }

    private static Optional<AlertCode> alertOf(Check check) {
        try {
            check.run();
            return Optional.empty();
        } catch (ProtocolException e) {
            return Optional.of(e.alert());
        }
    }
}
