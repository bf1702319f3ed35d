package io.secho.conformance.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --help in groups, a help command, and usage errors that say what is wrong in a line and how to fix it. */
class HelpAndUsageTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void helpGroupsEveryOptionAndEndsWithTheExitCodes() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode(), help.both());
        List<String> headings = List.of(HelpSections.TARGET, HelpSections.SUITES_AND_KEYS, HelpSections.TIMEOUTS,
                HelpSections.SELECTION, HelpSections.REPORTS, HelpSections.LAB, HelpSections.HELP);
        int at = 0;
        for (String heading : headings) {
            int next = help.out().indexOf("\n" + heading + "\n", at);
            assertTrue(next > at, heading + " missing or out of order:\n" + help.out());
            at = next;
        }
        assertFalse(help.out().contains(HelpSections.OTHER), "an option in no group:\n" + help.out());
        assertTrue(help.out().indexOf("--psk-file=FILE") > help.out().indexOf(HelpSections.SUITES_AND_KEYS)
                && help.out().indexOf("--psk-file=FILE") < help.out().indexOf(HelpSections.TIMEOUTS), help.out());
        assertTrue(help.out().contains("Exit codes:\n  0 ") && help.out().contains("  4   the harness itself failed"),
                help.out());
        assertFalse(help.out().matches("(?s).*=<[a-zA-Z]+>.*"), "every option value has a label:\n" + help.out());
        assertEquals(help.out(), CliRun.of("help").out(), "'help' prints the same as --help");
    }

    @Test
    void everyOptionIsInAGroup() {
        Map<String, List<CommandLine.Model.OptionSpec>> groups = HelpSections.groups(spec(), ConformanceMain.LAB_MIXIN);
        assertFalse(groups.containsKey(HelpSections.OTHER), "options in no group: " + groups.get(HelpSections.OTHER));
    }

    @Test
    void anUnknownOptionIsNamedWithoutItsValueWhichCouldBeAKey() {
        for (String[] args : new String[][] {{"--psk", KEY}, {"--psk=" + KEY}, {KEY}}) {
            CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.USAGE, run.exitCode(), run.both());
            assertFalse(run.err().contains(KEY) || run.out().contains(KEY), "the key echoed: " + run.both());
            assertEquals(2, run.err().lines().count(), "the cause and a hint, not the whole help: " + run.err());
        }
        CliRun run = CliRun.of("--psk", KEY);
        assertEquals("secho-conformance: unknown option --psk (did you mean --psk-file?); 1 more argument (not shown: "
                + "it may be a key)", run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void usageErrorsAreALineAndAHintWithoutJavaNames(@TempDir Path dir) throws IOException {
        Path notUtf8 = Files.write(dir.resolve("latin1.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        String[][] mistakes = {
            {"--target", "no-port"}, {"--family", "XYZ"}, {"--case", "NOPE-999"}, {"--psk-file", "/nonexistent/key"},
            {"--psk-file", dir.toString()}, {"--psk-file", notUtf8.toString()}, {"--expect", dir.toString()},
            {"--expect", notUtf8.toString()}, {"--max-connections", "many"}, {"--case"}, {"--json"},
            {"--lab-detect"}, {"--profile", "lab", "--key-file", dir.toString()},
            {"--case", "HS-001", "--report-dir", notUtf8.toString()}};
        for (String[] args : mistakes) {
            CliRun run = CliRun.of(args);
            String what = String.join(" ", args) + ": " + run.both();
            assertEquals(ExitCodes.USAGE, run.exitCode(), what);
            assertEquals(2, run.err().lines().count(), what);
            assertTrue(run.err().startsWith("secho-conformance: "), what);
            assertFalse(run.err().contains("Usage:") || run.err().contains("\tat "), what);
            assertFalse(run.err().matches("(?s).*(Exception|java\\.|Input length|secho\\.[a-z-]+:).*"), what);
        }
    }

    @Test
    void aMessageWrittenForMavenNamesTheOptionOnTheCommandLine() {
        CommandLine.Model.CommandSpec spec = spec();
        assertEquals("--max-connections: 'x' is not a number; a file secho.key stays",
                UsageErrors.optionNames("secho.max-connections: 'x' is not a number; a file secho.key stays", spec));
        assertEquals("secho.internal.thing: kept", UsageErrors.optionNames("secho.internal.thing: kept", spec));
    }

    private static CommandLine.Model.CommandSpec spec() {
        return ConformanceMain.commandLine(System.out, System.err, Terminal.PLAIN).getCommandSpec();
    }
}
