package io.secho.conformance.cli;

import io.secho.conformance.IoProblems;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code secho-conformance diff OLD.json NEW.json [--html FILE]}: what changed between two runs. */
@CommandLine.Command(name = DiffCommand.NAME, mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {"Lists what changed between two runs' JSON reports (secho-conformance.json): the cases whose "
                + "verdict changed (newly failing, newly passing, other changes), the cases only one run has, the "
                + "requirements whose verdict changed, and a one-line summary. For a student's before and after, or a "
                + "regression in CI."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing got worse",
            "1:a case got worse: it now fails, warns, is blocked or errs where it did not (or was not run), or a "
                + "failure became a harness error",
            "2:usage error (an unreadable file, a file that is not a report, a report format this harness does not "
                + "know, an --html file that cannot be written)"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar secho-conformance.jar diff before/secho-conformance.json after/secho-conformance.json",
            "  java -jar secho-conformance.jar diff main.json branch.json --html diff.html"})
final class DiffCommand implements Callable<Integer> {
    static final String NAME = "diff";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier run's JSON report.")
    Path before;

    @CommandLine.Parameters(index = "1", paramLabel = "NEW.json", description = "The later run's JSON report.")
    Path after;

    @CommandLine.Option(names = "--html", paramLabel = "FILE",
            description = "Also write the diff as one self-contained HTML page to FILE.")
    Path html;

    private final PrintStream out;

    DiffCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        ReportDiff diff;
        try {
            diff = new ReportDiff(ReportDiff.read(before), ReportDiff.read(after));
        } catch (IllegalArgumentException e) {
            throw new UsageError(commandLine, e.getMessage(), "give two secho-conformance.json files, as a run writes "
                    + "them to its --report-dir");
        }
        if (html != null) {
            try {
                Files.writeString(html, diff.html(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageError(commandLine, "--html " + html + ": " + IoProblems.ofFile(e),
                        "give a file in a directory this user can write to");
            }
        }
        diff.printText(out::println);
        if (html != null) {
            out.println("html: " + html);
        }
        out.flush();
        return diff.worse() ? ExitCodes.NOT_CONFORMANT : ExitCodes.CONFORMANT;
    }
}
