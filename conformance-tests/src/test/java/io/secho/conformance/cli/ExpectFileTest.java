package io.secho.conformance.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --expect as a CI user lives with it: typos caught before the run, dates that expire, the format's errors. */
class ExpectFileTest {
    @Test
    void anIdThatIsNoCaseIsAUsageErrorWithTheNearestIds(@TempDir Path dir) throws IOException {
        Path baseline = Files.writeString(dir.resolve("expect.txt"), "# ours\nTAG-12  a typo of TAG-012\n");
        CliRun run = CliRun.of("--expect", baseline.toString(), "--report-dir", dir.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.both());
        assertTrue(run.err().startsWith("secho-conformance: --expect: " + baseline + ":2: TAG-12 is not a case ID "
                + "(nearest: TAG-012, "), run.err());
        assertTrue(run.err().contains("--list --expanded"), "the hint says where the IDs are: " + run.err());
        assertEquals("", run.out(), "nothing ran");
    }

    @Test
    void everyBadIdIsNamedAtOnceAndATemplateSaysHowItRuns(@TempDir Path dir) throws IOException {
        Path baseline = Files.writeString(dir.resolve("expect.txt"), "HS-010  all of them\nNOPE-999  gone\n"
                + "TAG-004  fine\n");
        CliRun run = CliRun.of("--expect", baseline.toString(), "--report-dir", dir.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.both());
        assertTrue(run.err().contains("2 entries name no case"), run.err());
        assertTrue(run.err().contains(baseline + ":1: HS-010 runs once per input, as HS-010.1.."), run.err());
        assertTrue(run.err().contains(baseline + ":2: NOPE-999 is not a case ID"), run.err());
        assertFalse(run.err().contains("TAG-004"), "a good entry is not named: " + run.err());
    }

    @Test
    void anExpiredEntryFailsTheRunAndSaysSo(@TempDir Path dir) throws IOException {
        Path baseline = Files.writeString(dir.resolve("expect.txt"),
                "TAG-003  until 2000-01-31  https://tracker.example/17  long fixed, surely\n");
        CliRun run = CliRun.of("--case", "TAG-004", "--expect", baseline.toString(), "--report-dir", dir.toString());
        assertEquals(ExitCodes.NOT_CONFORMANT, run.exitCode(), run.both());
        assertTrue(run.out().contains("  EXPIRED       TAG-003 (line 1, until 2000-01-31: https://tracker.example/17: "
                + "long fixed, surely): fix it, or give it a later date"), run.out());
        assertTrue(run.out().contains("The baseline does not hold: exit code 1."), run.out());
    }

    @Test
    void anEntryBeforeItsDateHolds(@TempDir Path dir) throws IOException {
        Path baseline = Files.writeString(dir.resolve("expect.txt"), "TAG-003  until 2999-12-31  not run here\n");
        CliRun run = CliRun.of("--case", "TAG-004", "--expect", baseline.toString(), "--report-dir", dir.toString());
        assertEquals(ExitCodes.CONFORMANT, run.exitCode(), run.both());
        assertTrue(run.out().contains("  NOT RUN       TAG-003 (listed, but not run in this selection)"), run.out());
        assertFalse(run.out().contains("EXPIRED"), run.out());
    }

    @Test
    void aMalformedFileNamesItsLinesAndTheFormat(@TempDir Path dir) throws IOException {
        Path baseline = Files.writeString(dir.resolve("expect.txt"), "TAG-004 until tomorrow why\n");
        CliRun run = CliRun.of("--expect", baseline.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.both());
        assertEquals(2, run.err().lines().count(), "the cause, then the hint: " + run.err());
        assertTrue(run.err().startsWith("secho-conformance: --expect: " + baseline + ":1: 'tomorrow' is not a date"),
                run.err());
        assertTrue(run.err().contains("CASE-ID [until YYYY-MM-DD] [LINK] reason"), run.err());
    }
}
