package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static io.secho.conformance.cases.Messages.bytes;
import static io.secho.conformance.cases.Messages.utf8;

/** The echo semantic, byte for byte, and its size limits. */
@DisplayName("Echo transform")
@ExtendWith(ConformanceExtension.class)
class EchoCases {
    @Test
    @DisplayName("a request of the maximum size (16384 bytes) is echoed")
    @ConformanceCase(id = "ECHO-003", requirements = {Req.ECHO_1, Req.FRM_9})
    void maximumRequest(CaseContext context) {
        Session session = context.establish();
        context.expectEcho(session, utf8("z".repeat(16384)), utf8("Z".repeat(16384)));
    }

    @Test
    @DisplayName("the largest expansion: 8192 x U+0390 (16384 bytes) gives one 49152-byte reply")
    @ConformanceCase(id = "ECHO-004", requirements = {Req.ECHO_1, Req.ECHO_9, Req.FRM_3})
    void largestExpansion(CaseContext context) {
        Session session = context.establish();
        context.expectEcho(session, utf8("\u0390".repeat(8192)), utf8("\u0399\u0308\u0301".repeat(8192)));
    }

    @Test
    @DisplayName("a request of 16385 bytes (record length 16414) gets record_overflow")
    @ConformanceCase(id = "ECHO-005", requirements = {Req.FRM_9, Req.FRM_6},
            endings = "one encrypted alert record_overflow, then FIN")
    void oversizedRequest(CaseContext context) {
        Session session = context.establish();
        session.connection().send(Frame.header(FrameType.RECORD.code(), 12 + 1 + 16385 + 16),
                "record header announcing 16414 bytes (a 16385-byte request), no body");
        Endings.encryptedAlertThenFin(context, session, AlertCode.RECORD_OVERFLOW, "record header with length 16414");
    }

    @Test
    @DisplayName("an empty message gets an empty reply, and the session goes on")
    @ConformanceCase(id = "ECHO-006", requirements = {Req.ECHO_3, Req.ECHO_1})
    void emptyMessage(CaseContext context) {
        Session session = context.establish();
        context.expectEcho(session, new byte[0], new byte[0]);
        context.expectEcho(session, utf8("after"), utf8("AFTER"));
    }

    @Test
    @DisplayName("a message that starts with 0x0a is echoed, not taken for the end (the lab's bug)")
    @ConformanceCase(id = "ECHO-007", requirements = {Req.ECHO_6})
    void leadingNewline(CaseContext context) {
        Session session = context.establish();
        context.expectEcho(session, bytes(0x0a), bytes(0x0a));
        context.expectEcho(session, utf8("\nnext"), utf8("\nNEXT"));
    }

    @Test
    @DisplayName("well-formed edge cases are accepted: U+0000, U+FFFF, U+10FFFF, noncharacters, BOM")
    @ConformanceCase(id = "ECHO-008", requirements = {Req.ECHO_8})
    void wellFormedEdges(CaseContext context) {
        Session session = context.establish();
        for (byte[] payload : new byte[][] {bytes(0x00), bytes(0xef, 0xbf, 0xbf), bytes(0xf4, 0x8f, 0xbf, 0xbf),
                bytes(0xef, 0xb7, 0x90), bytes(0xef, 0xbb, 0xbf, 0x61)}) {
            byte[] expected = payload.length == 4 && payload[3] == 0x61 ? bytes(0xef, 0xbb, 0xbf, 0x41) : payload;
            context.expectEcho(session, payload, expected);
        }
    }

    @Test
    @DisplayName("ten pipelined requests get ten replies, in order")
    @ConformanceCase(id = "ECHO-009", requirements = {Req.ECHO_1, Req.FRM_5, Req.REC_9})
    void pipelined(CaseContext context) {
        Session session = context.establish();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            batch.writeBytes(session.seal(InnerType.DATA, utf8("req " + i)).encode());
        }
        session.connection().send(batch.toByteArray(), "10 data records in one write");
        for (int i = 0; i < 10; i++) {
            try {
                InnerPlaintext reply = session.receive("reply " + i);
                if (reply.type() != InnerType.DATA || !Arrays.equals(reply.payload(), utf8("REQ " + i))) {
                    throw context.fail("reply " + i + " = \"REQ " + i + "\"", Session.describe(reply), "10 requests");
                }
            } catch (ReceivedSomethingElse e) {
                throw context.fail(e.expected(), e.received(), "10 requests in one write");
            }
        }
        context.evidence("10 pipelined requests got their 10 replies in order");
    }

    @Test
    @DisplayName("no language-specific mapping: i -> I, \u0131 -> I, \u00df -> SS, whatever the server's locale")
    @ConformanceCase(id = "ECHO-010", requirements = {Req.ECHO_9, Req.ECHO_10})
    void localeIndependent(CaseContext context) {
        Session session = context.establish();
        context.expectEcho(session, utf8("istanbul \u0131\u0069 \u00df"), utf8("ISTANBUL II SS"));
    }
}
