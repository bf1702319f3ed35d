package io.secho.conformance.faults;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.Family;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.ConformanceListener;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import io.secho.crypto.PreSharedKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness proves itself: run against servers with one deliberate mistake each, it must fail the
 * cases designed for that mistake, and nothing it cannot explain; against a correct server, nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {
    private static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private final Map<Fault, RunSummary> runs = new EnumMap<>(Fault.class);

    private RunSummary runHarness(int port, Path dir) throws IOException {
        Path keyFile = dir.resolve("psk.key");
        Files.writeString(keyFile, KEY);
        Map<String, String> parameters = new HashMap<>();
        parameters.put(TargetConfig.TARGET, "127.0.0.1:" + port);
        parameters.put(TargetConfig.PSK_FILE, keyFile.toString());
        parameters.put(TargetConfig.HANDSHAKE_TIMEOUT, FaultyServer.HANDSHAKE_TIMEOUT.toMillis() + "ms");
        // No idle timeout given: no fault here is about idle sessions, and LIM-004/LIM-005 would only add time.
        parameters.put(TargetConfig.IO_TIMEOUT, "2000ms");
        // Against a server that never closes, most cases wait out their I/O timeout: wait in parallel.
        parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "32");
        parameters.put(TargetConfig.SEED, "4242");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ConformanceListener listener = new ConformanceListener(new PrintStream(output, true, StandardCharsets.UTF_8),
                Optional.of(dir.resolve("reports")));
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(CaseCatalog.request(parameters), listener);
        return listener.summary().orElseThrow(() -> new AssertionError("the harness ran no case:\n" + output));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    @Timeout(180)
    void harnessCatchesTheFault(Fault fault, @TempDir Path dir) throws IOException {
        RunSummary summary;
        try (FaultyServer server = new FaultyServer(fault, PreSharedKey.fromHex(KEY))) {
            summary = runHarness(server.port(), dir);
        }
        runs.put(fault, summary);
        List<String> failed = summary.cases().stream().filter(c -> c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN)
                .map(CaseResult::id).sorted().collect(Collectors.toList());
        if (fault == Fault.NONE) {
            assertEquals(List.of(), failed, "a correct server must pass every case");
            return;
        }
        assertTrue(!failed.isEmpty(), fault + " was not caught by any case");
        for (String pattern : fault.mustFail()) {
            assertTrue(failed.stream().anyMatch(id -> Fault.matches(pattern, id)),
                    fault + ": no case matching " + pattern + " failed; failed: " + failed);
        }
        List<String> unexplained = failed.stream()
                .filter(id -> fault.mustFail().stream().noneMatch(p -> Fault.matches(p, id))
                        && fault.mayFail().stream().noneMatch(p -> Fault.matches(p, id)))
                .collect(Collectors.toList());
        assertEquals(List.of(), unexplained, fault + ": cases failed that this fault should not make fail");
    }

    @AfterAll
    void printMatrix() {
        StringBuilder matrix = new StringBuilder("\nFault matrix: failed cases per family (of cases run)\n");
        matrix.append(String.format("%-28s", "fault"));
        for (Family family : Family.values()) {
            matrix.append(String.format(" %9s", family.prefix()));
        }
        matrix.append('\n');
        for (Map.Entry<Fault, RunSummary> run : runs.entrySet()) {
            matrix.append(String.format("%-28s", run.getKey()));
            for (Family family : Family.values()) {
                List<CaseResult> inFamily = run.getValue().cases().stream().filter(c -> c.family() == family)
                        .collect(Collectors.toList());
                long failed = inFamily.stream().filter(c -> c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN).count();
                matrix.append(String.format(" %9s", failed + "/" + inFamily.size()));
            }
            matrix.append('\n');
        }
        System.out.println(matrix);
    }
}
