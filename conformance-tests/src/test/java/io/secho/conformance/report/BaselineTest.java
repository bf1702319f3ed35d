package io.secho.conformance.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --expect file's format: a case ID, an optional date and link, a reason; every malformed line named. */
class BaselineTest {
    @Test
    void anEntryMayCarryAnExpiryDateAndAnIssueLink() {
        Baseline baseline = Baseline.parse("expect.txt", List.of(
                "# known failures",
                "",
                "TAG-012  until 2027-01-31  https://tracker.example/17  we check the nonce before the tag",
                "tag-004  https://tracker.example/18",
                "HS-010.5 until 2027-02-01 a reason without a link"));
        assertEquals(List.of(
                new Baseline.Entry("TAG-012", 3, Optional.of(LocalDate.of(2027, 1, 31)),
                        Optional.of("https://tracker.example/17"), "we check the nonce before the tag"),
                new Baseline.Entry("TAG-004", 4, Optional.empty(), Optional.of("https://tracker.example/18"), ""),
                new Baseline.Entry("HS-010.5", 5, Optional.of(LocalDate.of(2027, 2, 1)), Optional.empty(),
                        "a reason without a link")), baseline.entries());
        assertEquals("https://tracker.example/17: we check the nonce before the tag",
                baseline.entries().get(0).explanation());
    }

    @Test
    void anEntryIsGoodThroughItsDate() {
        Baseline.Entry entry = Baseline.parse("e", List.of("TAG-012 until 2027-01-31 why")).entries().get(0);
        assertFalse(entry.expiredOn(LocalDate.of(2027, 1, 31)));
        assertTrue(entry.expiredOn(LocalDate.of(2027, 2, 1)));
        assertFalse(Baseline.parse("e", List.of("TAG-012 why")).entries().get(0).expiredOn(LocalDate.MAX));
    }

    @Test
    void everyMalformedLineIsNamedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baseline.parse("expect.txt",
                List.of("TAG-004", "TAG-003 until 31.01.2027 why", "TAG-012 fine", "TAG-012 again", "TAG-001 until")));
        assertEquals(List.of(
                "expect.txt:1: 'TAG-004' needs a reason or an issue link after the case ID, e.g. 'TAG-012  until "
                        + "2027-01-31  https://tracker/17  we check the nonce before the tag'",
                "expect.txt:2: '31.01.2027' is not a date: write YYYY-MM-DD, e.g. 2027-01-31",
                "expect.txt:4: TAG-012 is listed twice (also on line 3)",
                "expect.txt:5: 'until' needs a date, YYYY-MM-DD"), List.of(e.getMessage().split("\n")));
    }
}
