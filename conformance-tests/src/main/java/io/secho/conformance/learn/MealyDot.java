package io.secho.conformance.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * A Mealy machine in Graphviz's DOT language, for people who have Graphviz and for diffs: one edge per
 * source, target and output (its inputs merged into one label), differing transitions red and bold, and the
 * same text for the same machine every time (the order is {@link ModelGraph}'s).
 */
public final class MealyDot {
    /** How many inputs a DOT label puts on one line before breaking it. */
    private static final int INPUTS_PER_LINE = 3;
    private static final String HIGHLIGHT = "#c62828";

    private MealyDot() {
    }

    /**
     * @param graphName the DOT graph's ID (letters, digits and underscores)
     * @param comment one line saying where the machine comes from, written as a DOT comment
     */
    public static String render(ModelGraph graph, String graphName, String comment) {
        if (!graphName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a DOT ID: " + graphName);
        }
        StringBuilder dot = new StringBuilder();
        dot.append("// ").append(comment.replaceAll("[\\r\\n]+", " ")).append('\n');
        dot.append("digraph ").append(graphName).append(" {\n");
        dot.append("  rankdir=LR;\n  node [shape=circle];\n  __start [shape=point];\n");
        dot.append("  __start -> ").append(id(graph.states().get(ModelGraph.INITIAL))).append(";\n");
        for (int state = 0; state < graph.states().size(); state++) {
            String name = graph.states().get(state);
            dot.append("  ").append(id(name)).append(" [label=").append(quoted(name))
                    .append(graph.isSink(state) ? ", shape=doublecircle" : "").append("];\n");
        }
        for (ModelGraph.Edge edge : graph.edges()) {
            dot.append("  ").append(id(graph.states().get(edge.source()))).append(" -> ")
                    .append(id(graph.states().get(edge.target()))).append(" [label=").append(label(graph, edge));
            if (edge.differs()) {
                dot.append(", color=\"").append(HIGHLIGHT).append("\", fontcolor=\"").append(HIGHLIGHT)
                        .append("\", style=bold, penwidth=2");
            }
            dot.append("];\n");
        }
        dot.append("}\n");
        return dot.toString();
    }

    private static String label(ModelGraph graph, ModelGraph.Edge edge) {
        List<String> inputs = graph.inputLabels(edge);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i += INPUTS_PER_LINE) {
            lines.add(String.join(", ", inputs.subList(i, Math.min(inputs.size(), i + INPUTS_PER_LINE))));
        }
        StringBuilder label = new StringBuilder("\"");
        for (int i = 0; i < lines.size(); i++) {
            label.append(escaped(lines.get(i))).append(i + 1 < lines.size() ? ",\\n" : "");
        }
        return label.append(" / ").append(escaped(edge.output())).append('"').toString();
    }

    private static String id(String name) {
        return quoted(name);
    }

    private static String quoted(String text) {
        return "\"" + escaped(text) + "\"";
    }

    /** Inside a DOT string only the quote and the backslash are special; line breaks become spaces. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]+", " ");
    }
}
