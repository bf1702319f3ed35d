package io.secho.conformance.cli;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.IoProblems;
import io.secho.conformance.RetiredCases;
import io.secho.conformance.report.Baseline;
import io.secho.conformance.report.ConsoleReport;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code --expect FILE} and holds it to the cases that exist: an ID that is no case (a typo, a
 * template, a retired ID) would never match a failure and would hide the mistake, so it is a usage error,
 * with the IDs the user most likely meant.
 */
final class ExpectFile {
    static final String FORMAT = "the format: one entry a line, CASE-ID [until YYYY-MM-DD] [LINK] reason; '#' starts a "
            + "comment";
    private static final String LIST_HINT = "'" + ConformanceMain.NAME + " --list --expanded' lists every case ID";

    private ExpectFile() {
    }

    static Baseline load(CommandLine commandLine, Path file, CaseList cases) {
        if (Files.isDirectory(file)) {
            throw new UsageError(commandLine, "--expect: " + file + " is a directory", FORMAT);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError(commandLine, "--expect: cannot read " + file + ": " + IoProblems.ofFile(e),
                    UsageErrors.HELP_HINT);
        }
        Baseline baseline;
        try {
            baseline = Baseline.parse(file.toString(), lines);
        } catch (IllegalArgumentException e) {
            throw new UsageError(commandLine, "--expect: " + e.getMessage(), FORMAT);
        }
        List<String> problems = new ArrayList<>();
        for (Baseline.Entry entry : baseline.entries()) {
            if (cases.find(entry.id()).isEmpty()) {
                problems.add(file + ":" + entry.line() + ": " + notACase(entry.id(), cases));
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageError(commandLine, "--expect: " + (problems.size() == 1 ? problems.get(0)
                    : problems.size() + " entries name no case:\n  " + String.join("\n  ", problems)), LIST_HINT);
        }
        return baseline;
    }

    /** Why an ID is not a case, and what the user may have meant. */
    static String notACase(String id, CaseList cases) {
        Optional<RetiredCases.Retired> retired = cases.findRetired(id);
        if (retired.isPresent()) {
            return id + " was retired (" + retired.get().why() + "); remove it";
        }
        Optional<CaseCatalog.Entry> template = cases.templates().stream()
                .filter(t -> t.parameterized() && t.descriptor().templateId().equals(id)).findFirst();
        if (template.isPresent()) {
            return id + " runs once per input, as " + ConsoleReport.compress(cases.idsOf(template.get()))
                    + ": list the ones that fail";
        }
        List<String> nearest = NearestIds.of(id, cases.ids());
        return id + " is not a case ID" + (nearest.isEmpty() ? "" : " (nearest: " + String.join(", ", nearest) + ")");
    }
}
