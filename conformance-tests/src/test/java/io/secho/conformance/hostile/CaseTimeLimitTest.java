package io.secho.conformance.hostile;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A case's time limit is really enforced: against a server whose answers trickle in (each one on time, so
 * no single wait runs out), a case that needs thousands of them ends at its limit with a verdict that says
 * so, instead of running for minutes past it.
 */
class CaseTimeLimitTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Duration SLACK = Duration.ofSeconds(12);

    @Test
    @Timeout(60)
    void aCaseThatWouldRunForMinutesEndsAtItsLimit(@TempDir Path dir) throws IOException {
        InProcessHarness.Result result;
        try (SechoServer server = SechoServer.start(ServerConfig.builder().port(0).log(line -> { }).build());
             TricklingRelay relay = new TricklingRelay(server.port())) {
            result = InProcessHarness.run(Map.of(TargetConfig.TARGET, "127.0.0.1:" + relay.port(),
                    TargetConfig.CASE, "HS-001,NONCE-001", TargetConfig.CASE_TIME_LIMIT, LIMIT.toMillis() + "ms",
                    TargetConfig.SEED, "5"), dir);
        }
        assertEquals(Verdict.PASS, result.result("HS-001").verdict(), result.output());
        CaseResult longOne = result.result("NONCE-001");
        assertEquals(Verdict.FAIL, longOne.verdict(), result.output());
        assertTrue(longOne.message().contains("when the case's time limit passed"), longOne.message());
        // Well short of the limit every case gets by default (CaseContext.DEFAULT_LIMIT, 30 s), so only this limit can
        // have ended it; and with room for a machine busy with other builds, where a watchdog's tick and the closing
        // of sockets come late.
        assertTrue(longOne.millis() < LIMIT.plus(SLACK).toMillis(), "ended " + longOne.millis() + " ms after its start");
    }
}
