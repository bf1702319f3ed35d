package io.secho.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    private static Report sample() {
        Report report = new Report(List.of("Secho benchmarks, today", "machine: 2 cores"));
        report.add(Figure.of("crypto", "AES-256-GCM seal", 3939.4, Unit.MEGABYTES_PER_SECOND, "JCE"));
        report.add(Figure.compared("echo", "16 KiB x 1 conn throughput", 105, 131, Unit.MEGABYTES_PER_SECOND,
                "a | b"));
        report.add(Figure.of("idle", "sessions held", 10_000, Unit.COUNT, "target reached"));
        return report;
    }

    @Test
    void textHasThePreambleASectionHeadingPerSectionAndEveryFigure() {
        String text = sample().toText();
        assertTrue(text.startsWith("Secho benchmarks, today\nmachine: 2 cores\n"), text);
        for (String expected : List.of("== crypto", "== echo", "== idle", "AES-256-GCM seal", "3,939 MB/s",
                "105 MB/s", "131 MB/s", "0.80", "10,000", "target reached")) {
            assertTrue(text.contains(expected), expected + " missing from\n" + text);
        }
    }

    @Test
    void textColumnsLineUp() {
        String[] lines = sample().toText().split("\n");
        int noteColumn = lines[2].indexOf("note");
        assertTrue(noteColumn > 0);
        assertEquals(noteColumn, lines[4].indexOf("JCE"));
    }

    @Test
    void markdownHasOneRowPerFigureAndEscapesPipes() {
        String markdown = sample().toMarkdown();
        long rows = markdown.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| section") && !line.startsWith("| ---")).count();
        assertEquals(3, rows, markdown);
        assertTrue(markdown.contains("a \\| b"), markdown);
        assertTrue(markdown.contains("| echo | 16 KiB x 1 conn throughput | 105 MB/s | 131 MB/s | 0.80 |"), markdown);
    }

    @Test
    void ratioIsSechoOverTlsAndAbsentWithoutTls() {
        assertEquals(0.5, Figure.compared("s", "n", 1, 2, Unit.PER_SECOND, "").ratio().getAsDouble());
        assertTrue(Figure.of("s", "n", 1, Unit.PER_SECOND, "").ratio().isEmpty());
        assertTrue(Figure.compared("s", "n", 1, 0, Unit.PER_SECOND, "").ratio().isEmpty());
    }

    @Test
    void unitsPrintThreeSignificantDigitsOrWholeNumbers() {
        assertEquals("1.23 us", Unit.MICROSECONDS.format(1.234));
        assertEquals("12.3 us", Unit.MICROSECONDS.format(12.34));
        assertEquals("1,235 us", Unit.MICROSECONDS.format(1234.5));
        assertEquals("7", Unit.COUNT.format(7));
    }

    @Test
    void aNaNFigureIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Figure.of("s", "n", Double.NaN, Unit.SECONDS, ""));
    }
}
