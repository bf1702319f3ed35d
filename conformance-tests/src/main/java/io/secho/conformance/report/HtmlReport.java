package io.secho.conformance.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.conformance.requirements.SpecTexts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.secho.conformance.report.HtmlPage.badge;
import static io.secho.conformance.report.HtmlPage.escape;

/**
 * {@code secho-conformance.html}: the run for a person, in one self-contained file beside the JSON and JUnit XML.
 * It is rendered from the JSON report itself (so a tool holding only a run's JSON renders the same page), plus
 * the replay command of each case when the run that wrote it knows it. Every piece of the report's data is
 * escaped: a hostile target's bytes reach the page as text, never as markup.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "secho-conformance.html";
    /** The verdicts in the order the filters offer them: the ones that need a look first. */
    static final List<String> STATUSES = List.of("fail", "error", "blocked", "warn", "skip", "pass");
    /** The line of a trace that says how the connection ended (its time first). */
    private static final Pattern ENDING = Pattern.compile("^\\s*\\d+ms\\s+(?:until the end|checked): (.*)$");
    private static final Pattern REPORT_FORMAT = Pattern.compile("^secho-conformance-report/\\d+$");

    private HtmlReport() {
    }

    /** Writes the page of a finished run, with each case's replay command. */
    static Path write(RunSummary summary, Function<String, String> replay, Path directory) throws IOException {
        return write(JsonReport.toJson(summary), Optional.of(replay), directory);
    }

    /**
     * Writes the page of a run from its JSON report.
     *
     * @param replay case ID to the command that replays it; without it the page has no replay lines
     */
    public static Path write(JsonObject report, Optional<Function<String, String>> replay, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, render(report, replay), StandardCharsets.UTF_8);
        return file;
    }

    /** The page of a run from its JSON report ({@code secho-conformance.json}, any format this harness wrote). */
    public static String render(JsonObject report, Optional<Function<String, String>> replay) {
        if (!report.has("format") || !REPORT_FORMAT.matcher(string(report, "format")).matches()) {
            throw new IllegalArgumentException("not a secho-conformance report");
        }
        List<JsonObject> cases = objects(report.getAsJsonArray("cases"));
        StringBuilder body = new StringBuilder();
        String target = targetLabel(report.getAsJsonObject("target"));
        body.append("<h1>").append(escape(string(report, "protocol"))).append(" conformance report</h1>\n");
        summary(report, target, cases, body);
        groups(cases, body);
        filters(cases, body);
        body.append("<h2 id=\"cases\">Cases</h2>\n<div id=\"case-list\">\n");
        for (JsonObject item : cases) {
            caseEntry(item, replay, body);
        }
        body.append("</div>\n");
        requirementTable(report, body);
        return HtmlPage.page(string(report, "protocol") + " conformance: " + target, body.toString(), SCRIPT);
    }

    private static void summary(JsonObject report, String target, List<JsonObject> cases, StringBuilder body) {
        JsonObject totals = report.getAsJsonObject("summary");
        body.append("<div class=\"scroll\"><table class=\"summary\">\n");
        row(body, "Target", escape(target));
        JsonObject targetJson = report.getAsJsonObject("target");
        List<String> findings = strings(targetJson.getAsJsonArray("findings"));
        if (!findings.isEmpty()) {
            row(body, "Found", "<pre>" + escape(String.join("\n", findings)) + "</pre>");
        }
        row(body, "Seed", report.has("seed") ? escape(report.get("seed").getAsString())
                + " <span class=\"muted\">(--seed replays this run)</span>" : "unknown: the run ended before any case");
        row(body, "Started", escape(string(report, "started")) + ", " + escape(string(report, "durationMillis")) + " ms");
        if (report.has("incompleteBecause")) {
            row(body, "INCOMPLETE", escape(string(report, "incompleteBecause")));
        }
        row(body, "Verdict", "<strong id=\"verdict\">" + escape(string(totals, "verdict")) + "</strong>");
        StringBuilder counts = new StringBuilder();
        counts.append(cases.size()).append(" cases:");
        for (String status : STATUSES) {
            counts.append(' ').append(badge(status)).append(" <span class=\"count-").append(status).append("\">")
                    .append(totals.has(status) ? totals.get(status).getAsLong() : count(cases, status))
                    .append("</span>");
        }
        row(body, "Counts", counts.toString());
        if (report.has("baseline")) {
            JsonObject baseline = report.getAsJsonObject("baseline");
            row(body, "Baseline", (baseline.get("ok").getAsBoolean() ? "holds" : "does not hold") + "; new failures: "
                    + escape(ConsoleReport.compress(strings(baseline.getAsJsonArray("newFailures")))) + "; now passing: "
                    + escape(ConsoleReport.compress(strings(baseline.getAsJsonArray("nowPassing")))));
        }
        body.append("</table></div>\n");
    }

    /** Failed, blocked and skipped cases grouped by what they share, largest group first, as the console does. */
    private static void groups(List<JsonObject> cases, StringBuilder body) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        sections.put("Failed and warned, by the requirements not met", group(cases, c -> isOneOf(c, "fail", "warn")
                ? String.join(" ", strings(c.getAsJsonObject("failure").getAsJsonArray("requirements"))) : null));
        sections.put("Blocked, by what blocked them: the probe was never sent", group(cases,
                c -> isOneOf(c, "blocked") ? string(c.getAsJsonObject("blocked"), "heading") : null));
        sections.put("Harness errors, by message", group(cases, c -> isOneOf(c, "error")
                ? string(c, "message").split("\n", 2)[0] : null));
        sections.put("Skipped, by reason", group(cases, c -> isOneOf(c, "skip") ? string(c, "message") : null));
        sections.values().removeIf(Map::isEmpty);
        if (sections.isEmpty()) {
            return;
        }
        body.append("<h2 id=\"causes\">Not passed, by cause</h2>\n");
        sections.forEach((title, groups) -> {
            body.append("<h3>").append(escape(title)).append("</h3>\n<ul class=\"causes\">\n");
            groups.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size()))
                    .forEach(e -> body.append("<li>").append(escape(e.getKey())).append(": ")
                            .append(caseLinks(e.getValue())).append(" (").append(e.getValue().size()).append(")</li>\n"));
            body.append("</ul>\n");
        });
    }

    private static Map<String, List<String>> group(List<JsonObject> cases, Function<JsonObject, String> key) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (JsonObject item : cases) {
            String reason = key.apply(item);
            if (reason != null) {
                groups.computeIfAbsent(reason, k -> new ArrayList<>()).add(string(item, "id"));
            }
        }
        return groups;
    }

    /** The first eight IDs as links to their cases, the rest counted. */
    private static String caseLinks(List<String> ids) {
        StringBuilder links = new StringBuilder();
        int shown = Math.min(ids.size(), 8);
        for (int i = 0; i < shown; i++) {
            links.append(i == 0 ? "" : " ").append("<a href=\"#case-").append(escape(ids.get(i))).append("\">")
                    .append(escape(ids.get(i))).append("</a>");
        }
        if (ids.size() > shown) {
            links.append(" and ").append(ids.size() - shown).append(" more");
        }
        return links.toString();
    }

    private static void filters(List<JsonObject> cases, StringBuilder body) {
        body.append("<div class=\"filters\" id=\"filters\">\n<div>Status: <button type=\"button\" data-status=\"all\" "
                + "aria-pressed=\"true\">all ").append(cases.size()).append("</button>");
        for (String status : STATUSES) {
            long count = count(cases, status);
            if (count > 0) {
                body.append("<button type=\"button\" data-status=\"").append(status).append("\" aria-pressed=\"false\">")
                        .append(status.toUpperCase(Locale.ROOT)).append(' ').append(count).append("</button>");
            }
        }
        body.append("</div>\n<div>Family: ");
        Set<String> families = new LinkedHashSet<>();
        cases.forEach(c -> families.add(string(c, "family")));
        for (String family : families) {
            body.append("<label><input type=\"checkbox\" name=\"family\" checked value=\"").append(escape(family))
                    .append("\"> ").append(escape(family)).append("</label>");
        }
        body.append("</div>\n<div class=\"muted\" id=\"shown\">").append(cases.size()).append(" cases</div>\n</div>\n");
    }

    private static void caseEntry(JsonObject item, Optional<Function<String, String>> replay, StringBuilder body) {
        String id = string(item, "id");
        String status = string(item, "status");
        body.append("<details class=\"case\" id=\"case-").append(escape(id)).append("\" data-status=\"")
                .append(escape(status)).append("\" data-family=\"").append(escape(string(item, "family")))
                .append("\">\n<summary>").append(badge(status)).append(" <strong>").append(escape(id))
                .append("</strong> <span class=\"muted\">").append(escape(string(item, "level"))).append("</span> ")
                .append(escape(string(item, "name"))).append("</summary>\n<dl>\n");
        term(body, "Family", escape(string(item, "family")) + ", " + escape(string(item, "durationMillis")) + " ms");
        if (!string(item, "message").isEmpty()) {
            term(body, "Message", "<pre>" + escape(string(item, "message")) + "</pre>");
        }
        StringBuilder requirements = new StringBuilder("<ul class=\"requirements\">");
        for (String requirement : strings(item.getAsJsonArray("requirements"))) {
            requirements.append("<li>").append(requirementText(requirement)).append("</li>");
        }
        term(body, "Requirements", requirements.append("</ul>").toString());
        if (item.has("failure")) {
            JsonObject failure = item.getAsJsonObject("failure");
            term(body, "Not met", escape(String.join(" ", strings(failure.getAsJsonArray("requirements")))));
            term(body, "Expected", escape(string(failure, "expected")));
            if (failure.has("sent")) {
                term(body, "Sent", escape(string(failure, "sent")));
            }
            term(body, "Received", "<pre>" + escape(string(failure, "received")) + "</pre>");
        }
        if (item.has("blocked")) {
            JsonObject blocked = item.getAsJsonObject("blocked");
            term(body, "Blocked by", escape(string(blocked, "heading")));
            if (blocked.has("detail")) {
                term(body, "Observed", escape(string(blocked, "detail")));
            }
        }
        if (!string(item, "allowedEndings").isEmpty()) {
            term(body, "Allowed ending", escape(string(item, "allowedEndings")));
        }
        observedEnding(string(item, "trace")).ifPresent(ending -> term(body, "Connection ended", escape(ending)));
        if (item.has("expectedFailure")) {
            term(body, "Known failure", escape(string(item, "expectedFailure")));
        }
        if (item.has("harnessDiagnostics")) {
            term(body, "Harness diagnostics", "<pre>" + escape(string(item, "harnessDiagnostics")) + "</pre>");
        }
        body.append("</dl>\n");
        if (item.has("clientRuns")) {
            clientRuns(objects(item.getAsJsonArray("clientRuns")), body);
        }
        if (!string(item, "trace").isEmpty()) {
            body.append("<h3>Wire trace</h3>\n<pre class=\"trace\">").append(escape(string(item, "trace")))
                    .append("</pre>\n");
        }
        if (replay.isPresent() && !status.equals("pass")) {
            body.append("<h3>Replay</h3>\n<pre class=\"replay\">").append(escape(replay.get().apply(id)))
                    .append("</pre>\n");
        }
        body.append("</details>\n");
    }

    /** The requirement's ID with its level, sentence and section, as the spec states them. */
    private static String requirementText(String id) {
        Optional<SpecTexts.Text> text = HtmlSpecText.of(id);
        if (text.isEmpty()) {
            return "<strong>" + escape(id) + "</strong>";
        }
        return "<strong>" + escape(id) + "</strong>" + (text.get().level().isEmpty() ? "" : " ("
                + escape(text.get().level()) + ")") + " " + escape(text.get().sentence()) + " <span class=\"muted\">"
                + escape(text.get().where()) + "</span>";
    }

    /** The last line of the trace that says how the connection ended, without its time. */
    static Optional<String> observedEnding(String trace) {
        String found = null;
        for (String line : trace.split("\n")) {
            Matcher matcher = ENDING.matcher(line);
            if (matcher.matches()) {
                found = matcher.group(1);
            }
        }
        return Optional.ofNullable(found);
    }

    private static void clientRuns(List<JsonObject> runs, StringBuilder body) {
        body.append("<h3>Client runs</h3>\n");
        int number = 0;
        for (JsonObject run : runs) {
            number++;
            body.append("<dl class=\"client-run\">\n");
            term(body, "Run " + number, "suite " + escape(string(run, "suite")) + ", " + escape(string(run, "messages"))
                    + " message line(s) on standard input");
            if (run.has("startFailure")) {
                term(body, "Not started", escape(string(run, "startFailure")));
            }
            if (run.has("killed") && run.get("killed").getAsBoolean()) {
                term(body, "Exit", "killed at --client-run-timeout after " + escape(string(run, "millis")) + " ms");
            } else if (run.has("exitStatus")) {
                term(body, "Exit", "status " + escape(string(run, "exitStatus")) + " after " + escape(string(run, "millis"))
                        + " ms");
            }
            if (run.has("stdout")) {
                term(body, "Stdout", "<pre>" + escape(String.join("\n", strings(run.getAsJsonArray("stdout"))))
                        + "</pre><span class=\"muted\">" + escape(string(run, "stdoutBytes")) + " bytes</span>");
            }
            if (run.has("stderrTail") && run.getAsJsonArray("stderrTail").size() > 0) {
                term(body, "Stderr (end)", "<pre>" + escape(String.join("\n", strings(run.getAsJsonArray("stderrTail"))))
                        + "</pre>");
            }
            JsonObject connection = run.getAsJsonObject("connection");
            if (connection != null) {
                term(body, "Connection", escape(string(connection, "ending"))
                        + (connection.get("resetAfterFin").getAsBoolean() ? ", a reset after its FIN" : "")
                        + (connection.get("connected").getAsBoolean() ? "" : " (never connected)"));
                List<String> sent = strings(connection.getAsJsonArray("sent"));
                if (!sent.isEmpty()) {
                    term(body, "Client sent", "<pre>" + escape(String.join("\n", sent)) + "</pre>");
                }
            }
            body.append("</dl>\n");
        }
    }

    private static void requirementTable(JsonObject report, StringBuilder body) {
        body.append("<h2 id=\"requirements\">Requirements</h2>\n<p class=\"muted\">A requirement passes only when every "
                + "case that checks it passed; otherwise it shows the worst verdict among its cases. A lab weakness "
                + "(LAB-W) is found, absent, not checked or not applicable.</p>\n<div class=\"scroll\"><table "
                + "class=\"requirements\">\n<tr><th>ID</th><th>Verdict</th><th>Requirement</th><th>Cases</th></tr>\n");
        for (JsonObject requirement : objects(report.getAsJsonArray("requirements"))) {
            String id = string(requirement, "id");
            body.append("<tr id=\"req-").append(escape(id)).append("\" data-status=\"")
                    .append(escape(string(requirement, "status"))).append("\"><td>").append(escape(id)).append("</td><td>")
                    .append(badge(string(requirement, "status").replace('-', ' '))).append("</td><td>")
                    .append(HtmlSpecText.of(id).map(t -> escape(t.sentence()) + " <span class=\"muted\">"
                            + escape(t.where()) + "</span>").orElse("")).append("</td><td>")
                    .append(caseLinks(strings(requirement.getAsJsonArray("cases")))).append("</td></tr>\n");
        }
        body.append("</table></div>\n");
    }

    /** The target as the console names it: its kind and where it was. */
    public static String targetLabel(JsonObject target) {
        String kind = string(target, "kind");
        return switch (kind) {
            case "embedded" -> "embedded reference server" + (target.has("address") ? " at " + string(target, "address") : "");
            case "image" -> "image " + string(target, "image") + (target.has("address") ? " at "
                    + string(target, "address") : "");
            case "client" -> target.has("client") ? string(target, "client") : "a client under test";
            default -> target.has("address") ? string(target, "address") : kind;
        } + (target.has("unusable") ? " (unusable: " + string(target, "unusable") + ")" : "");
    }

    private static void row(StringBuilder body, String heading, String html) {
        body.append("<tr><th>").append(escape(heading)).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static void term(StringBuilder body, String term, String html) {
        body.append("<dt>").append(escape(term)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static boolean isOneOf(JsonObject item, String... statuses) {
        return List.of(statuses).contains(string(item, "status"));
    }

    private static long count(List<JsonObject> cases, String status) {
        return cases.stream().filter(c -> string(c, "status").equals(status)).count();
    }

    static String string(JsonObject object, String key) {
        JsonElement value = object == null ? null : object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> values.add(e.getAsString()));
        }
        return values;
    }

    static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> values = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> values.add(e.getAsJsonObject()));
        }
        return values;
    }

    /**
     * Filters by status (one at a time) and family (any set), the count of cases shown, and every case opened for
     * printing. Plain DOM, no library.
     */
    static final String SCRIPT = """
            (function () {
              var status = 'all';
              var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
              var buttons = Array.prototype.slice.call(document.querySelectorAll('#filters button[data-status]'));
              var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[name=family]'));
              function apply() {
                var families = {};
                boxes.forEach(function (box) { families[box.value] = box.checked; });
                var shown = 0;
                cases.forEach(function (item) {
                  var visible = (status === 'all' || item.getAttribute('data-status') === status)
                      && families[item.getAttribute('data-family')] !== false;
                  item.hidden = !visible;
                  if (visible) { shown++; }
                });
                buttons.forEach(function (button) {
                  button.setAttribute('aria-pressed', String(button.getAttribute('data-status') === status));
                });
                document.getElementById('shown').textContent = shown + ' of ' + cases.length + ' cases shown';
              }
              buttons.forEach(function (button) {
                button.addEventListener('click', function () { status = button.getAttribute('data-status'); apply(); });
              });
              boxes.forEach(function (box) { box.addEventListener('change', apply); });
              window.addEventListener('beforeprint', function () {
                cases.forEach(function (item) { item.open = true; });
              });
              // A link to a case opens it.
              function openTarget() {
                var id = decodeURIComponent(location.hash.slice(1));
                var target = id ? document.getElementById(id) : null;
                if (target && target.tagName === 'DETAILS') { target.hidden = false; target.open = true; }
              }
              window.addEventListener('hashchange', openTarget);
              openTarget();
              apply();
            })();
            """;
}
