package io.secho.conformance.cli;

import io.secho.conformance.report.Baseline;
import io.secho.conformance.report.Palette;

import java.io.PrintStream;
import java.util.Map;

/** What {@code --expect} found, after the run's own report: each line names what to change in the file. */
final class BaselineReport {
    private BaselineReport() {
    }

    static void print(Baseline baseline, Baseline.Judgement judgement, Palette palette, PrintStream out) {
        Map<String, Baseline.Entry> entries = baseline.byId();
        out.println();
        out.println("Baseline " + baseline.source() + ": " + judgement.stillFailing().size() + " known failure(s) still "
                + "fail");
        judgement.newFailures().forEach(id -> out.println("  " + palette.bad("NEW FAILURE") + "   " + id
                + " (not in the baseline)"));
        judgement.nowPassing().forEach(id -> out.println("  " + palette.bad("NOW PASSES") + "    " + id
                + " (remove it from the baseline: " + entries.get(id).explanation() + ")"));
        judgement.expired().forEach(entry -> out.println("  " + palette.bad("EXPIRED") + "       " + entry.id()
                + " (line " + entry.line() + ", until " + entry.until().orElseThrow() + ": " + entry.explanation()
                + "): fix it, or give it a later date"));
        judgement.notRun().forEach(id -> out.println("  NOT RUN       " + id + " (listed, but not run in this "
                + "selection)"));
        if (!judgement.ok()) {
            out.println("The baseline does not hold: exit code 1.");
        }
    }
}
