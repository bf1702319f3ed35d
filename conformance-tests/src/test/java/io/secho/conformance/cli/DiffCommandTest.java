package io.secho.conformance.cli;

import io.secho.conformance.Family;
import io.secho.conformance.Level;
import io.secho.conformance.report.CaseResult;
import io.secho.conformance.report.JsonReport;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.report.VerdictDetail;
import io.secho.conformance.targets.TargetDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code diff OLD.json NEW.json}: what changed, whether anything got worse (the exit code), and usage errors. */
class DiffCommandTest {
    private static final VerdictDetail.Mismatch MISMATCH = new VerdictDetail.Mismatch(List.of("REQ-REC-6"),
            "alert bad_record_mac, then FIN", "", "the echo");

    private static CaseResult result(String id, Verdict verdict) {
        VerdictDetail detail = verdict == Verdict.FAIL || verdict == Verdict.WARN ? MISMATCH
                : verdict == Verdict.BLOCKED ? new VerdictDetail.Blocked("no handshake", "HS-001", "") : VerdictDetail.NONE;
        return new CaseResult(id, "case " + id + " <b>name</b>", Family.ofCaseId(id).orElseThrow(),
                verdict == Verdict.WARN ? Level.SHOULD : Level.MUST, List.of("REQ-REC-6"), "", verdict, 5,
                verdict == Verdict.PASS ? "" : "why", detail, "", "");
    }

    /** A run's JSON report, written as a run writes it, with these cases ("TAG-001=fail", ...). */
    private static Path report(Path dir, String name, String... cases) throws IOException {
        List<CaseResult> results = new ArrayList<>();
        for (String item : cases) {
            String[] parts = item.split("=");
            results.add(result(parts[0], Verdict.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT))));
        }
        RunSummary summary = new RunSummary(RunSummary.V1, new TargetDescription(TargetDescription.Kind.ADDRESS,
                Optional.of("127.0.0.1:8443"), Optional.empty(), Optional.empty()), OptionalLong.of(9),
                Instant.parse("2026-01-02T03:04:05Z"), 100, List.of(), results, Optional.empty(), Optional.empty());
        return JsonReport.write(summary, dir.resolve(name));
    }

    @Test
    void aCaseThatNowFailsIsWorseExitOne(@TempDir Path dir) throws IOException {
        Path old = report(dir, "old", "TAG-001=pass", "TAG-002=fail", "TAG-003=pass");
        Path now = report(dir, "new", "TAG-001=fail", "TAG-002=fail", "TAG-003=pass");
        CliRun run = CliRun.of("diff", old.toString(), now.toString());
        assertEquals(1, run.exitCode(), run.both());
        assertTrue(run.out().contains("Newly failing (1):\n  TAG-001      pass    -> fail    case TAG-001 <b>name</b>\n"),
                run.out());
        assertFalse(run.out().contains("TAG-002") || run.out().contains("TAG-003"), "unchanged cases are not listed");
        assertFalse(run.out().contains("Requirement verdicts changed"), "REQ-REC-6 was fail and stays fail: "
                + run.out());
        assertTrue(run.out().endsWith("1 newly failing, 0 newly passing, 0 other change(s), 0 case(s) added, 0 removed, "
                + "0 requirement verdict(s) changed: a case got worse (exit code 1)\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void aCaseThatNowPassesIsBetterExitZero(@TempDir Path dir) throws IOException {
        Path old = report(dir, "old", "TAG-001=fail", "TAG-002=pass");
        Path now = report(dir, "new", "TAG-001=pass", "TAG-002=pass");
        CliRun run = CliRun.of("diff", old.toString(), now.toString());
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains("Newly passing (1):\n  TAG-001      fail    -> pass"), run.out());
        assertTrue(run.out().contains("Requirement verdicts changed (1):\n  REQ-REC-6    fail    -> pass"), run.out());
        assertTrue(run.out().contains("verdict was: NOT CONFORMANT") && run.out().contains("verdict now: CONFORMANT"),
                run.out());
        assertTrue(run.out().contains("nothing got worse (exit code 0)"), run.out());
    }

    @Test
    void otherChangesSayWhichGotWorse(@TempDir Path dir) throws IOException {
        Path old = report(dir, "old", "TAG-001=fail", "TAG-002=pass", "TAG-003=fail");
        Path now = report(dir, "new", "TAG-001=error", "TAG-002=skip", "TAG-003=blocked");
        CliRun run = CliRun.of("diff", old.toString(), now.toString());
        assertEquals(1, run.exitCode(), "a failure that became a harness error got worse: " + run.both());
        assertTrue(run.out().contains("Other changes (3):\n  TAG-001      fail    -> error   case TAG-001 <b>name</b> "
                + "(worse)\n  TAG-002      pass    -> skip    case TAG-002 <b>name</b>\n  TAG-003      fail    -> "
                + "blocked case TAG-003 <b>name</b>\n"), run.out());
        Path better = report(dir, "better", "TAG-001=fail", "TAG-002=skip", "TAG-003=warn");
        assertEquals(0, CliRun.of("diff", old.toString(), better.toString()).exitCode(), "fail to warn is better");
    }

    @Test
    void addedAndRemovedCases(@TempDir Path dir) throws IOException {
        Path old = report(dir, "old", "TAG-001=pass", "TAG-002=fail");
        Path added = report(dir, "added", "TAG-001=pass", "TAG-003=pass", "HS-001=pass");
        CliRun run = CliRun.of("diff", old.toString(), added.toString());
        assertEquals(0, run.exitCode(), "a removed failure and added passes are no worse: " + run.both());
        assertTrue(run.out().contains("Cases added (2):\n  HS-001       (none)  -> pass    case HS-001 <b>name</b>\n"
                + "  TAG-003      (none)  -> pass"), "in case-ID order: " + run.out());
        assertTrue(run.out().contains("Cases removed (1):\n  TAG-002      fail    -> (none)"), run.out());
        Path addedFailing = report(dir, "addedFailing", "TAG-001=pass", "TAG-002=fail", "TAG-004=fail");
        CliRun worse = CliRun.of("diff", old.toString(), addedFailing.toString());
        assertEquals(1, worse.exitCode(), "a new case that fails is a new failure: " + worse.both());
        assertTrue(worse.out().contains("0 newly failing, 0 newly passing, 0 other change(s), 1 case(s) added"),
                worse.out());
    }

    @Test
    void theSameRunTwiceChangesNothing(@TempDir Path dir) throws IOException {
        Path old = report(dir, "old", "TAG-001=pass", "TAG-002=fail");
        CliRun run = CliRun.of("diff", old.toString(), old.toString());
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().endsWith("0 newly failing, 0 newly passing, 0 other change(s), 0 case(s) added, 0 removed, "
                + "0 requirement verdict(s) changed: nothing got worse (exit code 0)\n"), run.out());
    }

    @Test
    void theHtmlPageIsSelfContainedAndEscaped(@TempDir Path dir) throws IOException {
        Path old = report(dir, "old", "TAG-001=pass");
        Path now = report(dir, "new", "TAG-001=fail");
        Path html = dir.resolve("diff.html");
        CliRun run = CliRun.of("diff", old.toString(), now.toString(), "--html", html.toString());
        assertEquals(1, run.exitCode(), run.both());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<h2 id=\"newly-failing\">Newly failing (1)</h2>"), page);
        assertTrue(page.contains("case TAG-001 &lt;b&gt;name&lt;/b&gt;") && !page.contains("<b>name"), "escaped: " + page);
        assertTrue(page.contains("a case got worse (exit code 1)"), page);
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("src=")
                || page.contains("href="), "nothing from elsewhere, no link: " + page);
    }

    @Test
    void usageErrorsAreOneLineWithAHint(@TempDir Path dir) throws IOException {
        Path good = report(dir, "good", "TAG-001=pass");
        Path notJson = Files.writeString(dir.resolve("notes.json"), "TAG-001 was fine");
        Path notReport = Files.writeString(dir.resolve("other.json"), "{\"format\": \"x\", \"cases\": []}");
        Path future = Files.writeString(dir.resolve("future.json"), Files.readString(good)
                .replace(JsonReport.FORMAT, "secho-conformance-report/9"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"" + JsonReport.FORMAT
                + "\", \"tool\": \"secho-conformance\", \"cases\": [{\"id\": 5}]}");
        List<String[]> wrong = List.of(
                new String[] {"diff", dir.resolve("missing.json").toString(), good.toString()},
                new String[] {"diff", good.toString(), notJson.toString()},
                new String[] {"diff", notReport.toString(), good.toString()},
                new String[] {"diff", good.toString(), future.toString()},
                new String[] {"diff", good.toString(), broken.toString()},
                new String[] {"diff", good.toString()},
                new String[] {"diff", good.toString(), dir.toString()},
                new String[] {"diff", good.toString(), good.toString(), "--html", dir.resolve("no/such/dir/d.html")
                        .toString()});
        List<String> causes = List.of("missing.json: ", "notes.json: not a secho-conformance JSON report (not JSON)",
                "other.json: not a secho-conformance JSON report", "future.json: unknown report format "
                        + "'secho-conformance-report/9'", "broken.json: not a secho-conformance JSON report",
                "NEW.json", dir + ": ", "--html ");
        for (int i = 0; i < wrong.size(); i++) {
            CliRun run = CliRun.of(wrong.get(i));
            assertEquals(2, run.exitCode(), run.both());
            assertEquals(2, run.err().lines().count(), "the cause and a hint: " + run.err());
            assertFalse(run.err().contains("see 'secho-conformance --help'"), "a hint of its own or diff's help, "
                    + "not the main command's: " + run.err());
            String cause = run.err().lines().findFirst().orElseThrow();
            assertTrue(cause.startsWith("secho-conformance: ") && cause.contains(causes.get(i)), cause);
            assertFalse(run.err().contains("Exception") || run.err().contains("java.") || run.err().contains("\tat "),
                    "no Java in a usage error: " + run.err());
            assertEquals("", run.out(), "nothing on standard output: " + run.out());
        }
    }

    @Test
    void aMissingReportPointsAtDiffsHelp() {
        CliRun run = CliRun.of("diff", "only-one.json");
        assertEquals(2, run.exitCode(), run.both());
        assertTrue(run.err().contains("see 'secho-conformance diff --help'"), run.both());
    }

    @Test
    void theHelpNamesTheExitCodes() {
        CliRun run = CliRun.of("diff", "--help");
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains("OLD.json NEW.json") && run.out().contains("--html=FILE"), run.out());
        assertTrue(run.out().contains("Exit codes:\n  0   nothing got worse\n  1   a case got worse"), run.out());
        assertTrue(run.out().contains("  2   usage error"), run.out());
        assertTrue(CliRun.of("--help").out().contains("secho-conformance diff OLD.json NEW.json [--html FILE]"),
                "the main help names it");
        assertEquals(run.out(), CliRun.of("help", "diff").out(), "'help diff' prints the same");
    }
}
