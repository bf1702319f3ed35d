package io.secho.conformance.cases;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseContext;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection limit. Alone, because it fills the target up to its limit: no other case may hold a
 * connection meanwhile, or the count would be off and the other case would get the busy alert.
 */
@DisplayName("Timeouts and limits")
@ExtendWith(ConformanceExtension.class)
@Isolated
class ConnectionLimitCases {
    private static final byte[] KEEP_ALIVE = {'k'};

    @Test
    @DisplayName("with the target's maximum of connections open, one more gets the plaintext busy alert and nothing else")
    @ConformanceCase(id = "LIM-009", requirements = {Req.LIM_4, Req.ALERT_4},
            endings = "plaintext alert busy (04 00 01 0d) as the only bytes, then FIN")
    void busyBeyondTheLimit(CaseContext context) {
        int limit = context.target().maxConnections().orElseThrow(() -> CaseSkipped.needsOption("--max-connections N",
                "the target's connection limit; the case opens that many connections"));
        Suite suite = context.anySuite();
        List<Session> held = new ArrayList<>();
        List<Long> lastActive = new ArrayList<>();
        // Opening the sessions can take longer than a short idle timeout on a loaded machine: a target that then
        // rightly ends the first sessions (REQ-LIM-3) would free slots, and the probe would not meet the limit.
        Optional<Duration> refreshAfter = context.target().idleTimeout().map(idle -> idle.dividedBy(3));
        for (int i = 0; i < limit; i++) {
            // Whole sessions, so that none of them runs into the handshake timeout while the others open.
            held.add(context.establish(suite));
            lastActive.add(System.nanoTime());
            refreshAfter.ifPresent(after -> keepAlive(context, held, lastActive, after));
        }
        context.trace().note(limit + " sessions open; one more connection");
        String sent = "connection " + (limit + 1) + " while " + limit + " are open, without a ClientHello";
        // The target served the first connections, so this one failing (refused, or reset while the harness was
        // still connecting) is its answer to the limit.
        TestConnection extra = context.connectAsProbe("plaintext alert busy (04 00 01 0d) as the only bytes, then FIN",
                sent);
        Endings.plaintextAlertThenFin(context, extra, AlertCode.BUSY, sent);
        held.forEach(Session::close);
    }

    /** One echo on each held session idle for longer than {@code after}, which restarts the target's idle timer. */
    private static void keepAlive(CaseContext context, List<Session> held, List<Long> lastActive, Duration after) {
        for (int i = 0; i < held.size(); i++) {
            if (System.nanoTime() - lastActive.get(i) < after.toNanos()) {
                continue;
            }
            try {
                held.get(i).echo(KEEP_ALIVE);
            } catch (ReceivedSomethingElse e) {
                throw new CaseBlocked("the target ended a session held open to reach its limit",
                        "", "session " + (i + 1) + " of " + held.size() + " answered an echo with " + e.received());
            }
            lastActive.set(i, System.nanoTime());
        }
    }
}
