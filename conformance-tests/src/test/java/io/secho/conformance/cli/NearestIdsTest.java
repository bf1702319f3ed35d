package io.secho.conformance.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NearestIdsTest {
    private static final List<String> IDS = List.of("HS-001", "HS-010.1", "HS-010.2", "HS-010.12", "TAG-001", "TAG-004",
            "TAG-012", "TAG-013.1", "ECHO-001.7");

    @Test
    void aTypoFindsTheIdsAFewEditsAway() {
        assertEquals(List.of("TAG-012", "TAG-001", "TAG-004"), NearestIds.of("TAG-12", IDS));
        assertEquals("TAG-004", NearestIds.of("tag-004", IDS).get(0), "case does not count");
        assertEquals(List.of("HS-010.1", "HS-010.2", "HS-010.12"), NearestIds.of("HS-010.21", IDS));
    }

    @Test
    void failingThatThePrefixAndOtherwiseNothing() {
        assertEquals(List.of("ECHO-001.7"), NearestIds.of("ECHO-", IDS));
        assertEquals(List.of(), NearestIds.of("COMPLETELY-UNRELATED", IDS));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, NearestIds.distance("TAG-004", "TAG-004"));
        assertEquals(1, NearestIds.distance("TAG-04", "TAG-004"));
        assertEquals(2, NearestIds.distance("TAG-400", "TAG-004"));
        assertEquals(3, NearestIds.distance("", "TAG"));
    }
}
