package io.secho.conformance.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Colours and a live counter for a person at a terminal; plain text everywhere else; --failures-only. */
class TerminalOutputTest {
    private static final String ESC = "\u001b[";

    @Test
    void onlyATerminalWithoutNoColorGetsColoursAndTheCounter() {
        assertTrue(Terminal.detect(Map.of("TERM", "xterm-256color"), true).fancy());
        assertFalse(Terminal.detect(Map.of(), false).fancy(), "output to a file or a pipe");
        assertFalse(Terminal.detect(Map.of("NO_COLOR", "1"), true).fancy(), "NO_COLOR");
        assertFalse(Terminal.detect(Map.of("NO_COLOR", ""), true).fancy(), "NO_COLOR set at all, as picocli reads it");
        assertFalse(Terminal.detect(Map.of("TERM", "dumb"), true).fancy(), "TERM=dumb");
    }

    @Test
    void onATerminalVerdictsAreColouredAndACounterRuns(@TempDir Path dir) {
        CliRun run = CliRun.on(Terminal.detect(Map.of(), true), "--case", "TAG-004,TAG-003", "--report-dir",
                dir.toString());
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains(ESC + "32mPASS   " + ESC), "PASS in green:\n" + run.out());
        assertTrue(run.err().contains("2/2 judged, 0 FAIL, 0 BLOCKED"), "the counter on standard error:\n" + run.err());
        assertTrue(run.err().endsWith("\r" + ESC + "K"), "the counter erased before the summary:\n" + run.err());
    }

    @Test
    void elsewhereTheOutputIsPlainText(@TempDir Path dir) {
        for (Terminal terminal : new Terminal[] {Terminal.detect(Map.of("NO_COLOR", "1"), true),
                Terminal.detect(Map.of(), false)}) {
            CliRun run = CliRun.on(terminal, "--case", "TAG-004", "--report-dir", dir.toString());
            assertEquals(0, run.exitCode(), run.both());
            assertFalse(run.out().contains("\u001b") || run.err().contains("\u001b") || run.err().contains("\r"),
                    "no escape sequence, no carriage return:\n" + run.both());
            assertTrue(run.out().contains("PASS    TAG-004"), run.out());
        }
        CliRun help = CliRun.on(Terminal.detect(Map.of("NO_COLOR", "1"), true), "--help");
        assertFalse(help.out().contains("\u001b"), "--help in plain text too");
        assertTrue(CliRun.on(Terminal.detect(Map.of(), true), "--help").out().contains(ESC), "--help in colour");
    }

    @Test
    void failuresOnlyLeavesOutThePassingCasesButNotTheSummaries(@TempDir Path dir) {
        CliRun run = CliRun.of("--case", "TAG-004,TAG-003", "--failures-only", "--report-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.both());
        assertFalse(run.out().contains("PASS    TAG-00"), run.out());
        assertTrue(run.out().contains("(2 passed case(s) not listed: --failures-only)"), run.out());
        assertTrue(run.out().contains("Tag rejection") && run.out().contains("REQ-REC-6")
                && run.out().contains("2 cases: 2 passed"), "the family table, the requirements, the totals:\n" + run.out());
    }
}
