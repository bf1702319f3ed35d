package io.secho.conformance.hostile;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import io.secho.crypto.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attribution: a correct server that serves one connection at a time breaks REQ-LIM-5 and nothing else.
 * The harness must say so once, run the cases one after another so that each verdict is the case's own,
 * and charge the fault to REQ-LIM-5 alone, not to the requirements of the cases that happened to run
 * beside a held connection (before, such a server failed 63 cases under unrelated requirements).
 */
class OneConnectionAtATimeTest {
    private static final String KEY = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

    @Test
    @Timeout(240)
    void onlyTheConcurrencyRequirementFails(@TempDir Path dir) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("psk.key"), KEY);
        InProcessHarness.Result result;
        try (SechoServer server = SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(KEY))
                .handshakeTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofSeconds(5)).log(line -> { }).build());
             OneAtATimeRelay relay = new OneAtATimeRelay(server.port())) {
            result = InProcessHarness.run(Map.of(TargetConfig.TARGET, "127.0.0.1:" + relay.port(),
                    TargetConfig.PSK_FILE, keyFile.toString(), TargetConfig.HANDSHAKE_TIMEOUT, "2s",
                    TargetConfig.IO_TIMEOUT, "2s", TargetConfig.SEED, "31"), dir.resolve("reports"));
        }
        String output = result.output();
        assertTrue(output.contains("the target serves one connection at a time"), output);
        assertEquals(List.of("LIM-003"), result.ids(Verdict.FAIL, Verdict.WARN, Verdict.BLOCKED, Verdict.ERROR), output);
        CaseResult concurrency = result.result("LIM-003");
        assertTrue(concurrency.message().startsWith("REQ-LIM-5:"), concurrency.message());
        assertTrue(result.ids(Verdict.PASS).size() > 300, output);
    }
}
