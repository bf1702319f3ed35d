package io.secho.vectors.independent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second checker: recomputes every valid key-schedule, record and session vector from its inputs with
 * {@link Spec} (Bouncy Castle's low-level classes and byte layouts written from the spec text), and applies
 * its own reading of the check orders to every invalid vector, and to the handshake and echo files. It must
 * agree with the generator, which uses the reference implementation, on every byte and every alert.
 */
class IndependentCheckTest {

    interface Check {
        void run(JsonObject group, JsonObject test) throws Exception;
    }

    @TestFactory
    List<DynamicTest> keySchedule() {
        return each("secho_v1_key_schedule_test.json", (group, test) -> {
            if (str(group, "type").equals("KeyScheduleTest")) {
                derivation(str(group, "suite"), test);
            } else {
                finished(group, test);
            }
        });
    }

    @TestFactory
    List<DynamicTest> records() {
        return each("secho_v1_record_test.json", (group, test) -> {
            byte[] key = hex(group, "key");
            byte[] salt = hex(group, "salt");
            if (str(group, "type").equals("RecordProtectionTest")) {
                protection(key, salt, test);
            } else {
                Receiver.Opened opened = Receiver.record(hex(test, "record"), key, salt, u64(test, "expectedSeq"),
                        str(group, "direction").equals("c2s"));
                assertOutcome(test, opened.alert());
                if (opened.alert() == null) {
                    assertEquals(hex(test, "innerType")[0] & 0xff, opened.innerType(), "innerType");
                    assertArrayEquals(hex(test, "payload"), opened.payload(), "payload");
                }
            }
        });
    }

    @TestFactory
    List<DynamicTest> sessions() {
        return each("secho_v1_session_test.json", (group, test) -> session(str(group, "suite"), test));
    }

    @TestFactory
    List<DynamicTest> echoWellFormedness() {
        return each("secho_v1_echo_test.json", (group, test) -> {
            boolean inputOk = Receiver.wellFormedUtf8(hex(test, "input"));
            assertOutcome(test, inputOk ? null : "bad_payload");
            if (inputOk) {
                assertTrue(Receiver.wellFormedUtf8(hex(test, "output")), "the output is well-formed UTF-8");
            }
        });
    }

    @TestFactory
    List<DynamicTest> handshake() {
        return each("secho_v1_handshake_test.json", (group, test) -> {
            byte[] frame = hex(test, "frame");
            byte[] body = Arrays.copyOfRange(frame, 3, frame.length);
            switch (str(group, "type")) {
                case "ClientHelloTest" -> {
                    Set<Integer> enabled = new HashSet<>();
                    group.getAsJsonArray("enabledSuites").forEach(name -> enabled.add(Spec.suiteCode(name.getAsString())));
                    String alert = Receiver.header(frame, Set.of(Spec.CLIENT_HELLO, Spec.ALERT), true);
                    assertOutcome(test, alert != null ? alert : Receiver.clientHello(body, enabled));
                }
                case "ServerHelloTest" -> {
                    String alert = Receiver.header(frame, Set.of(Spec.SERVER_HELLO, Spec.ALERT), false);
                    assertOutcome(test, alert != null ? alert : Receiver.serverHello(body, Spec.suiteCode(str(test, "suite"))));
                }
                case "FinishedTest" -> {
                    String alert = Receiver.header(frame, Set.of(Spec.FINISHED, Spec.ALERT), str(test, "receiver").equals("server"));
                    // "a session whose verify_data is not the frame's": any real session's will do.
                    byte[] sessionVerifyData = Spec.sha256(Spec.ascii("some session's transcript"));
                    assertOutcome(test, alert != null ? alert : Receiver.finished(body, sessionVerifyData));
                }
                default -> assertOutcome(test, Receiver.header(frame, allowed(str(test, "receiver"), str(test, "state")),
                        str(test, "receiver").equals("server")));
            }
        });
    }

    /** Tables 8 and 9: the frame types each state allows. */
    private static Set<Integer> allowed(String receiver, String state) {
        return switch (state) {
            case "AWAIT_CLIENT_HELLO" -> Set.of(Spec.CLIENT_HELLO, Spec.ALERT);
            case "AWAIT_SERVER_HELLO" -> Set.of(Spec.SERVER_HELLO, Spec.ALERT);
            case "AWAIT_CLIENT_FINISHED", "AWAIT_SERVER_FINISHED" -> Set.of(Spec.FINISHED, Spec.ALERT);
            case "ESTABLISHED" -> Set.of(Spec.RECORD, Spec.ALERT);
            default -> throw new IllegalArgumentException(receiver + " " + state);
        };
    }

    /** The key shares each side's private key gives and the secret the client computes (psk: the key). */
    private record Exchange(byte[] clientShare, byte[] serverShare, byte[] secret) {
    }

    private static Exchange exchange(String suite, JsonObject test) {
        if (suite.equals("psk")) {
            return new Exchange(new byte[0], new byte[0], hex(test, "psk"));
        }
        byte[] clientKey = hex(test, "clientPrivateKey");
        byte[] serverKey = hex(test, "serverPrivateKey");
        if (suite.equals("x25519")) {
            byte[] serverShare = Spec.x25519Public(serverKey);
            return new Exchange(Spec.x25519Public(clientKey), serverShare, Spec.x25519(clientKey, serverShare));
        }
        byte[] serverShare = Spec.modpPublic(serverKey);
        return new Exchange(Spec.modpPublic(clientKey), serverShare, Spec.modpSecret(clientKey, serverShare));
    }

    private static void derivation(String suite, JsonObject test) {
        int code = Spec.suiteCode(suite);
        Exchange exchange = exchange(suite, test);
        byte[] clientShare = exchange.clientShare();
        byte[] serverShare = exchange.serverShare();
        byte[] secret = exchange.secret();
        if (!suite.equals("psk")) {
            clientShare = hex(test, "clientShare");
            if (!Arrays.equals(exchange.clientShare(), clientShare)) {
                // Only ever bit 255 of an x25519 share, which the receiver masks (REQ-KEX-3).
                byte[] masked = clientShare.clone();
                masked[31] &= 0x7f;
                assertTrue(suite.equals("x25519") && Arrays.equals(exchange.clientShare(), masked),
                        "clientShare is the client's share");
            }
            assertArrayEquals(serverShare, hex(test, "serverShare"), "serverShare");
            byte[] serverKey = hex(test, "serverPrivateKey");
            byte[] atServer = suite.equals("x25519") ? Spec.x25519(serverKey, clientShare) : Spec.modpSecret(serverKey, clientShare);
            assertArrayEquals(secret, atServer, "both sides compute the same secret");
        }
        byte[] clientHello = Spec.hello(Spec.CLIENT_HELLO, code, hex(test, "clientRandom"), clientShare);
        byte[] serverHello = Spec.hello(Spec.SERVER_HELLO, code, hex(test, "serverRandom"), serverShare);
        assertArrayEquals(clientHello, hex(test, "clientHello"), "clientHello");
        assertArrayEquals(serverHello, hex(test, "serverHello"), "serverHello");
        assertArrayEquals(secret, hex(test, "sharedSecret"), "sharedSecret");
        Spec.Schedule s = Spec.schedule(secret, clientHello, serverHello);
        byte[][] values = {s.th1(), s.prk(), s.c2sKey(), s.c2sSalt(), s.s2cKey(), s.s2cSalt(), s.cFinishedKey(),
            s.sFinishedKey(), s.serverVerifyData(), s.serverFinished(), s.th2(), s.clientVerifyData(), s.clientFinished()};
        String[] names = {"th1", "prk", "c2sKey", "c2sSalt", "s2cKey", "s2cSalt", "cFinishedKey", "sFinishedKey",
            "serverVerifyData", "serverFinished", "th2", "clientVerifyData", "clientFinished"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(values[i], hex(test, names[i]), names[i]);
        }
    }

    private static void finished(JsonObject group, JsonObject test) {
        Spec.Schedule s = Spec.schedule(hex(group, "sharedSecret"), hex(group, "clientHello"), hex(group, "serverHello"));
        assertArrayEquals(s.serverFinished(), hex(group, "serverFinished"), "the group's serverFinished");
        byte[] frame = hex(test, "finished");
        String alert = Receiver.header(frame, Set.of(Spec.FINISHED, Spec.ALERT), str(test, "receiver").equals("server"));
        byte[] expected = str(test, "receiver").equals("client") ? s.serverVerifyData() : s.clientVerifyData();
        assertOutcome(test, alert != null ? alert : Receiver.finished(Arrays.copyOfRange(frame, 3, frame.length), expected));
    }

    private static void protection(byte[] key, byte[] salt, JsonObject test) {
        long seq = u64(test, "seq");
        int innerType = hex(test, "innerType")[0] & 0xff;
        byte[] payload = hex(test, "payload");
        byte[] record = Spec.record(key, salt, seq, innerType, payload);
        assertEquals(str(test, "record"), Spec.hex(record), "record");
        assertArrayEquals(Arrays.copyOf(record, 3), hex(test, "header"), "header");
        assertArrayEquals(Spec.cat(salt, Spec.u64(seq)), hex(test, "nonce"), "nonce");
        assertArrayEquals(Spec.cat(Spec.u8(innerType), payload), hex(test, "innerPlaintext"), "innerPlaintext");
        assertArrayEquals(Arrays.copyOfRange(record, 15, record.length - 16), hex(test, "ciphertext"), "ciphertext");
        assertArrayEquals(Arrays.copyOfRange(record, record.length - 16, record.length), hex(test, "tag"), "tag");
    }

    private static void session(String suite, JsonObject test) {
        int code = Spec.suiteCode(suite);
        Exchange exchange = exchange(suite, test);
        byte[] clientShare = exchange.clientShare();
        byte[] serverShare = exchange.serverShare();
        byte[] secret = exchange.secret();
        byte[] clientHello = Spec.hello(Spec.CLIENT_HELLO, code, hex(test, "clientRandom"), clientShare);
        byte[] serverHello = Spec.hello(Spec.SERVER_HELLO, code, hex(test, "serverRandom"), serverShare);
        Spec.Schedule s = Spec.schedule(secret, clientHello, serverHello);
        List<String> frames = new ArrayList<>(List.of("client client_hello " + Spec.hex(clientHello),
                "server server_hello " + Spec.hex(serverHello), "server finished " + Spec.hex(s.serverFinished()),
                "client finished " + Spec.hex(s.clientFinished())));
        long seq = 0;
        for (JsonElement element : test.getAsJsonArray("messages")) {
            JsonObject message = element.getAsJsonObject();
            assertTrue(Receiver.wellFormedUtf8(hex(message, "request")), "requests are well-formed UTF-8");
            frames.add("client data " + Spec.hex(Spec.record(s.c2sKey(), s.c2sSalt(), seq, 0x01, hex(message, "request"))));
            frames.add("server data " + Spec.hex(Spec.record(s.s2cKey(), s.s2cSalt(), seq, 0x01, hex(message, "reply"))));
            seq++;
        }
        frames.add("client close " + Spec.hex(Spec.record(s.c2sKey(), s.c2sSalt(), seq, 0x02, new byte[0])));
        frames.add("server close " + Spec.hex(Spec.record(s.s2cKey(), s.s2cSalt(), seq, 0x02, new byte[0])));
        List<String> expected = new ArrayList<>();
        ByteArrayOutputStream clientSends = new ByteArrayOutputStream();
        ByteArrayOutputStream serverSends = new ByteArrayOutputStream();
        for (JsonElement element : test.getAsJsonArray("frames")) {
            JsonObject frame = element.getAsJsonObject();
            expected.add(str(frame, "sender") + " " + str(frame, "kind") + " " + str(frame, "frame"));
            (str(frame, "sender").equals("client") ? clientSends : serverSends).writeBytes(hex(frame, "frame"));
        }
        assertEquals(frames, expected, "every frame of the session");
        assertArrayEquals(clientSends.toByteArray(), hex(test, "clientSends"), "clientSends");
        assertArrayEquals(serverSends.toByteArray(), hex(test, "serverSends"), "serverSends");
    }

    // ---- plumbing (deliberately not shared with the reference-side tests) ----

    private static List<DynamicTest> each(String fileName, Check check) {
        Path file = Path.of(System.getProperty("secho.vectors.dir", "."), fileName);
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement groupElement : root.getAsJsonArray("testGroups")) {
            JsonObject group = groupElement.getAsJsonObject();
            for (JsonElement testElement : group.getAsJsonArray("tests")) {
                JsonObject test = testElement.getAsJsonObject();
                String name = "independent " + fileName + " tcId " + test.get("tcId") + " (" + str(test, "comment") + ")";
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    try {
                        check.run(group, test);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(name + ": " + e.getMessage(), e);
                    }
                }));
            }
        }
        assertTrue(tests.size() == root.get("numberOfTests").getAsInt(), fileName + ": numberOfTests");
        return tests;
    }

    private static void assertOutcome(JsonObject test, String alert) {
        if (str(test, "result").equals("valid")) {
            assertEquals(null, alert, "the independent checker rejects a valid vector");
        } else {
            assertEquals(str(test, "alert"), alert, "the independent checker's alert");
        }
    }

    private static String str(JsonObject object, String field) {
        JsonElement value = object.get(field);
        assertNotNull(value, "no field '" + field + "'");
        return value.getAsString();
    }

    private static byte[] hex(JsonObject object, String field) {
        return Spec.hex(str(object, field));
    }

    private static long u64(JsonObject object, String field) {
        byte[] bytes = hex(object, field);
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
