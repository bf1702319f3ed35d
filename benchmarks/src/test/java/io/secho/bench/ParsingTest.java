package io.secho.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParsingTest {
    @Test
    void conformanceSummaryNamesTheTotalsAndTheSlowestCase() {
        List<String> output = List.of(
                "Secho v1 conformance harness: embedded reference server",
                "PASS HS-001       MUST   a full x25519 handshake (23 ms)",
                "PASS LIM-005      SHOULD a client that never reads is cut off (7544 ms)",
                "WARN LIM-004      MUST   idle (3021 ms)",
                "276 passed, 0 failed, 0 skipped (MUST failures: 0, SHOULD failures: 0)");
        assertEquals("276 passed, 0 failed; slowest case LIM-005 7.5 s", ConformanceTiming.summary(output));
        assertEquals("no summary line", ConformanceTiming.summary(List.of("garbage")));
    }

    @Test
    void openFileLimitIsTheSoftLimit() {
        assertEquals(20000, OpenFileLimit.parse("Max open files            20000                20000                files"));
        assertEquals(OpenFileLimit.UNKNOWN, OpenFileLimit.parse("Max open files            unlimited            unlimited            files"));
    }

    @Test
    void planRejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> RunPlan.quick().withHandshakeClients(0));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.quick().withMessageSizes(List.of(16385)));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.quick().withIdleConnections(0));
    }

    @Test
    void echoMessagesAreLowerCaseAsciiOfTheExactSize() {
        byte[] text = EndToEndBenchmark.lowerCaseText(100);
        assertEquals(100, text.length);
        for (byte b : text) {
            assertEquals(true, b == ' ' || (b >= 'a' && b <= 'z'), "byte " + b);
        }
    }
}
