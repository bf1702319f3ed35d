package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.HandshakeProblem;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.Hex;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.RecordNonce;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.secho.conformance.cases.Messages.utf8;

/** The server never uses a (key, nonce) pair twice, and builds its nonces as the spec says. */
@DisplayName("Nonce uniqueness")
@ExtendWith(ConformanceExtension.class)
class NonceCases {
    private static final int LONG_SESSION_RECORDS = 2000;
    private static final int BATCH = 100;

    /** The nonce the server put on the wire, read before the record is opened. */
    private static byte[] nonceOf(Frame frame) {
        return Arrays.copyOfRange(frame.body(), 0, FrameLimits.NONCE_LENGTH);
    }

    /** A record the server sends as the probe's answer: anything else FAILS, saying what came. */
    private static Frame readRecord(CaseContext context, Session session, String expected) {
        try {
            Frame frame = session.connection().readFrame(expected);
            if (frame.type() != FrameType.RECORD || frame.length() < FrameLimits.MIN_RECORD_BODY) {
                throw context.fail(expected, Decoded.describeFrame(frame), "");
            }
            return frame;
        } catch (ConnectionEndedException e) {
            throw context.fail(expected, e.received(), "");
        }
    }

    @Test
    @DisplayName("over " + LONG_SESSION_RECORDS + " records the server's nonces are salt||0, salt||1, ... and never repeat")
    @ConformanceCase(id = "NONCE-001", requirements = {Req.REC_2, Req.REC_4, Req.KS_4, Req.REC_9})
    void longSession(CaseContext context) {
        Session session = context.establish();
        byte[] salt = session.secrets().serverToClient().salt();
        Set<String> seen = new HashSet<>();
        for (int sent = 0; sent < LONG_SESSION_RECORDS; sent += BATCH) {
            for (int i = 0; i < BATCH; i++) {
                session.send(session.seal(InnerType.DATA, utf8("n" + (sent + i))), "record seq " + (sent + i));
            }
            for (int i = 0; i < BATCH; i++) {
                long sequence = sent + i;
                Frame frame = readRecord(context, session, "the reply to request " + sequence);
                byte[] nonce = nonceOf(frame);
                byte[] expected = RecordNonce.of(salt, sequence);
                if (!Arrays.equals(nonce, expected)) {
                    throw context.fail("reply " + sequence + " with nonce s2c_salt||seq = " + Hex.encode(expected),
                            "nonce " + Hex.encode(nonce), "request " + sequence);
                }
                if (!seen.add(Hex.encode(nonce))) {
                    throw context.fail("a nonce never used before", "nonce " + Hex.encode(nonce) + " again", "");
                }
                try {
                    InnerPlaintext reply = session.open(frame, "reply " + sequence);
                    if (!Arrays.equals(reply.payload(), utf8("N" + sequence))) {
                        throw context.fail("the echo \"N" + sequence + "\"", Session.describe(reply), "");
                    }
                } catch (ReceivedSomethingElse e) {
                    throw context.fail(e.expected(), e.received(), "");
                }
            }
        }
        context.evidence(LONG_SESSION_RECORDS + " server nonces, all distinct and equal to s2c_salt||seq");
    }

    @Test
    @DisplayName("the same ClientHello sent again never leads to a repeated (key, nonce) pair")
    @ConformanceCase(id = "NONCE-002", requirements = {Req.HS_3, Req.KEX_1, Req.KS_3, Req.REC_2})
    void sameClientHelloTwice(CaseContext context) {
        List<Suite> suites = Arrays.stream(Suite.values())
                .filter(s -> context.target().preflight().suites().get(s).working()).collect(Collectors.toList());
        if (suites.isEmpty()) {
            // Nothing to compare without sessions: this blocks, naming why there are none.
            suites = List.of(context.anySuite());
        }
        for (Suite suite : suites) {
            byte[] clientRandom = context.random().nextBytes(32);
            KeyExchange exchange = suite.newKeyExchange(context.random(), context.psk());
            Set<String> keyNoncePairs = new HashSet<>();
            Set<String> recordsSeen = new HashSet<>();
            int compared = 0;
            for (int session = 0; session < 3; session++) {
                TestConnection connection = context.connect();
                Session established;
                try {
                    established = ClientFlight.start(connection, suite, exchange, clientRandom, true).finish();
                } catch (HandshakeProblem e) {
                    throw context.handshakeBlocked(suite, e);
                }
                String key = Hex.encode(established.secrets().serverToClient().key());
                for (int i = 0; i < 3; i++) {
                    established.sendData(utf8("same " + i));
                    Frame frame = readRecord(context, established, "an echo");
                    // The same request in every session: an identical record means the same key and nonce again,
                    // whatever key the server really used.
                    if (!recordsSeen.add(Hex.encode(frame.body()))) {
                        throw context.fail("different records in different sessions (" + suite + ")",
                                "the identical record " + Hex.encode(frame.body()) + " in two sessions: the server "
                                        + "used the same key and nonce again", "the same ClientHello and request \"same " + i + "\"");
                    }
                    String pair = key + "/" + Hex.encode(nonceOf(frame));
                    if (!keyNoncePairs.add(pair)) {
                        throw context.fail("a fresh (key, nonce) pair in every session even when the ClientHello is "
                                + "repeated byte for byte (" + suite + ")", "the pair " + pair + " again", "same ClientHello");
                    }
                    try {
                        established.open(frame, "the echo of \"same " + i + "\"");
                    } catch (ReceivedSomethingElse e) {
                        throw context.fail(e.expected() + " under this session's s2c key", e.received(), "same " + i);
                    }
                    compared++;
                }
                connection.close();
            }
            context.evidence(suite + ": 3 sessions from one ClientHello, " + compared + " records, all distinct");
        }
    }

    @Test
    @DisplayName("the two directions use different keys and salts, and the server uses its own")
    @ConformanceCase(id = "NONCE-003", requirements = {Req.KS_3, Req.KS_4, Req.REC_2})
    void directionsDiffer(CaseContext context) {
        Session session = context.establish();
        byte[] c2sKey = session.secrets().clientToServer().key();
        byte[] s2cKey = session.secrets().serverToClient().key();
        if (Arrays.equals(c2sKey, s2cKey)) {
            throw context.fail("different keys per direction", "c2s key == s2c key", "");
        }
        session.sendData(utf8("which salt?"));
        Frame reply = readRecord(context, session, "an echo");
        byte[] salt = Arrays.copyOfRange(nonceOf(reply), 0, FrameLimits.SALT_LENGTH);
        if (!Arrays.equals(salt, session.secrets().serverToClient().salt())) {
            throw context.fail("the server's nonce to start with s2c_salt " + Hex.encode(session.secrets().serverToClient().salt()),
                    "salt " + Hex.encode(salt) + " (c2s_salt is " + Hex.encode(session.secrets().clientToServer().salt()) + ")",
                    "data \"which salt?\"");
        }
        context.evidence("the reply's nonce starts with s2c_salt, not c2s_salt");
    }

    @Test
    @DisplayName("the first server record carries nonce s2c_salt || 0 exactly")
    @ConformanceCase(id = "NONCE-004", requirements = {Req.REC_2, Req.KS_3})
    void firstNonce(CaseContext context) {
        Session session = context.establish();
        session.sendData(utf8("first"));
        Frame reply = readRecord(context, session, "an echo");
        byte[] expected = RecordNonce.of(session.secrets().serverToClient().salt(), 0);
        if (!Arrays.equals(nonceOf(reply), expected)) {
            throw context.fail("nonce " + Hex.encode(expected), "nonce " + Hex.encode(nonceOf(reply)), "data \"first\"");
        }
        context.evidence("the first reply's nonce is s2c_salt||0");
    }
}
