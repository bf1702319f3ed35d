package io.secho.conformance.clients.cases;

import io.secho.conformance.ConformanceCase;
import io.secho.conformance.clients.ClientCaseContext;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.ClientOutcome;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/**
 * A client bounds every wait for the server (REQ-LIM-8): each case falls silent at one wait and expects the client
 * to give up within 30 s, report an error and end the connection, sending nothing or the alert {@code timeout}.
 */
@DisplayName("Client timeouts")
@ExtendWith(ConformanceExtension.class)
public class ClientLimitCases {
    private static final List<String> ONE = List.of("one");

    @Test
    @DisplayName("silence after the ClientHello: the client gives up within 30 s")
    @ConformanceCase(id = "CLIM-001", requirements = {Req.LIM_8})
    void silentAfterClientHello(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.readClientHello()
                .probe("silence: no ServerHello"));
        context.expectGaveUp(outcome, false, List.of());
    }

    @Test
    @DisplayName("no reply to a request: the client gives up within 30 s")
    @ConformanceCase(id = "CLIM-002", requirements = {Req.LIM_8, Req.ECHO_12})
    void silentAfterRequest(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.handshake().readData("one")
                .probe("silence: no reply to the request"));
        context.expectGaveUp(outcome, true, List.of());
    }

    @Test
    @DisplayName("no Close after the client's Close: the client gives up within 30 s")
    @ConformanceCase(id = "CLIM-003", requirements = {Req.LIM_8, Req.CLOSE_2})
    void silentAfterClientClose(ClientCaseContext context) {
        ClientOutcome outcome = context.run(context.anySuite(), ONE, server -> server.handshake().echo("one")
                .readClose().probe("silence: no Close in answer to the client's Close"));
        context.expectGaveUp(outcome, true, List.of("ONE"));
    }
}
