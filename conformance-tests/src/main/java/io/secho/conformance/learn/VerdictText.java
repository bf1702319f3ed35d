package io.secho.conformance.learn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The verdict of a learn run for the console: each difference as the concrete messages to send, what the spec
 * expects after each and what the implementation answered, the requirements involved and the command that
 * replays it; then what the learning cost.
 */
public final class VerdictText {
    private VerdictText() {
    }

    /**
     * @param replay the command line that replays a word of abstract inputs against the same target
     */
    public static String render(LearnOutcome outcome, Function<List<String>, String> replay) {
        ModelComparison comparison = outcome.comparison();
        SpecModel spec = comparison.spec();
        StringBuilder out = new StringBuilder();
        int specStates = ModelGraph.of(spec).states().size();
        out.append("Learned ").append(plural(comparison.learned().size(), "state")).append("; the spec model has ")
                .append(specStates).append(" (").append(plural(spec.inputs().size(), "input")).append(").\n");
        List<Difference> differences = comparison.differences();
        LearnVerdict verdict = outcome.verdict();
        out.append("Verdict: ").append(verdict.label().toUpperCase(Locale.ROOT));
        switch (verdict) {
            case EQUIVALENT -> out.append(": the implementation's state machine is the spec's.\n");
            case DIFFERENT -> out.append(": ").append(plural(differences.size(), "difference"))
                    .append(" from the spec's state machine.\n");
            case INCOMPLETE -> out.append(": no difference found, but the search stopped early (see below).\n");
        }
        for (int i = 0; i < differences.size(); i++) {
            out.append('\n');
            difference(i + 1, differences.get(i), spec, replay, out);
        }
        out.append('\n');
        statistics(outcome.statistics(), out);
        return out.toString();
    }

    private static void difference(int number, Difference d, SpecModel spec, Function<List<String>, String> replay,
            StringBuilder out) {
        out.append("Difference ").append(number).append(": in ").append(d.specState()).append(", ")
                .append(String.join(", ", ModelGraph.compressed(d.inputs()))).append('\n');
        out.append("  expected ").append(d.expected()).append('\n');
        out.append("  actual   ").append(d.actual()).append('\n');
        out.append("  requirements: ").append(String.join(", ", d.requirements())).append('\n');
        out.append("  shortest sequence (").append(plural(d.word().size(), "message")).append("):\n");
        for (int step = 0; step < d.word().size(); step++) {
            String input = d.word().get(step);
            out.append(String.format(Locale.ROOT, "  %2d. send %s", step + 1, input));
            String concrete = spec.concrete(input);
            if (!concrete.equals(input)) {
                out.append(": ").append(concrete);
            }
            out.append('\n');
            String expected = d.expectedOutputs().get(step);
            String actual = d.actualOutputs().get(step);
            out.append("        spec expects    ").append(expected).append('\n');
            out.append("        implementation  ").append(actual).append(expected.equals(actual) ? "" : "   <- differs")
                    .append('\n');
        }
        out.append("  replay: ").append(replay.apply(d.word())).append('\n');
    }

    /** The summary lines of what the learning cost, shared by the console and the HTML report. */
    static List<String> statisticsLines(LearnStatistics s) {
        List<String> lines = new ArrayList<>();
        lines.add("Learning: " + plural(s.membershipQueries(), "query", "queries") + ", "
                + plural(s.inputSymbols(), "message") + " sent, " + plural(s.equivalenceRounds(), "equivalence round")
                + ", " + seconds(s.elapsed()) + ".");
        lines.add("Bounds: " + s.bounds() + (s.boundReached()
                ? "; REACHED: the search stopped before the equivalence check was satisfied."
                : "; not reached."));
        if (s.nondeterminism().isEmpty()) {
            lines.add("Non-determinism: none seen.");
        } else {
            lines.add("Non-determinism: " + plural(s.nondeterminism().size(), "word") + " answered differently when "
                    + "asked again:");
            for (Nondeterminism n : s.nondeterminism()) {
                lines.add("  " + nondeterminism(n));
            }
        }
        return lines;
    }

    /** A word's answers, the most frequent first (ties in text order): the same order in every report. */
    static List<Map.Entry<List<String>, Integer>> answersByCount(Nondeterminism n) {
        return n.answers().entrySet().stream()
                .sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed()
                        .thenComparing(e -> String.join(" ", e.getKey())))
                .toList();
    }

    static String nondeterminism(Nondeterminism n) {
        List<String> answers = new ArrayList<>();
        answersByCount(n).forEach(e -> answers.add(String.join(" ", e.getKey()) + " (" + e.getValue() + "x)"));
        return String.join(" ", n.word()) + " -> " + String.join(" | ", answers)
                + (n.resolved() ? "; the majority answer was used" : "; no clear majority: not learned");
    }

    private static void statistics(LearnStatistics s, StringBuilder out) {
        statisticsLines(s).forEach(line -> out.append(line).append('\n'));
    }

    static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }

    static String plural(long count, String noun) {
        return plural(count, noun, noun + "s");
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
