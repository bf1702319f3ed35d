package io.secho.conformance.learn;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.secho.conformance.report.HtmlPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.secho.conformance.report.HtmlPage.escape;

/**
 * The files a learn run leaves in its output directory: {@value #JSON_FILE} for tools (form {@value #FORMAT}),
 * {@value #HTML_FILE} for a person (the look of the conformance report, the learned machine drawn inline),
 * and the learned machine as {@value #DOT_FILE} and {@value #SVG_FILE}.
 */
public final class LearnReport {
    /** The version of the JSON form; a change a reader could trip over gets a new number. */
    public static final String FORMAT = "secho-learn-report/1";
    public static final String JSON_FILE = "learn-report.json";
    public static final String HTML_FILE = "learn-report.html";
    public static final String DOT_FILE = "learned-model.dot";
    public static final String SVG_FILE = "learned-model.svg";

    private LearnReport() {
    }

    /**
     * Writes the four files into {@code directory} (created when missing).
     *
     * @param replay the command line that replays a word of abstract inputs against the same target
     * @return the files written, in the order above
     */
    public static List<Path> write(LearnOutcome outcome, Function<List<String>, String> replay, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        ModelGraph graph = outcome.comparison().learnedGraph();
        String svg = MealySvg.render(graph, title(outcome));
        List<Path> written = new ArrayList<>();
        written.add(write(directory.resolve(JSON_FILE), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .create().toJson(toJson(outcome, replay)) + "\n"));
        written.add(write(directory.resolve(HTML_FILE), html(outcome, replay, svg)));
        written.add(write(directory.resolve(DOT_FILE), MealyDot.render(graph, "learned",
                "The state machine learned from " + outcome.target() + " (secho-conformance learn)")));
        written.add(write(directory.resolve(SVG_FILE), svg));
        return List.copyOf(written);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String title(LearnOutcome outcome) {
        return "Learned from " + outcome.target() + " (" + String.join(", ", outcome.suites()) + ")";
    }

    /** The report in its published form {@value #FORMAT}. */
    public static JsonObject toJson(LearnOutcome outcome, Function<List<String>, String> replay) {
        ModelComparison comparison = outcome.comparison();
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("tool", "secho-conformance");
        root.addProperty("target", outcome.target());
        root.add("suites", strings(outcome.suites()));
        root.addProperty("verdict", outcome.verdict().label());
        root.add("inputs", strings(new ArrayList<>(comparison.spec().inputs())));
        JsonArray differences = new JsonArray();
        for (Difference d : comparison.differences()) {
            JsonObject item = new JsonObject();
            item.addProperty("specState", d.specState());
            item.add("inputs", strings(d.inputs()));
            item.addProperty("expected", d.expected());
            item.addProperty("actual", d.actual());
            item.add("word", strings(d.word()));
            item.add("expectedOutputs", strings(d.expectedOutputs()));
            item.add("actualOutputs", strings(d.actualOutputs()));
            item.add("requirements", strings(d.requirements()));
            item.addProperty("transitions", d.transitions());
            item.addProperty("replay", replay.apply(d.word()));
            differences.add(item);
        }
        root.add("differences", differences);
        root.add("statistics", statistics(outcome.statistics()));
        root.add("learnedModel", model(comparison.learnedGraph()));
        return root;
    }

    private static JsonObject statistics(LearnStatistics s) {
        JsonObject json = new JsonObject();
        json.addProperty("membershipQueries", s.membershipQueries());
        json.addProperty("inputSymbols", s.inputSymbols());
        json.addProperty("equivalenceRounds", s.equivalenceRounds());
        json.addProperty("elapsedMillis", s.elapsed().toMillis());
        json.addProperty("boundReached", s.boundReached());
        json.addProperty("bounds", s.bounds());
        JsonArray nondeterminism = new JsonArray();
        for (Nondeterminism n : s.nondeterminism()) {
            JsonObject item = new JsonObject();
            item.add("word", strings(n.word()));
            JsonArray answers = new JsonArray();
            VerdictText.answersByCount(n).forEach(e -> {
                        JsonObject answer = new JsonObject();
                        answer.add("outputs", strings(e.getKey()));
                        answer.addProperty("count", e.getValue());
                        answers.add(answer);
                    });
            item.add("answers", answers);
            item.addProperty("resolved", n.resolved());
            nondeterminism.add(item);
        }
        json.add("nondeterminism", nondeterminism);
        return json;
    }

    /** The learned machine, one transition per state and input (the pictures merge them; tools should not). */
    private static JsonObject model(ModelGraph graph) {
        JsonObject json = new JsonObject();
        json.addProperty("initialState", graph.states().get(ModelGraph.INITIAL));
        JsonArray states = new JsonArray();
        for (int i = 0; i < graph.states().size(); i++) {
            JsonObject state = new JsonObject();
            state.addProperty("name", graph.states().get(i));
            state.addProperty("sink", graph.isSink(i));
            states.add(state);
        }
        json.add("states", states);
        JsonArray transitions = new JsonArray();
        for (int state = 0; state < graph.states().size(); state++) {
            for (String input : graph.alphabet()) {
                for (ModelGraph.Edge edge : graph.edges()) {
                    if (edge.source() == state && edge.inputs().contains(input)) {
                        JsonObject t = new JsonObject();
                        t.addProperty("source", graph.states().get(edge.source()));
                        t.addProperty("input", input);
                        t.addProperty("output", edge.output());
                        t.addProperty("target", graph.states().get(edge.target()));
                        t.addProperty("differs", edge.differs());
                        transitions.add(t);
                    }
                }
            }
        }
        json.add("transitions", transitions);
        return json;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /** The page: the verdict, the learned machine drawn, the differences and what the learning cost. */
    static String html(LearnOutcome outcome, Function<List<String>, String> replay, String svg) {
        ModelComparison comparison = outcome.comparison();
        LearnVerdict verdict = outcome.verdict();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Secho state machine learning report</h1>\n<div class=\"scroll\"><table class=\"summary\">\n");
        row(body, "Target", escape(outcome.target()));
        row(body, "Suites", escape(String.join(", ", outcome.suites())));
        String css = switch (verdict) {
            case EQUIVALENT -> "pass";
            case DIFFERENT -> "fail";
            case INCOMPLETE -> "warn";
        };
        row(body, "Verdict", "<span class=\"badge " + css + "\" id=\"verdict\">" + escape(verdict.label().toUpperCase(
                java.util.Locale.ROOT)) + "</span> " + escape(VerdictText.plural(comparison.differences().size(),
                "difference")) + " from the spec's state machine");
        row(body, "Learned", escape(VerdictText.plural(comparison.learned().size(), "state")) + "; the spec model has "
                + ModelGraph.of(comparison.spec()).states().size());
        row(body, "Learning", "<pre>" + escape(String.join("\n", VerdictText.statisticsLines(outcome.statistics())))
                + "</pre>");
        body.append("</table></div>\n");

        body.append("<h2 id=\"model\">Learned state machine</h2>\n<div class=\"scroll\">\n").append(svg)
                .append("</div>\n");
        body.append("<p class=\"muted\">Also as ").append(escape(DOT_FILE)).append(" and ").append(escape(SVG_FILE))
                .append(" beside this page.</p>\n");

        body.append("<h2 id=\"differences\">Differences</h2>\n");
        if (comparison.differences().isEmpty()) {
            body.append("<p>None: every reachable state answers every input as the spec model does.</p>\n");
        } else {
            body.append("<div class=\"scroll\"><table class=\"differences\">\n<tr><th>#</th><th>In spec state</th>"
                    + "<th>Inputs</th><th>Spec expects</th><th>Implementation</th><th>Requirements</th></tr>\n");
            int number = 0;
            for (Difference d : comparison.differences()) {
                number++;
                body.append("<tr><td><a href=\"#difference-").append(number).append("\">").append(number)
                        .append("</a></td><td>").append(escape(d.specState())).append("</td><td><code>")
                        .append(escape(String.join(", ", ModelGraph.compressed(d.inputs()))))
                        .append("</code></td><td><code>").append(escape(d.expected())).append("</code></td><td><code>")
                        .append(escape(d.actual())).append("</code></td><td>")
                        .append(escape(String.join(", ", d.requirements()))).append("</td></tr>\n");
            }
            body.append("</table></div>\n");
            number = 0;
            for (Difference d : comparison.differences()) {
                number++;
                body.append("<h3 id=\"difference-").append(number).append("\">Difference ").append(number)
                        .append(": in ").append(escape(d.specState())).append(", <code>")
                        .append(escape(String.join(", ", ModelGraph.compressed(d.inputs())))).append("</code></h3>\n");
                sequence(d, comparison.spec(), replay, body);
            }
        }
        return HtmlPage.page("Secho learn: " + outcome.target(), body.toString(), "");
    }

    /** The shortest sequence step by step, and the command that replays it. */
    private static void sequence(Difference d, SpecModel spec, Function<List<String>, String> replay,
            StringBuilder body) {
        body.append("<div class=\"scroll\"><table class=\"sequence\">\n<tr><th>Step</th><th>Send</th>"
                + "<th>Spec expects</th><th>Implementation</th></tr>\n");
        for (int step = 0; step < d.word().size(); step++) {
            String input = d.word().get(step);
            String expected = d.expectedOutputs().get(step);
            String actual = d.actualOutputs().get(step);
            boolean differs = !expected.equals(actual);
            body.append("<tr><td>").append(step + 1).append("</td><td><code>").append(escape(input)).append("</code>");
            if (!spec.concrete(input).equals(input)) {
                body.append("<br><span class=\"muted\">").append(escape(spec.concrete(input))).append("</span>");
            }
            body.append("</td><td><code>").append(escape(expected)).append("</code></td><td>")
                    .append(differs ? "<strong class=\"differs\">" : "").append("<code>").append(escape(actual))
                    .append("</code>").append(differs ? " <span class=\"badge fail\">DIFFERS</span></strong>" : "")
                    .append("</td></tr>\n");
        }
        body.append("</table></div>\n<p>Replay:</p><pre>").append(escape(replay.apply(d.word()))).append("</pre>\n");
    }

    private static void row(StringBuilder body, String name, String html) {
        body.append("<tr><th>").append(escape(name)).append("</th><td>").append(html).append("</td></tr>\n");
    }
}
