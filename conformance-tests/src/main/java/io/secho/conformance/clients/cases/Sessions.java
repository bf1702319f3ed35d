package io.secho.conformance.clients.cases;

import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.clients.server.ClientFrame;
import io.secho.conformance.clients.server.ScriptedServer;
import io.secho.conformance.peer.Suite;

import java.util.List;
import java.util.Locale;

/** The parts the client cases share: the right whole session, and the echo the test server sends. */
final class Sessions {
    private Sessions() {
    }

    /** The replies a spec-conforming server sends: each message upper-cased (REQ-ECHO-1). */
    static List<String> replies(List<String> messages) {
        return messages.stream().map(message -> message.toUpperCase(Locale.ROOT)).toList();
    }

    /** Every request answered as the spec says, then the client's Close and the server's. */
    static void serve(ScriptedServer server, List<String> messages) {
        messages.forEach(server::echo);
        server.readClose().sendClose();
    }

    /**
     * A whole session that is the case's probe: a right ClientHello and client Finished, each message sent as the
     * UTF-8 of its line, Close as the last record, the connection ended with FIN, exit status 0 and each reply
     * printed exactly (REQ-HS-1, REQ-FIN-4, REQ-KS-4, REQ-ECHO-12, REQ-CLOSE-1, REQ-CLOSE-2).
     */
    static ClientOutcome wholeSession(ClientCaseContext context, Suite suite, List<String> messages, String probe,
                                      java.util.function.Consumer<ScriptedServer> handshake) {
        ClientOutcome outcome = context.runWhole(suite, messages, probe, server -> {
            handshake.accept(server);
            serve(server, messages);
        });
        context.requireStepsDone(outcome, "");
        context.evidence("the ClientHello, the client Finished, " + messages.size() + " request(s) and the Close were "
                + "as the spec requires, with seq 0.." + messages.size());
        List<ClientFrame> frames = outcome.server().frames();
        if (frames.isEmpty() || frames.get(frames.size() - 1).kind() != ClientFrame.Kind.CLOSE) {
            throw context.fail("the Close as the last record the client sends (REQ-CLOSE-1)",
                    outcome.describeWholeSession(), outcome.server().sent());
        }
        context.evidence("the Close was the client's last record");
        context.expectClosingProcedure(outcome, "the client's Close and the server's");
        context.expectCleanExit(outcome);
        context.expectPrinted(outcome, replies(messages));
        return outcome;
    }
}
