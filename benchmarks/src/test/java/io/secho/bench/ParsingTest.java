package io.secho.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParsingTest {
    @Test
    void conformanceSummaryNamesTheTotalsAndTheSlowestCase() {
        String report = "{\"summary\": {\"pass\": 347, \"fail\": 1, \"blocked\": 1},"
                + " \"cases\": [{\"id\": \"HS-001\", \"durationMillis\": 23},"
                + " {\"id\": \"LIM-005\", \"durationMillis\": 7544}, {\"id\": \"LIM-004\", \"durationMillis\": 3021}]}";
        assertEquals("347 passed, 1 failed, 1 blocked; slowest case LIM-005 7.5 s", ConformanceTiming.summary(report));
        assertEquals("no readable report", ConformanceTiming.summary("garbage"));
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
