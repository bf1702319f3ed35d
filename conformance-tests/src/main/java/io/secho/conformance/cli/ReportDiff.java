package io.secho.conformance.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.secho.conformance.IoProblems;
import io.secho.conformance.report.CaseOrder;
import io.secho.conformance.report.HtmlPage;
import io.secho.conformance.report.HtmlReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static io.secho.conformance.report.HtmlPage.escape;

/**
 * What changed between two runs' JSON reports: the cases whose verdict changed (newly failing, newly passing,
 * other changes), the cases only one run has, and the requirements whose verdict changed. A case got worse when
 * it now fails, warns, is blocked or errs and did not before (or was not run), or when its verdict moved further
 * down that list (a failure that became a harness error).
 */
final class ReportDiff {
    /** The report formats whose cases and requirements this reads: id, name and status each. */
    static final Set<String> FORMATS = Set.of("secho-conformance-report/2", "secho-conformance-report/3");
    /** Verdicts that show a requirement not met (or not shown met), from least to most severe. */
    private static final List<String> BAD = List.of("warn", "blocked", "fail", "error");
    /** The largest report read: many times a full run's, far below the heap. */
    static final int MAX_REPORT_BYTES = 64 * 1024 * 1024;

    record Run(Path file, String label, Map<String, JsonObject> cases, Map<String, String> requirements, String verdict) {
    }

    /** One case whose verdict changed, or that only one run has (its other status is empty). */
    record Change(String id, String name, String before, String after) {
        boolean worse() {
            return bad(after) && (!bad(before) || BAD.indexOf(after) > BAD.indexOf(before));
        }

        String line() {
            return String.format("  %-12s %-7s -> %-7s %s", id, before.isEmpty() ? "(none)" : before,
                    after.isEmpty() ? "(none)" : after, name);
        }
    }

    private final Run before;
    private final Run after;
    final List<Change> newlyFailing = new ArrayList<>();
    final List<Change> newlyPassing = new ArrayList<>();
    final List<Change> otherChanges = new ArrayList<>();
    final List<Change> added = new ArrayList<>();
    final List<Change> removed = new ArrayList<>();
    final List<Change> requirements = new ArrayList<>();

    ReportDiff(Run before, Run after) {
        this.before = before;
        this.after = after;
        Set<String> ids = new TreeSet<>(CaseOrder::compareIds);
        ids.addAll(before.cases().keySet());
        ids.addAll(after.cases().keySet());
        for (String id : ids) {
            JsonObject old = before.cases().get(id);
            JsonObject now = after.cases().get(id);
            String name = (now != null ? now : old).get("name").getAsString();
            Change change = new Change(id, name, old == null ? "" : status(old), now == null ? "" : status(now));
            if (old == null) {
                added.add(change);
            } else if (now == null) {
                removed.add(change);
            } else if (!change.before().equals(change.after())) {
                if (!bad(change.before()) && bad(change.after())) {
                    newlyFailing.add(change);
                } else if (bad(change.before()) && change.after().equals("pass")) {
                    newlyPassing.add(change);
                } else {
                    otherChanges.add(change);
                }
            }
        }
        // In the reports' own order (REQ-ALERT-2 before REQ-ALERT-10), the new run's first.
        Set<String> requirementIds = new LinkedHashSet<>(after.requirements().keySet());
        requirementIds.addAll(before.requirements().keySet());
        for (String id : requirementIds) {
            String old = before.requirements().getOrDefault(id, "");
            String now = after.requirements().getOrDefault(id, "");
            if (!old.equals(now)) {
                requirements.add(new Change(id, "", old, now));
            }
        }
    }

    private static boolean bad(String status) {
        return BAD.contains(status);
    }

    private static String status(JsonObject item) {
        return item.get("status").getAsString();
    }

    /** True when some case got worse: newly failing, failing worse, or added with a bad verdict. */
    boolean worse() {
        return !newlyFailing.isEmpty() || otherChanges.stream().anyMatch(Change::worse)
                || added.stream().anyMatch(Change::worse);
    }

    String summaryLine() {
        return newlyFailing.size() + " newly failing, " + newlyPassing.size() + " newly passing, " + otherChanges.size()
                + " other change(s), " + added.size() + " case(s) added, " + removed.size() + " removed, "
                + requirements.size() + " requirement verdict(s) changed: " + (worse()
                ? "a case got worse (exit code 1)" : "nothing got worse (exit code 0)");
    }

    void printText(Consumer<String> out) {
        out.accept("old: " + before.file() + ": " + before.label());
        out.accept("new: " + after.file() + ": " + after.label());
        out.accept("verdict was: " + before.verdict());
        out.accept("verdict now: " + after.verdict());
        section(out, "Newly failing", newlyFailing);
        section(out, "Newly passing", newlyPassing);
        section(out, "Other changes", otherChanges);
        section(out, "Cases added", added);
        section(out, "Cases removed", removed);
        if (!requirements.isEmpty()) {
            out.accept("");
            out.accept("Requirement verdicts changed (" + requirements.size() + "):");
            requirements.forEach(change -> out.accept(change.line().stripTrailing()));
        }
        out.accept("");
        out.accept(summaryLine());
    }

    private static void section(Consumer<String> out, String title, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        out.accept("");
        out.accept(title + " (" + changes.size() + "):");
        changes.forEach(change -> out.accept(change.line() + (title.equals("Other changes") && change.worse()
                ? " (worse)" : "")));
    }

    /** The same diff as one self-contained page. */
    String html() {
        StringBuilder body = new StringBuilder("<h1>What changed between two runs</h1>\n<div class=\"scroll\"><table>\n");
        body.append("<tr><th>Old</th><td>").append(escape(before.file() + ": " + before.label())).append("<br>")
                .append(escape(before.verdict())).append("</td></tr>\n<tr><th>New</th><td>")
                .append(escape(after.file() + ": " + after.label())).append("<br>").append(escape(after.verdict()))
                .append("</td></tr>\n</table></div>\n<p id=\"summary\"><strong>").append(escape(summaryLine()))
                .append("</strong></p>\n");
        htmlSection(body, "newly-failing", "Newly failing", newlyFailing);
        htmlSection(body, "newly-passing", "Newly passing", newlyPassing);
        htmlSection(body, "other-changes", "Other changes", otherChanges);
        htmlSection(body, "added", "Cases added", added);
        htmlSection(body, "removed", "Cases removed", removed);
        htmlSection(body, "requirements", "Requirement verdicts changed", requirements);
        return HtmlPage.page("Secho conformance: what changed", body.toString(), "");
    }

    private static void htmlSection(StringBuilder body, String id, String title, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        body.append("<h2 id=\"").append(id).append("\">").append(escape(title)).append(" (").append(changes.size())
                .append(")</h2>\n<div class=\"scroll\"><table>\n<tr><th>ID</th><th>Was</th><th>Now</th><th></th></tr>\n");
        for (Change change : changes) {
            body.append("<tr><td>").append(escape(change.id())).append("</td><td>").append(badgeOrNone(change.before()))
                    .append("</td><td>").append(badgeOrNone(change.after())).append("</td><td>")
                    .append(escape(change.name())).append(change.worse() ? " <strong>(worse)</strong>" : "")
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }

    private static String badgeOrNone(String status) {
        return status.isEmpty() ? "<span class=\"badge none\">NONE</span>" : HtmlPage.badgeOf(status);
    }

    /**
     * A run's JSON report, read for a diff.
     *
     * @throws IllegalArgumentException with one line for the user: unreadable, not JSON, not a report, or a
     *                                  format this harness does not know
     */
    static Run read(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded, whatever the file is (a device, a log grown by mistake): a report of every case is about 1 MB.
            byte[] bytes = in.readNBytes(MAX_REPORT_BYTES + 1);
            if (bytes.length > MAX_REPORT_BYTES) {
                throw new IllegalArgumentException(file + ": not a secho-conformance JSON report (larger than "
                        + MAX_REPORT_BYTES / (1024 * 1024) + " MiB)");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + IoProblems.ofFile(e));
        }
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException(file + ": not a secho-conformance JSON report");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": not a secho-conformance JSON report (not JSON)");
        }
        if (!root.has("format") || !root.get("format").isJsonPrimitive() || !root.has("tool")
                || !"secho-conformance".equals(root.get("tool").getAsString())) {
            throw new IllegalArgumentException(file + ": not a secho-conformance JSON report");
        }
        String format = root.get("format").getAsString();
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException(file + ": unknown report format '" + format + "' (this harness reads "
                    + String.join(" and ", new TreeSet<>(FORMATS)) + ")");
        }
        try {
            Map<String, JsonObject> cases = new LinkedHashMap<>();
            root.getAsJsonArray("cases").forEach(e -> cases.put(e.getAsJsonObject().get("id").getAsString(),
                    e.getAsJsonObject()));
            cases.values().forEach(c -> {
                c.get("name").getAsString();
                status(c).toLowerCase(Locale.ROOT);
            });
            Map<String, String> requirements = new LinkedHashMap<>();
            root.getAsJsonArray("requirements").forEach(e -> requirements.put(
                    e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject().get("status").getAsString()));
            JsonObject target = root.getAsJsonObject("target");
            String label = HtmlReport.targetLabel(target) + ", seed "
                    + (root.has("seed") ? root.get("seed").getAsString() : "?") + ", started "
                    + root.get("started").getAsString();
            return new Run(file, label, cases, requirements, root.getAsJsonObject("summary").get("verdict").getAsString());
        } catch (RuntimeException e) {
            // A field missing or of the wrong type: the file claims the format but does not have its form.
            throw new IllegalArgumentException(file + ": not a secho-conformance JSON report (a case, requirement, "
                    + "target or summary field is missing)");
        }
    }
}
