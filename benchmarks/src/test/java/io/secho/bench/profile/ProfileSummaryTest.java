package io.secho.bench.profile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProfileSummaryTest {
    @Test
    void hotSpotsAreListedMostSamplesFirstWithTheirShare() {
        StringBuilder text = new StringBuilder();
        ProfileSummary.append(text, "methods", Map.of("a.B.small", 1, "a.B.big", 3, "a.A.tie", 1), 5);
        assertEquals(String.join(System.lineSeparator(), "", "## top 20 methods",
                "  60.0 %        3  a.B.big",
                "  20.0 %        1  a.A.tie",
                "  20.0 %        1  a.B.small", ""), text.toString());
    }
}
