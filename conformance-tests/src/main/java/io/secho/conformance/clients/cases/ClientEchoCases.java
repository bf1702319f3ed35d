package io.secho.conformance.clients.cases;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

@DisplayName("Client replies")
@ExtendWith(ConformanceExtension.class)
public class ClientEchoCases {
    @Test
    @DisplayName("a reply that is not well-formed UTF-8 gets encrypted bad_payload and is not printed")
    @ConformanceCase(id = "CECHO-001", requirements = {Req.ECHO_13, Req.ECHO_12})
    void illFormedReply(ClientCaseContext context) {
        ClientRecordCases.replyGetsAlert(context, "a reply whose payload is 53 80 43 (a stray continuation byte)",
                record -> record.data(new byte[] {0x53, (byte) 0x80, 0x43}, "53 80 43"), AlertCode.BAD_PAYLOAD);
    }

    @Test
    @DisplayName("the client prints what the server sent, not what it expects (a reply that is no upper-casing)")
    @ConformanceCase(id = "CECHO-002", requirements = {Req.ECHO_12})
    void printsWhatTheServerSent(ClientCaseContext context) {
        List<String> messages = List.of("hello", "world");
        List<String> replies = List.of("Not the upper case: 42", "hello, again");
        ClientOutcome outcome = context.runWhole(context.anySuite(), messages, "replies that are not the requests "
                + "upper-cased", server -> {
                    server.handshake();
                    for (int i = 0; i < messages.size(); i++) {
                        String reply = replies.get(i);
                        server.readData(messages.get(i)).sendRecord(record -> record.data(reply));
                    }
                    server.readClose().sendClose();
                });
        context.requireStepsDone(outcome, "");
        context.expectCleanExit(outcome);
        context.expectPrinted(outcome, replies);
    }

    @Test
    @DisplayName("non-ASCII messages: each request is the UTF-8 of its line, each reply printed exactly")
    @ConformanceCase(id = "CECHO-003", requirements = {Req.ECHO_12})
    void nonAsciiMessages(ClientCaseContext context) {
        List<String> messages = List.of("straße", "\uFB01 \u0149 \u0390", "日本語 ✓", "emoji \uD83D\uDE00 \u00E9t\u00E9",
                "tab\there");
        Sessions.wholeSession(context, context.anySuite(), messages, "requests and replies outside ASCII",
                server -> server.handshake());
    }

    @Test
    @DisplayName("a data record when no request is outstanding gets encrypted unexpected_message and is not printed")
    @ConformanceCase(id = "CECHO-004", requirements = {Req.CLOSE_9, Req.ECHO_12})
    void unsolicitedData(ClientCaseContext context) {
        List<String> one = List.of("one");
        ClientOutcome outcome = context.run(context.anySuite(), one, server -> server.handshake().readData("one")
                .probe("the reply, and in the same TCP write a second data record that answers nothing").coalesce()
                .reply("one").sendRecord(record -> record.data("EXTRA")).flush());
        context.expectAlertAfterOptionalClose(outcome, AlertCode.UNEXPECTED_MESSAGE.code(), List.of("ONE"));
    }
}
