package io.secho.conformance;

import io.secho.conformance.net.ByteText;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.Observed;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;

import io.secho.conformance.requirements.Req;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks on how a server ends a connection (spec section 12.4, Table 14). Each says exactly which
 * bytes and which ending the spec allows; a reset or a time-out is never taken for a close. Each reads
 * only as much as its verdict needs: once a server has sent more than the allowed bytes, the case has
 * failed, and the rest is not read.
 */
public final class Endings {
    /** Read past the allowed bytes, so that a failure can show what a wrong server said. */
    private static final int SHOWN_EXTRA = 1024;
    private static final int ENCRYPTED_ALERT_FRAME = 33;
    private static final int CLOSE_FRAME = 32;
    private static final int PLAINTEXT_ALERT_FRAME = 4;

    private Endings() {
    }

    /** The server must send exactly the plaintext alert {@code 04 00 01 code}, then FIN. */
    public static void plaintextAlertThenFin(CaseContext context, TestConnection connection, AlertCode alert, String sent) {
        String expected = "plaintext alert " + alert + " (" + hexAlert(alert) + "), then FIN";
        Observed observed = observe(context, connection, PLAINTEXT_ALERT_FRAME);
        byte[] bytes = observed.bytes();
        boolean exact = observed.total() == PLAINTEXT_ALERT_FRAME && bytes[0] == FrameType.ALERT.code()
                && bytes[1] == 0 && bytes[2] == 1 && (bytes[3] & 0xff) == alert.code();
        if (!exact) {
            throw context.fail(expected, describeContent(observed, null), sent);
        }
        requireFin(context, observed, expected, sent);
        context.evidence("plaintext alert " + alert + " then FIN");
    }

    /** After the handshake: exactly one encrypted alert record with the code, nothing else, then FIN. */
    public static void encryptedAlertThenFin(CaseContext context, Session session, AlertCode alert, String sent) {
        String expected = "one encrypted alert record carrying " + alert + " and nothing else (no echo, no plaintext), then FIN";
        Observed observed = observe(context, session.connection(), ENCRYPTED_ALERT_FRAME);
        List<Frame> frames = observed.frames();
        String content = describeContent(observed, session);
        if (frames.size() != 1 || observed.trailingBytes().length != 0 || observed.cut()) {
            throw context.fail(expected, content, sent);
        }
        Frame frame = frames.get(0);
        if (frame.type() == FrameType.ALERT) {
            throw context.failWith(withRequirement(context, Req.ALERT_2), expected
                    + " (after the handshake alerts are encrypted)", content, sent);
        }
        InnerPlaintext inner = openQuietly(session, frame);
        if (inner == null || inner.type() != InnerType.ALERT || inner.payload().length != 1
                || (inner.payload()[0] & 0xff) != alert.code()) {
            throw context.fail(expected, content, sent);
        }
        requireFin(context, observed, expected, sent);
        context.evidence("encrypted alert " + alert + " then FIN");
    }

    /** Truncation and received alerts: the server sends nothing at all, then FIN. */
    public static void nothingThenFin(CaseContext context, TestConnection connection, String sent) {
        String expected = "nothing (no Close, no alert), then FIN";
        Observed observed = observe(context, connection, 0);
        if (!observed.empty()) {
            throw context.fail(expected, describeContent(observed, null), sent);
        }
        requireFin(context, observed, expected, sent);
        context.evidence("nothing, then FIN");
    }

    /** The clean close: exactly one Close record, then FIN. */
    public static void closeThenFin(CaseContext context, Session session, String sent) {
        String expected = "one Close record, then FIN";
        Observed observed = observe(context, session.connection(), CLOSE_FRAME);
        List<Frame> frames = observed.frames();
        String content = describeContent(observed, session);
        if (frames.size() != 1 || observed.trailingBytes().length != 0 || observed.cut()) {
            throw context.fail(expected, content, sent);
        }
        InnerPlaintext inner = openQuietly(session, frames.get(0));
        if (inner == null || inner.type() != InnerType.CLOSE || inner.payload().length != 0) {
            throw context.fail(expected, content, sent);
        }
        requireFin(context, observed, expected, sent);
        context.evidence("one Close record then FIN");
    }

    /** Reads until the end, or until the server has sent more than {@code allowed} bytes and a little to show. */
    private static Observed observe(CaseContext context, TestConnection connection, int allowed) {
        return connection.readUntilEnd(context.ioTimeout(), allowed + SHOWN_EXTRA);
    }

    private static void requireFin(CaseContext context, Observed observed, String expected, String sent) {
        if (observed.ending() == Ending.FIN) {
            return;
        }
        String why = switch (observed.ending()) {
            case RESET -> "a TCP reset where the spec requires an orderly FIN (REQ-ALERT-4, REQ-ALERT-5: half-close, "
                    + "drain, close)";
            case CASE_TIME_LIMIT -> "the connection was still open when the case's time limit passed; the server "
                    + "must close it (REQ-ALERT-4)";
            default -> "the connection was still open " + observed.millis() + " ms later; the server must close it "
                    + "(REQ-ALERT-4)";
        };
        throw context.failWith(withRequirement(context, observed.ending() == Ending.RESET ? Req.ALERT_5 : Req.ALERT_4),
                expected, why + "; before that: " + describeContent(observed, null), sent);
    }

    /** The case's requirements and one more that its failure shows broken. */
    public static List<String> withRequirement(CaseContext context, Req requirement) {
        List<String> all = new ArrayList<>(context.requirements());
        if (!all.contains(requirement.id())) {
            all.add(requirement.id());
        }
        return all;
    }

    private static InnerPlaintext openQuietly(Session session, Frame frame) {
        try {
            return session.open(frame, "an encrypted record");
        } catch (io.secho.conformance.net.ReceivedSomethingElse e) {
            return null;
        }
    }

    /** Frame by frame, decrypted where the session's keys open them; bytes that are no frame as text and hex. */
    public static String describeContent(Observed observed, Session session) {
        if (observed.empty()) {
            return "no bytes, then " + observed.ending().description();
        }
        StringBuilder text = new StringBuilder();
        for (Frame frame : observed.frames()) {
            if (text.length() > 0) {
                text.append("; ");
            }
            if (frame.type() == FrameType.RECORD && session != null) {
                text.append("record (").append(session.peek(frame)).append(")");
            } else {
                text.append(Decoded.describeFrame(frame));
            }
        }
        byte[] trailing = observed.trailingBytes();
        if (trailing.length > 0) {
            text.append(text.length() > 0 ? "; then " : "").append("bytes that are no frame: ")
                    .append(ByteText.describe(trailing));
        }
        return text + " [" + observed.content() + "], then " + observed.ending().description();
    }

    private static String hexAlert(AlertCode alert) {
        return String.format("04 00 01 %02x", alert.code());
    }
}
