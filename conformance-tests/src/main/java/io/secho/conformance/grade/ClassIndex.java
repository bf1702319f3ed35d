package io.secho.conformance.grade;

import io.secho.conformance.Family;
import io.secho.conformance.report.JsonReport;
import io.secho.conformance.report.Verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * index.html: the class matrix (submissions x families, each cell coloured by its worst status, with its counts,
 * linking to the submission's report), sortable by a click on a column header, and the requirements most of the
 * class fails. One file: its style and script are inline, it loads nothing.
 */
final class ClassIndex {
    static final String FILE = "index.html";
    /** The HTML report of one run; a folder without one (a run cut short) is linked by its JSON. */
    static final String HTML_REPORT = io.secho.conformance.report.HtmlReport.FILE_NAME;
    private static final int SUMMARY_ROWS = 25;
    private static final int NAMES_SHOWN = 12;

    private ClassIndex() {
    }

    static String render(List<SubmissionResult> sorted, Path out, String title) {
        List<Family> families = families(sorted);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;font-size:.9em}")
                .append("th{background:#eee;cursor:pointer;user-select:none}th.sorted-asc::after{content:' \\25B2'}")
                .append("th.sorted-desc::after{content:' \\25BC'}td a{color:inherit}")
                .append(".pass{background:#c8efc8}.skip{background:#e8e8e8}.warn{background:#fff0b3}")
                .append(".blocked{background:#ffd8a8}.fail{background:#f8b4b4}.error{background:#d9b3ff}")
                .append(".v-PASS{color:#176117;font-weight:bold}.v-FAIL{color:#a11;font-weight:bold}")
                .append(".v-ERROR{color:#5a1a8c;font-weight:bold}td.note{max-width:40em;white-space:pre-wrap}")
                .append("\n</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        long pass = sorted.stream().filter(r -> r.verdict().equals(SubmissionResult.PASS)).count();
        long fail = sorted.stream().filter(r -> r.verdict().equals(SubmissionResult.FAIL)).count();
        html.append("<p>").append(sorted.size()).append(" submissions: ").append(pass).append(" PASS, ").append(fail)
                .append(" FAIL, ").append(sorted.size() - pass - fail).append(" ERROR. A cell shows a family's cases "
                        + "by status and is coloured by the worst; it links to the submission's report. Click a "
                        + "column header to sort.</p>\n");
        html.append("<table id=\"matrix\"><thead><tr><th>name</th><th>verdict</th>");
        for (Family family : families) {
            html.append("<th title=\"").append(escape(family.title())).append("\">").append(family.prefix())
                    .append("</th>");
        }
        html.append("<th>failed requirements</th><th>duration (s)</th><th>note</th></tr></thead>\n<tbody>\n");
        for (SubmissionResult r : sorted) {
            String link = link(out, r);
            html.append("<tr><td>").append(link.isEmpty() ? escape(r.name()) : "<a href=\"" + escape(link) + "\">"
                    + escape(r.name()) + "</a>").append("</td>");
            html.append("<td class=\"v-").append(r.verdict()).append("\" data-sort=\"")
                    .append(verdictRank(r.verdict())).append("\">").append(r.verdict()).append("</td>");
            for (Family family : families) {
                Map<Verdict, Integer> counts = r.families().get(family.prefix());
                if (counts == null || counts.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                    html.append("<td data-sort=\"-1\"></td>");
                    continue;
                }
                Verdict worst = counts.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                        .reduce(Verdict.PASS, Verdict::worst);
                StringBuilder text = new StringBuilder();
                for (Verdict v : Verdict.values()) {
                    int n = counts.getOrDefault(v, 0);
                    if (n > 0) {
                        text.append(text.isEmpty() ? "" : " ").append(v.jsonName()).append(' ').append(n);
                    }
                }
                html.append("<td class=\"").append(worst.jsonName()).append("\" data-sort=\"").append(worst.ordinal())
                        .append("\">").append(link.isEmpty() ? escape(text.toString()) : "<a href=\"" + escape(link)
                                + "\">" + escape(text.toString()) + "</a>").append("</td>");
            }
            List<String> failed = r.failedRequirements();
            html.append("<td data-sort=\"").append(failed.size()).append("\">")
                    .append(escape(String.join(" ", failed))).append("</td>");
            html.append("<td data-sort=\"").append(String.format(Locale.ROOT, "%.1f", r.durationSeconds()))
                    .append("\">").append(String.format(Locale.ROOT, "%.1f", r.durationSeconds())).append("</td>");
            html.append("<td class=\"note\">").append(escape(r.note())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        summary(html, sorted);
        html.append("<script>\n").append(SORT_SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    /** The families any submission has cases in, in the harness's order. */
    private static List<Family> families(List<SubmissionResult> results) {
        Set<String> present = new LinkedHashSet<>();
        results.forEach(r -> present.addAll(r.families().keySet()));
        List<Family> families = new ArrayList<>();
        for (Family family : Family.values()) {
            if (present.contains(family.prefix())) {
                families.add(family);
            }
        }
        return families;
    }

    private static void summary(StringBuilder html, List<SubmissionResult> results) {
        Map<String, List<String>> failedBy = new TreeMap<>();
        for (SubmissionResult r : results) {
            r.failedRequirements().forEach(id -> failedBy.computeIfAbsent(id, k -> new ArrayList<>()).add(r.name()));
            // A lab weakness found counts as failed: the class summary is where a teacher looks for what to teach.
            r.labWeaknesses().forEach(id -> failedBy.computeIfAbsent(id + " (weakness found)", k -> new ArrayList<>())
                    .add(r.name()));
        }
        html.append("<h2>Requirements the class fails</h2>\n<p>The requirements (and lab weaknesses) most "
                + "submissions fail, most first.</p>\n");
        if (failedBy.isEmpty()) {
            html.append("<p>No submission failed a requirement.</p>\n");
            return;
        }
        html.append("<table id=\"requirements\"><thead><tr><th>requirement</th><th>submissions failing</th>"
                + "<th>share</th><th>who</th></tr></thead>\n<tbody>\n");
        failedBy.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(SUMMARY_ROWS)
                .forEach(e -> {
                    int n = e.getValue().size();
                    List<String> names = e.getValue().subList(0, Math.min(NAMES_SHOWN, n));
                    html.append("<tr><td>").append(escape(e.getKey())).append("</td><td data-sort=\"").append(n)
                            .append("\">").append(n).append(" of ").append(results.size()).append("</td><td>")
                            .append(Math.round(100.0 * n / results.size())).append("%</td><td>")
                            .append(escape(String.join(" ", names) + (n > names.size() ? " ..." : "")))
                            .append("</td></tr>\n");
                });
        html.append("</tbody></table>\n");
    }

    /** NAME/ the HTML report if the run wrote one, else its JSON; empty when the submission has no report. */
    static String link(Path out, SubmissionResult r) {
        Path folder = out.resolve(r.name());
        if (Files.isRegularFile(folder.resolve(HTML_REPORT))) {
            return r.name() + "/" + HTML_REPORT;
        }
        if (Files.isRegularFile(folder.resolve(JsonReport.FILE_NAME))) {
            return r.name() + "/" + JsonReport.FILE_NAME;
        }
        return Files.isRegularFile(folder.resolve(ServerProcess.LOG)) ? r.name() + "/" + ServerProcess.LOG : "";
    }

    private static int verdictRank(String verdict) {
        return switch (verdict) {
            case SubmissionResult.PASS -> 0;
            case SubmissionResult.FAIL -> 1;
            default -> 2;
        };
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Sorts a table by the clicked column: data-sort (a number) where a cell has one, else its text. */
    private static final String SORT_SCRIPT = """
            document.querySelectorAll('table').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var ascending = !th.classList.contains('sorted-asc');
                  table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
                  th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  function key(row) {
                    var cell = row.cells[column];
                    var n = cell.getAttribute('data-sort');
                    return n === null ? cell.textContent : parseFloat(n);
                  }
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
                    return ascending ? c : -c;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            });
            """;
}
