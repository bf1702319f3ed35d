package io.secho.conformance.lab;

import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Level;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.Observed;
import io.secho.conformance.peer.Hex;
import io.secho.conformance.peer.Sha256;
import io.secho.conformance.requirements.Req;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabVariant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.secho.conformance.lab.LabPeer.upper;
import static io.secho.conformance.lab.LabPeer.utf8;

/**
 * The lab profile's cases. They run one after another, in the order of their IDs: many lab servers serve
 * one client at a time, and the cases that may stop a weak server come last, so that everything before
 * them is judged on a server that still runs (LAB-015 and LAB-016, added later, run after LAB-006 for that
 * reason). Of those, bad records come first (LAB-W6 is named where it happens), then abrupt disconnects, then
 * the split record, which a weak server also takes for a bad one. Every case begins with a session whose
 * first message is echoed; when that fails the case is BLOCKED, not failed, and finds no weakness
 * ({@link LabContext#start}). Every wait is bounded by the I/O timeout (3 s by default); the class's time
 * limit is only a backstop.
 */
@DisplayName("Lab profile")
@ExtendWith(ConformanceExtension.class)
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(20)
class LabCases {
    private static final int MESSAGES_PER_SESSION = 16;
    private static final int SESSIONS = 3;
    private static final int MESSAGES_PER_LATER_SESSION = 4;
    /** Long enough for the first part to be read on its own, as the lab's one recv() would read it. */
    private static final Duration SPLIT_PAUSE = Duration.ofMillis(200);
    /** LAB-001's message: plain ASCII without an 'i', which every echo server upper-cases alike. */
    private static final String FIRST_MESSAGE = "hello lab";

    @Test
    @Order(1)
    @DisplayName("the session starts (dh: the key exchange) and a first message is echoed")
    @ConformanceCase(id = "LAB-001", requirements = {Req.LAB_R1, Req.LAB_R2, Req.LAB_R3,
        Req.LAB_R4})
    void sessionStarts(LabContext context) {
        String expected = "a session starts (dh: the key exchange) and \"" + FIRST_MESSAGE + "\" is echoed";
        LabPeer peer;
        try {
            peer = context.openSession();
        } catch (LabSessionProblem problem) {
            throw context.fail(expected, problem.getMessage() + "\n" + LabChecklist.forFirstEcho(context, FIRST_MESSAGE,
                    Optional.empty(), Optional.empty()), "");
        }
        byte[] record = peer.seal(utf8(FIRST_MESSAGE));
        LabReply reply = peer.exchange(record, FIRST_MESSAGE);
        if (!peer.isEcho(reply, FIRST_MESSAGE)) {
            throw context.fail(expected, (reply.silent() ? context.noAnswer() : reply.describe()) + "\n"
                    + LabChecklist.forFirstEcho(context, FIRST_MESSAGE, Optional.of(peer), Optional.of(reply)),
                    peer.describe(record, FIRST_MESSAGE));
        }
        context.evidence("the first message \"" + FIRST_MESSAGE + "\" was echoed as \"" + upper(FIRST_MESSAGE) + "\"");
    }

    @Test
    @Order(2)
    @DisplayName("ASCII messages are echoed upper-cased")
    @ConformanceCase(id = "LAB-002", requirements = {Req.LAB_R4})
    void echoAscii(LabContext context) {
        echoAll(context, List.of("hello", "Hello, World!", "MiXeD 123 ~!@#$%^&*()", "a", "already UPPER"));
    }

    @Test
    @Order(3)
    @DisplayName("UTF-8 messages are echoed with Unicode upper-casing")
    @ConformanceCase(id = "LAB-003", requirements = {Req.LAB_R4})
    void echoUtf8(LabContext context) {
        echoAll(context, List.of("café crème", "żółć", "привет мир", "ελληνικά", "日本語のテキスト", "emoji 🙂 ok"));
    }

    @Test
    @Order(4)
    @DisplayName("the ß family: characters whose upper case is longer (ß, ﬁ, ŉ, ǰ, ΐ)")
    @ConformanceCase(id = "LAB-004", requirements = {Req.LAB_R4})
    void echoLongerUpperCase(LabContext context) {
        echoAll(context, List.of("straße", "ﬁne ﬂow", "ŉ", "ǰ", "ΐ", "maß und ﬀ"));
    }

    @Test
    @Order(5)
    @DisplayName("every reply carries a nonce not used before in the session, by either side")
    @ConformanceCase(id = "LAB-005", requirements = {Req.LAB_W1})
    void freshNoncePerReply(LabContext context) {
        requireSealedReplies(context);
        LabPeer peer = context.start(FIRST_MESSAGE);
        checkNonces(context, peer, "", MESSAGES_PER_SESSION, new HashMap<>());
    }

    @Test
    @Order(6)
    @DisplayName("sec: no reply nonce repeats across sessions under the fixed key")
    @ConformanceCase(id = "LAB-006", requirements = {Req.LAB_W1})
    void freshNonceAcrossSessions(LabContext context) {
        requireSealedReplies(context);
        if (context.profile().variant() != LabVariant.SEC) {
            throw new CaseSkipped("the dh variant (" + LabProfileOptions.VARIANT + " dh): every session has its own "
                    + "key, so a nonce seen in another session is no reuse");
        }
        Map<String, String> used = new HashMap<>();
        for (int session = 1; session <= SESSIONS; session++) {
            LabPeer peer = context.start(FIRST_MESSAGE);
            checkNonces(context, peer, " of session " + session, MESSAGES_PER_LATER_SESSION, used);
            peer.end();
        }
    }

    @Test
    @Order(7)
    @DisplayName("dh: the server makes a new DH key pair for every session")
    @ConformanceCase(id = "LAB-015", requirements = {Req.LAB_W13})
    void freshDhKeyPairPerSession(LabContext context) {
        if (context.profile().variant() != LabVariant.DH) {
            throw new CaseSkipped("the sec variant (" + LabProfileOptions.VARIANT + " sec) has no key exchange");
        }
        LabPeer first = context.start("first session");
        BigInteger firstKey = first.dh().orElseThrow().theirs().y();
        first.end();
        LabPeer second = context.start("second session");
        BigInteger secondKey = second.dh().orElseThrow().theirs().y();
        if (firstKey.equals(secondKey)) {
            throw context.finding(Weakness.DH_KEY_PAIR_REUSED, "the server sent the same DH public key in two sessions "
                    + "(" + fingerprint(firstKey) + "): it keeps one key pair, so whoever gets its private key reads every "
                    + "session, past and future", "two sessions, each with a fresh key pair of ours");
        }
        context.evidence("the server's DH public keys differ between two sessions (" + fingerprint(firstKey) + ", "
                + fingerprint(secondKey) + ")");
    }

    @Test
    @Order(8)
    @DisplayName("the reply is sealed, not the plaintext upper-cased")
    @ConformanceCase(id = "LAB-016", requirements = {Req.LAB_W11})
    void repliesAreSealed(LabContext context) {
        String text = "sealed or not";
        LabPeer peer = context.start(FIRST_MESSAGE);
        byte[] record = peer.seal(utf8(text));
        LabReply reply = peer.exchange(record, text);
        byte[] echo = utf8(upper(text));
        if (Arrays.equals(reply.bytes(), echo)) {
            throw context.finding(Weakness.PLAINTEXT_REPLIES, "the reply is the message upper-cased, in plaintext: "
                    + reply.describe() + "; anyone on the path reads every answer", peer.describe(record, text));
        }
        Optional<byte[]> opened = LabPeer.opened(peer.cipher(), reply.bytes());
        if (opened.isEmpty() || !Arrays.equals(opened.get(), echo)) {
            throw context.fail("the echo \"" + upper(text) + "\", sealed under the session key", reply.silent()
                    ? context.noAnswer() : reply.describe() + ": neither the sealed nor the plaintext echo",
                    peer.describe(record, text));
        }
        context.evidence("the reply is sealed: it opens under the session key to \"" + upper(text) + "\"");
    }

    @Test
    @Order(9)
    @DisplayName("a recorded record sent again (sec: in a new session; dh: in the same one) is not echoed")
    @ConformanceCase(id = "LAB-007", requirements = {Req.LAB_W7}, level = Level.SHOULD)
    void replay(LabContext context) {
        String text = "replay me";
        LabPeer first = context.start(FIRST_MESSAGE);
        byte[] record = first.seal(utf8(text));
        first.echo(record, text);
        LabPeer second = first;
        String where = "again in the same session";
        if (context.profile().variant() == LabVariant.SEC) {
            first.end();
            second = context.start(FIRST_MESSAGE);
            where = "in a new session";
        }
        second.send(record, "the same " + first.describe(record, text) + " " + where);
        LabReply reply = second.awaitReply(second.expectedReplyLength(text), LabContext.NO_ECHO_WAIT, "no echo");
        if (second.isEcho(reply, text)) {
            throw context.finding(Weakness.REPLAY_ACCEPTED, "the server echoed the recorded record " + where + ": "
                    + reply.describe(), "the same record " + where);
        }
        context.evidence("the record replayed " + where + " was not echoed");
    }

    @Test
    @Order(10)
    @DisplayName("a record whose first byte is 0x0a is echoed, not taken for the end marker")
    @ConformanceCase(id = "LAB-008", requirements = {Req.LAB_W3})
    void recordStartingWithNewline(LabContext context) {
        String text = "newline first";
        LabPeer peer = context.start("before the newline");
        byte[] nonce = context.random().nextBytes(context.profile().nonceLength());
        nonce[0] = LabProfile.END_MARKER;
        nonce[nonce.length - 1] = LabProfile.END_MARKER;
        byte[] record = peer.cipher().seal(nonce, utf8(text));
        LabReply reply = peer.exchange(record, text);
        if (reply.empty()) {
            throw context.finding(Weakness.NEWLINE_ENDS_SESSION, "no echo of a valid record whose nonce begins with "
                    + "0x0a: " + (reply.silent() ? context.noAnswer() : reply.describe())
                    + "; the server took it for the end marker", peer.describe(record, text));
        }
        peer.requireEcho(reply, text);
        peer.echo("after the newline");
    }

    @Test
    @Order(11)
    @DisplayName("the end marker 0x0a ends the session: the server closes, and serves the next client")
    @ConformanceCase(id = "LAB-009", requirements = {Req.LAB_R5}, endings = "FIN or reset after 0x0a, nothing sent")
    void endMarker(LabContext context) throws IOException {
        LabPeer peer = context.start("last message");
        peer.connection().send(new byte[] {LabProfile.END_MARKER}, "end marker 0x0a");
        Observed after = peer.connection().readUntilEnd(context.ioTimeout());
        peer.abandon();
        String expected = "the server ends the session: nothing more, then it closes the connection";
        if (after.bytes().length > 0 || after.ending() == Ending.OPEN_AT_TIME_LIMIT) {
            throw context.fail(expected, after.bytes().length > 0 ? after.describe()
                    : "the connection was still open " + after.millis() + " ms after the end marker", "0a");
        }
        context.evidence("the server closed the session after the end marker, " + after.describe());
        context.servingProblem().ifPresent(problem -> {
            throw context.fail("the next client is served after a session ended with 0x0a",
                    "a fresh connection is not served: " + problem, "");
        });
        context.evidence("the next client was served");
    }

    @Test
    @Order(12)
    @DisplayName("a record with a forged tag gets no echo, and the server serves the next client")
    @ConformanceCase(id = "LAB-010", requirements = {Req.LAB_W2, Req.LAB_W6})
    void forgedTag(LabContext context) {
        String text = "forged message";
        LabPeer peer = context.start("before the forgery");
        byte[] record = peer.seal(utf8(text));
        int bit = context.randomIndex(LabProfile.TAG_LENGTH * 8);
        record[record.length - LabProfile.TAG_LENGTH + bit / 8] ^= (byte) (1 << (bit % 8));
        String sent = peer.describe(record, text) + " with bit " + bit + " of its tag flipped";
        peer.send(record, sent);
        LabReply reply = peer.awaitReply(peer.expectedReplyLength(text), LabContext.NO_ECHO_WAIT, "no echo");
        if (peer.open(reply).isPresent()) {
            throw context.finding(Weakness.FORGED_TAG_ECHOED, "the server answered the forged record with "
                    + (peer.isEcho(reply, text) ? "its echo" : "a reply that decrypts") + ": " + reply.describe()
                    + "; it does not check the tag", sent);
        }
        context.evidence("the forged record got no echo");
        context.assertStillServing(Weakness.BAD_RECORD_STOPS_SERVER, "after a record with a forged tag");
    }

    @Test
    @Order(13)
    @DisplayName("bytes too short to be a record: the server serves the next client")
    @ConformanceCase(id = "LAB-011", requirements = {Req.LAB_W6})
    void tooShortForARecord(LabContext context) {
        LabPeer peer = context.start("before the garbage");
        byte[] garbage = utf8("hello");
        peer.send(garbage, Hex.encode(garbage) + " (\"hello\" in plaintext: 5 bytes, shorter than a nonce)");
        peer.awaitReply(peer.expectedReplyLength("hello"), LabContext.NO_ECHO_WAIT, "no echo");
        context.assertStillServing(Weakness.BAD_RECORD_STOPS_SERVER, "after 5 bytes that are no record");
    }

    @Test
    @Order(14)
    @DisplayName("a client that leaves without 0x0a (FIN): the server closes that connection and serves the next")
    @ConformanceCase(id = "LAB-012", requirements = {Req.LAB_W4}, endings = "FIN or reset after the client's FIN")
    void leaveWithoutEndMarker(LabContext context) throws IOException {
        LabPeer peer = context.start("before leaving");
        peer.abandon();
        peer.connection().halfClose();
        Observed after = peer.connection().readUntilEnd(context.ioTimeout());
        peer.closeQuietly();
        if (after.ending() == Ending.OPEN_AT_TIME_LIMIT) {
            throw context.finding(Weakness.FROZEN_AFTER_ABRUPT_DISCONNECT, "the server kept the connection open "
                    + after.millis() + " ms after the client's FIN without 0x0a: it did not notice the client left "
                    + "(it hangs, or spins on a recv() that returns nothing)", "FIN without the end marker");
        }
        context.evidence("the server ended the connection after the client's FIN: " + after.describe());
        context.assertStillServing(Weakness.FROZEN_AFTER_ABRUPT_DISCONNECT, "after a client left without 0x0a (FIN)");
    }

    @Test
    @Order(15)
    @DisplayName("a client that resets its connection: the server serves the next")
    @ConformanceCase(id = "LAB-013", requirements = {Req.LAB_W4})
    void resetByClient(LabContext context) throws IOException {
        LabPeer peer = context.start("before the reset");
        peer.abandon();
        peer.connection().reset();
        context.assertStillServing(Weakness.FROZEN_AFTER_ABRUPT_DISCONNECT, "after a client reset its connection");
    }

    @Test
    @Order(16)
    @DisplayName("a record split across two TCP writes is still echoed")
    @ConformanceCase(id = "LAB-014", requirements = {Req.LAB_W5}, level = Level.SHOULD)
    void splitAcrossWrites(LabContext context) {
        String text = "split across two writes";
        LabPeer peer = context.start("before the split");
        byte[] record = peer.seal(utf8(text));
        int cut = context.profile().nonceLength() / 2;
        peer.sendInTwoWrites(record, cut, SPLIT_PAUSE, peer.describe(record, text));
        LabReply reply = peer.awaitReply(peer.expectedReplyLength(text), context.ioTimeout(), "the echo of \"" + text + "\"");
        if (!peer.isEcho(reply, text)) {
            throw context.finding(Weakness.SPLIT_MESSAGE_MANGLED, "a record sent as " + cut + " + " + (record.length - cut)
                    + " bytes, " + SPLIT_PAUSE.toMillis() + " ms apart, was not echoed: "
                    + (reply.silent() ? context.noAnswer() : reply.describe())
                    + "; the server took the first part for a whole message", peer.describe(record, text));
        }
        context.evidence("the record sent in two writes was echoed");
    }

    /** A public key in a report: the first bytes of its hash, enough to tell two keys apart. */
    private static String fingerprint(BigInteger publicKey) {
        return "SHA-256 of y begins " + Hex.encode(Arrays.copyOf(Sha256.hash(publicKey.toByteArray()), 8));
    }

    private static void echoAll(LabContext context, List<String> messages) {
        LabPeer peer = context.start(FIRST_MESSAGE);
        for (String message : messages) {
            peer.echo(message);
        }
    }

    private static void requireSealedReplies(LabContext context) {
        if (context.profile().plaintextReplies()) {
            throw new CaseSkipped("the replies are plaintext (" + LabProfileOptions.PLAINTEXT_REPLIES
                    + "): they carry no nonce");
        }
    }

    /** Echoes messages, and fails on the first nonce (ours or the server's) that a reply uses again. */
    private static void checkNonces(LabContext context, LabPeer peer, String session, int count, Map<String, String> used) {
        for (int i = 1; i <= count; i++) {
            String text = "nonce check " + i + session;
            byte[] record = peer.seal(utf8(text));
            used.putIfAbsent(Hex.encode(peer.cipher().nonceOf(record)), "our request " + i + session);
            byte[] reply = peer.echo(record, text);
            String nonce = Hex.encode(peer.cipher().nonceOf(reply));
            String before = used.putIfAbsent(nonce, "reply " + i + session);
            if (before != null) {
                throw context.finding(Weakness.NONCE_REUSE, "reply " + i + session + " carries nonce " + nonce
                        + ", already used by " + before + (before.startsWith("our") ? " (the server sealed its reply "
                        + "under the client's nonce: two plaintexts under one key and nonce)" : " under the same key"),
                        peer.describe(record, text));
            }
        }
        context.evidence(count + " replies" + session + " carried nonces used before by neither side");
    }
}
