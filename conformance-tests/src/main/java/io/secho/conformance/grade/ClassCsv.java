package io.secho.conformance.grade;

import io.secho.conformance.report.Verdict;

import java.util.List;
import java.util.Locale;

/** class.csv: one row per submission, sorted by name, RFC 4180 (CRLF, quotes doubled), numbers in the C locale. */
final class ClassCsv {
    static final String FILE = "class.csv";
    static final List<String> COLUMNS = List.of("name", "verdict", "pass", "fail", "warn", "skip", "blocked", "error",
            "failed_requirements", "suites_offered", "lab_weaknesses", "duration_s", "note");
    private static final List<Verdict> COUNTED = List.of(Verdict.PASS, Verdict.FAIL, Verdict.WARN, Verdict.SKIP,
            Verdict.BLOCKED, Verdict.ERROR);

    private ClassCsv() {
    }

    static String render(List<SubmissionResult> sorted) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", COLUMNS)).append("\r\n");
        for (SubmissionResult r : sorted) {
            StringBuilder row = new StringBuilder();
            row.append(field(r.name())).append(',').append(r.verdict());
            for (Verdict v : COUNTED) {
                row.append(',').append(r.counts().getOrDefault(v, 0));
            }
            row.append(',').append(field(String.join(" ", r.failedRequirements())));
            row.append(',').append(field(String.join(" ", r.suitesOffered())));
            row.append(',').append(field(String.join(" ", r.labWeaknesses())));
            row.append(',').append(String.format(Locale.ROOT, "%.1f", r.durationSeconds()));
            row.append(',').append(field(r.note()));
            csv.append(row).append("\r\n");
        }
        return csv.toString();
    }

    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
