package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.RecordNonce;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.secho.conformance.cases.Messages.utf8;

/**
 * Every record the server must reject: it answers with one encrypted alert, never an echo, never
 * plaintext, then FIN; and it keeps serving others.
 */
@DisplayName("Tag rejection")
@ExtendWith(ConformanceExtension.class)
class TagCases {
    private static final String ENDING = "one encrypted alert record, no echo, no plaintext, then FIN";
    private static final byte[] SECRET = utf8("do not echo me");

    /** A session with one good echo done, so the next record is seq 1 and the server's state is warm. */
    private static Session warmSession(CaseContext context) {
        Session session = context.establish();
        context.warmUp(session, "warm up");
        return session;
    }

    private static void expectRejected(CaseContext context, Session session, byte[] wire, String description,
                                       AlertCode alert) {
        session.connection().send(wire, description);
        Endings.encryptedAlertThenFin(context, session, alert, description);
    }

    @Test
    @DisplayName("a record whose header (the AAD) differs from the one sealed gets bad_record_mac")
    @ConformanceCase(id = "TAG-001", requirements = {Req.REC_3, Req.REC_6, Req.REC_7, Req.ALERT_7, Req.ALERT_3, Req.ALERT_11}, endings = ENDING)
    void headerAltered(CaseContext context) {
        Session session = warmSession(context);
        Frame honest = session.seal(InnerType.DATA, SECRET);
        // Seal over a header whose length has one bit flipped, send the true header: the AAD no longer matches.
        byte[] aad = honest.header();
        int bit = context.randomIndex(16);
        aad[1 + bit / 8] ^= (byte) (1 << (bit % 8));
        byte[] body = honest.body();
        byte[] nonce = Arrays.copyOfRange(body, 0, FrameLimits.NONCE_LENGTH);
        byte[] plaintext = new byte[1 + SECRET.length];
        plaintext[0] = (byte) InnerType.DATA.code();
        System.arraycopy(SECRET, 0, plaintext, 1, SECRET.length);
        byte[] sealed = new AesGcm(session.secrets().clientToServer().key()).seal(nonce, aad, plaintext);
        System.arraycopy(sealed, 0, body, FrameLimits.NONCE_LENGTH, sealed.length);
        expectRejected(context, session, new Frame(FrameType.RECORD, body).encode(),
                "record sealed over a header with bit " + bit + " of the length flipped", AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a record with a flipped nonce bit gets bad_record_mac")
    @ConformanceCase(id = "TAG-002", requirements = {Req.REC_6, Req.REC_7, Req.ALERT_7, Req.REC_5}, endings = ENDING)
    void nonceFlipped(CaseContext context) {
        Session session = warmSession(context);
        Bits.Altered altered = Bits.flipInBody(context, session.seal(InnerType.DATA, SECRET), 0, 12, "nonce");
        expectRejected(context, session, altered.bytes(), "record, " + altered.description(), AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a record with a flipped ciphertext bit gets bad_record_mac and no echo")
    @ConformanceCase(id = "TAG-003", requirements = {Req.REC_6, Req.REC_7, Req.ALERT_7, Req.ECHO_2}, endings = ENDING)
    void ciphertextFlipped(CaseContext context) {
        Session session = warmSession(context);
        Frame frame = session.seal(InnerType.DATA, SECRET);
        Bits.Altered altered = Bits.flipInBody(context, frame, 12, frame.length() - 16, "ciphertext");
        expectRejected(context, session, altered.bytes(), "record, " + altered.description(), AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a record with a flipped tag bit gets bad_record_mac")
    @ConformanceCase(id = "TAG-004", requirements = {Req.REC_6, Req.REC_7, Req.ALERT_7}, endings = ENDING)
    void tagFlipped(CaseContext context) {
        Session session = warmSession(context);
        Frame frame = session.seal(InnerType.DATA, SECRET);
        Bits.Altered altered = Bits.flipInBody(context, frame, frame.length() - 16, frame.length(), "tag");
        expectRejected(context, session, altered.bytes(), "record, " + altered.description(), AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a record with a truncated tag (one byte short) gets bad_record_mac")
    @ConformanceCase(id = "TAG-005", requirements = {Req.REC_6, Req.ALERT_7}, endings = ENDING)
    void truncatedTag(CaseContext context) {
        Session session = warmSession(context);
        expectRejected(context, session, Bits.withoutLastByte(session.seal(InnerType.DATA, SECRET)),
                "record with the last tag byte cut off (length adjusted)", AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("the server's own record reflected back gets bad_record_mac")
    @ConformanceCase(id = "TAG-006", requirements = {Req.KS_4, Req.REC_6, Req.ALERT_7}, endings = ENDING)
    void reflected(CaseContext context) {
        Session session = context.establish();
        byte[] reply;
        try {
            session.sendData(utf8("reflect me"));
            Frame frame = session.connection().readFrame("the echo to reflect");
            session.open(frame, "the echo to reflect");
            reply = frame.encode();
        } catch (ConnectionEndedException e) {
            throw context.firstEchoBlocked(e.getMessage());
        } catch (ReceivedSomethingElse e) {
            throw context.firstEchoBlocked(e.getMessage());
        }
        expectRejected(context, session, reply, "the server's own reply record, sent back unchanged",
                AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a record from another session gets bad_record_mac")
    @ConformanceCase(id = "TAG-007", requirements = {Req.KS_3, Req.REC_6}, endings = ENDING)
    void otherSession(CaseContext context) {
        Session other = context.establish();
        Frame foreign = other.seal(InnerType.DATA, SECRET);
        other.close();
        Session session = context.establish();
        expectRejected(context, session, foreign.encode(), "record seq 0 sealed in another session",
                AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a replayed record gets bad_sequence and no second echo")
    @ConformanceCase(id = "TAG-008", requirements = {Req.REC_8, Req.ECHO_2}, endings = ENDING)
    void replayed(CaseContext context) {
        Session session = context.establish();
        Frame first = session.seal(InnerType.DATA, utf8("once"));
        session.send(first, "record seq 0: data \"once\"");
        try {
            session.receive("the echo of \"once\"");
        } catch (ReceivedSomethingElse e) {
            throw context.firstEchoBlocked(e.getMessage());
        }
        expectRejected(context, session, first.encode(), "record seq 0 again (replay)", AlertCode.BAD_SEQUENCE);
    }

    @Test
    @DisplayName("a skipped sequence number gets bad_sequence")
    @ConformanceCase(id = "TAG-009", requirements = {Req.REC_8}, endings = ENDING)
    void skipped(CaseContext context) {
        Session session = warmSession(context);
        session.seal(InnerType.DATA, utf8("dropped"));
        Frame next = session.seal(InnerType.DATA, SECRET);
        expectRejected(context, session, next.encode(), "record seq 2 where seq 1 is due (seq 1 dropped)",
                AlertCode.BAD_SEQUENCE);
    }

    @Test
    @DisplayName("reordered records get bad_sequence")
    @ConformanceCase(id = "TAG-010", requirements = {Req.REC_8}, endings = ENDING)
    void reordered(CaseContext context) {
        Session session = warmSession(context);
        Frame second = session.seal(InnerType.DATA, utf8("second"));
        Frame third = session.seal(InnerType.DATA, utf8("third"));
        byte[] both = new byte[third.encode().length + second.encode().length];
        System.arraycopy(third.encode(), 0, both, 0, third.encode().length);
        System.arraycopy(second.encode(), 0, both, third.encode().length, second.encode().length);
        expectRejected(context, session, both, "records seq 2 then seq 1", AlertCode.BAD_SEQUENCE);
    }

    @Test
    @DisplayName("a record extended by one byte gets bad_record_mac")
    @ConformanceCase(id = "TAG-011", requirements = {Req.REC_6, Req.ALERT_7}, endings = ENDING)
    void extended(CaseContext context) {
        Session session = warmSession(context);
        expectRejected(context, session, Bits.withExtraByte(session.seal(InnerType.DATA, SECRET), (byte) 0x42),
                "record with one byte appended (length adjusted)", AlertCode.BAD_RECORD_MAC);
    }

    @Test
    @DisplayName("a record whose tag verifies under a wrong nonce salt gets bad_sequence")
    @ConformanceCase(id = "TAG-012", requirements = {Req.REC_8, Req.REC_5}, endings = ENDING)
    void wrongSalt(CaseContext context) {
        Session session = warmSession(context);
        byte[] salt = session.secrets().clientToServer().salt();
        salt[context.randomIndex(4)] ^= 0x01;
        byte[] nonce = RecordNonce.of(salt, session.nextSequenceToSend());
        Frame frame = RecordSealer.sealWithNonce(new AesGcm(session.secrets().clientToServer().key()), nonce,
                InnerType.DATA.code(), SECRET);
        expectRejected(context, session, frame.encode(), "record sealed with the right key and seq but a wrong salt",
                AlertCode.BAD_SEQUENCE);
    }

    static Stream<Arguments> tagBytes() {
        return IntStream.range(0, FrameLimits.TAG_LENGTH)
                .mapToObj(i -> Arguments.of("TAG-013." + (i + 1), "byte " + i + " of the tag", i));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tagBytes")
    @DisplayName("a record with any one byte of its tag wrong gets bad_record_mac and no echo (all 16 positions)")
    @ConformanceCase(id = "TAG-013", requirements = {Req.REC_6, Req.REC_7, Req.ALERT_7}, endings = ENDING)
    void tagByteWrong(String id, String what, int index, CaseContext context) {
        Session session = warmSession(context);
        Frame frame = session.seal(InnerType.DATA, SECRET);
        int position = frame.length() - FrameLimits.TAG_LENGTH + index;
        expectRejected(context, session, Bits.invertByte(frame, position),
                "record with byte " + index + " of its tag inverted (every bit flipped)", AlertCode.BAD_RECORD_MAC);
    }
}
