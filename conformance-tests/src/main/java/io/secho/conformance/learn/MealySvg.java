package io.secho.conformance.learn;

import io.secho.conformance.report.HtmlPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Mealy machine as an SVG picture, laid out here in plain Java so that no Graphviz (a system package) is
 * needed. The layout suits the 4 to 10 states of Secho's machines: the states stand in one column in
 * breadth-first order, an edge to the next state goes straight down with its label on the left, self-loops sit
 * on the left of their state, and every other edge is an arc on the right, nested by span, its label in a
 * column beyond the arcs. Transitions between the same two states are drawn as one arc with one label line per
 * output; differing transitions are red and bold. The same machine always gives the same bytes.
 */
public final class MealySvg {
    private static final double MARGIN = 16;
    private static final double FONT = 12;
    /** A monospace character's advance at {@link #FONT} (a little generous, so text never overruns). */
    private static final double CHAR = 7.4;
    private static final double LINE = 15;
    /** Space between the labels of two outputs on one arc. */
    private static final double GROUP_GAP = 5;
    private static final double NAME_CHAR = 8.2;
    private static final double BOX_HEIGHT = 36;
    private static final double MIN_GAP = 54;
    private static final double START_ARROW = 34;
    private static final double LOOP_REACH = 45;
    private static final double ARC_FIRST = 34;
    private static final double ARC_STEP = 38;
    /** Label lines longer than this many characters are broken between inputs. */
    private static final int WRAP = 46;
    private static final String INK = "#1f2328";
    private static final String HIGHLIGHT = "#c62828";
    private static final String SINK_FILL = "#eaeef2";
    private static final String SINK_INK = "#57606a";
    private static final String OUTPUT_INK = "#0a4d9c";
    private static final String MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";

    private MealySvg() {
    }

    /**
     * One drawn label line.
     *
     * @param inputs the inputs part (may be empty)
     * @param output the output part, drawn in its own colour so inputs and outputs read apart (may be empty)
     * @param differs whether it shows a differing transition
     * @param opens whether it starts the label of another output (a little space above it)
     */
    private record Line(String inputs, String output, boolean differs, boolean opens) {
        int length() {
            return inputs.length() + output.length();
        }

        double advance() {
            return LINE + (opens ? GROUP_GAP : 0);
        }
    }

    /** All transitions from one state to another, drawn as one path. */
    private record Link(int source, int target, List<Line> lines) {
        boolean differs() {
            return lines.stream().anyMatch(Line::differs);
        }

        double height() {
            return lines.stream().mapToDouble(Line::advance).sum();
        }

        double width() {
            return lines.stream().mapToInt(Line::length).max().orElse(0) * CHAR;
        }
    }

    /**
     * @param title a line above the picture (e.g. which model it is); empty for none
     */
    public static String render(ModelGraph graph, String title) {
        int n = graph.states().size();
        Map<List<Integer>, List<Line>> byPair = new LinkedHashMap<>();
        for (ModelGraph.Edge edge : graph.edges()) {
            byPair.computeIfAbsent(List.of(edge.source(), edge.target()), k -> new ArrayList<>())
                    .addAll(lines(graph, edge));
        }
        List<Link> down = new ArrayList<>();
        List<Link> loops = new ArrayList<>();
        List<Link> arcs = new ArrayList<>();
        byPair.forEach((pair, lines) -> {
            // The first line of a pair's label has no space above it.
            Line first = lines.get(0);
            lines.set(0, new Line(first.inputs(), first.output(), first.differs(), false));
            Link link = new Link(pair.get(0), pair.get(1), lines);
            if (link.source() == link.target()) {
                loops.add(link);
            } else if (link.target() == link.source() + 1) {
                down.add(link);
            } else {
                arcs.add(link);
            }
        });

        double boxWidth = graph.states().stream().mapToInt(String::length).max().orElse(1) * NAME_CHAR + 28;
        double left = 0;
        for (Link link : down) {
            left = Math.max(left, link.width() + 12);
        }
        for (Link link : loops) {
            left = Math.max(left, link.width() + boxWidth / 2 + LOOP_REACH + 4);
        }
        left = Math.max(left, boxWidth / 2);
        double x = MARGIN + left;
        double titleHeight = title.isEmpty() ? 0 : LINE + 8;

        // Each gap holds the label of the edge down and whatever the self-loop labels stick out of their boxes.
        double[] y = new double[n];
        y[0] = MARGIN + titleHeight + START_ARROW + BOX_HEIGHT / 2;
        for (int i = 1; i < n; i++) {
            double gap = overhang(loops, i - 1) + overhang(loops, i) + 20;
            for (Link link : down) {
                if (link.source() == i - 1) {
                    gap += link.height();
                }
            }
            y[i] = y[i - 1] + BOX_HEIGHT + Math.max(MIN_GAP, gap);
        }
        double boxRight = x + boxWidth / 2;

        // Arcs: the shortest first, each on the innermost level no overlapping arc uses yet.
        arcs.sort(Comparator.comparingInt((Link l) -> Math.abs(l.target() - l.source()))
                .thenComparingInt(l -> Math.min(l.source(), l.target())).thenComparingInt(Link::source));
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < arcs.size(); i++) {
            int level = 0;
            while (taken(arcs, levels, i, level)) {
                level++;
            }
            levels.add(level);
        }
        int maxLevel = levels.stream().mapToInt(Integer::intValue).max().orElse(-1);
        double labelColumn = boxRight + ARC_FIRST + ARC_STEP * Math.max(0, maxLevel) + 18;

        // Where each arc meets its states' right sides: spread over the side, ordered by the other end.
        Map<List<Integer>, Double> port = ports(arcs, y);

        StringBuilder body = new StringBuilder();
        double bottom = y[n - 1] + BOX_HEIGHT / 2;
        double right = boxRight;

        // Arc labels, packed top to bottom in the label column. Arcs into the same state with the same label
        // (duplicate states of a learned machine, all closing alike) share one label with a leader from each.
        int[] owner = new int[arcs.size()];
        for (int i = 0; i < arcs.size(); i++) {
            owner[i] = i;
            for (int j = 0; j < i; j++) {
                if (owner[j] == j && arcs.get(j).target() == arcs.get(i).target()
                        && arcs.get(j).lines().equals(arcs.get(i).lines())) {
                    owner[i] = j;
                    break;
                }
            }
        }
        double[] wantedMiddle = new double[arcs.size()];
        for (int i = 0; i < arcs.size(); i++) {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < arcs.size(); j++) {
                if (owner[j] == i) {
                    sum += (y[arcs.get(j).source()] + y[arcs.get(j).target()]) / 2;
                    count++;
                }
            }
            wantedMiddle[i] = count == 0 ? 0 : sum / count;
        }
        double[] labelTop = new double[arcs.size()];
        List<Integer> byMiddle = new ArrayList<>();
        for (int i = 0; i < arcs.size(); i++) {
            if (owner[i] == i) {
                byMiddle.add(i);
            }
        }
        byMiddle.sort(Comparator.comparingDouble((Integer i) -> wantedMiddle[i]).thenComparingInt(i -> i));
        double free = MARGIN + titleHeight;
        for (int i : byMiddle) {
            Link link = arcs.get(i);
            labelTop[i] = Math.max(wantedMiddle[i] - link.height() / 2, free);
            free = labelTop[i] + link.height() + 8;
            body.append(text(link.lines(), labelColumn, labelTop[i], "start"));
            right = Math.max(right, labelColumn + link.width());
            bottom = Math.max(bottom, labelTop[i] + link.height());
        }

        for (int i = 0; i < arcs.size(); i++) {
            Link link = arcs.get(i);
            double apex = boxRight + ARC_FIRST + ARC_STEP * levels.get(i);
            double control = (apex - 0.25 * boxRight) / 0.75;
            double y1 = port.get(List.of(i, link.source()));
            double y2 = port.get(List.of(i, link.target()));
            String colour = link.differs() ? HIGHLIGHT : INK;
            body.append(path("M" + num(boxRight) + "," + num(y1) + " C" + num(control) + "," + num(y1) + " "
                    + num(control) + "," + num(y2) + " " + num(boxRight + 2) + "," + num(y2), link.differs()));
            double middle = (y1 + y2) / 2;
            double labelMiddle = labelTop[owner[i]] + link.height() / 2;
            body.append("<path d=\"M").append(num(apex)).append(',').append(num(middle)).append(" L")
                    .append(num(labelColumn - 4)).append(',').append(num(labelMiddle))
                    .append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"0.8\" stroke-dasharray=\"2,3\"/>\n");
        }
        for (Link link : down) {
            double top = y[link.source()] + BOX_HEIGHT / 2;
            double end = y[link.target()] - BOX_HEIGHT / 2;
            body.append(path("M" + num(x) + "," + num(top) + " L" + num(x) + "," + num(end - 2), link.differs()));
            body.append(text(link.lines(), x - 10, (top + end) / 2 - link.height() / 2, "end"));
        }
        for (Link link : loops) {
            double boxLeft = x - boxWidth / 2;
            double cy = y[link.source()];
            double reach = boxLeft - LOOP_REACH / 0.75;
            body.append(path("M" + num(boxLeft) + "," + num(cy - 9) + " C" + num(reach) + "," + num(cy - 30) + " "
                    + num(reach) + "," + num(cy + 30) + " " + num(boxLeft - 2) + "," + num(cy + 9), link.differs()));
            body.append(text(link.lines(), boxLeft - LOOP_REACH - 4, cy - link.height() / 2, "end"));
        }
        double startTop = y[0] - BOX_HEIGHT / 2 - START_ARROW;
        body.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(startTop + 4))
                .append("\" r=\"4\" fill=\"").append(INK).append("\"/>\n");
        body.append(path("M" + num(x) + "," + num(startTop + 4) + " L" + num(x) + ","
                + num(y[0] - BOX_HEIGHT / 2 - 2), false));
        for (int i = 0; i < n; i++) {
            body.append(state(graph.states().get(i), x, y[i], boxWidth, graph.isSink(i), i == ModelGraph.INITIAL));
        }
        if (graph.hasDifferences()) {
            bottom += LINE + 10;
            body.append("<text x=\"").append(num(MARGIN)).append("\" y=\"").append(num(bottom))
                    .append("\" fill=\"").append(HIGHLIGHT).append("\" font-weight=\"bold\">")
                    .append("red: differs from the spec model</text>\n");
        }
        if (!title.isEmpty()) {
            body.insert(0, "<text x=\"" + num(MARGIN) + "\" y=\"" + num(MARGIN + FONT) + "\" font-weight=\"bold\" "
                    + "font-size=\"13\">" + HtmlPage.escape(title) + "</text>\n");
        }
        double width = Math.ceil(Math.max(right, MARGIN + title.length() * CHAR) + MARGIN);
        double height = Math.ceil(bottom + MARGIN);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height)
                + "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\"" + MONO
                + "\" font-size=\"" + num(FONT) + "\" role=\"img\">\n"
                + "<title>" + HtmlPage.escape(title.isEmpty() ? "state machine" : title) + "</title>\n"
                + "<defs>\n" + marker("arrow", INK) + marker("arrow-differs", HIGHLIGHT) + "</defs>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }

    /** The label lines of one edge: its inputs, broken between inputs, then " / output". */
    private static List<Line> lines(ModelGraph graph, ModelGraph.Edge edge) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<String> inputs = graph.inputLabels(edge);
        for (int i = 0; i < inputs.size(); i++) {
            String piece = inputs.get(i) + (i + 1 < inputs.size() ? "," : "");
            if (line.length() > 0 && line.length() + 1 + piece.length() > WRAP) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(piece);
        }
        String output = "/ " + edge.output();
        List<Line> drawn = new ArrayList<>();
        boolean ownLine = line.length() + 1 + output.length() > WRAP;
        if (ownLine) {
            lines.add(line.toString());
        }
        for (String text : lines) {
            drawn.add(new Line(text, "", edge.differs(), drawn.isEmpty()));
        }
        if (ownLine) {
            drawn.add(new Line("  ", output, edge.differs(), false));
        } else {
            drawn.add(new Line(line + " ", output, edge.differs(), drawn.isEmpty()));
        }
        return drawn;
    }

    /** How far the self-loop label of a state reaches above or below its box. */
    private static double overhang(List<Link> loops, int state) {
        return loops.stream().filter(l -> l.source() == state)
                .mapToDouble(l -> Math.max(0, l.height() / 2 - BOX_HEIGHT / 2)).sum();
    }

    private static boolean taken(List<Link> arcs, List<Integer> levels, int candidate, int level) {
        Link link = arcs.get(candidate);
        int low = Math.min(link.source(), link.target());
        int high = Math.max(link.source(), link.target());
        for (int j = 0; j < levels.size(); j++) {
            Link other = arcs.get(j);
            int otherLow = Math.min(other.source(), other.target());
            int otherHigh = Math.max(other.source(), other.target());
            if (levels.get(j) == level && otherLow <= high && low <= otherHigh) {
                return true;
            }
        }
        return false;
    }

    /** For each (arc index, state) the height at which the arc meets the state's right side. */
    private static Map<List<Integer>, Double> ports(List<Link> arcs, double[] y) {
        Map<Integer, List<int[]>> atState = new LinkedHashMap<>();
        for (int i = 0; i < arcs.size(); i++) {
            Link link = arcs.get(i);
            atState.computeIfAbsent(link.source(), k -> new ArrayList<>()).add(new int[] {i, link.target()});
            atState.computeIfAbsent(link.target(), k -> new ArrayList<>()).add(new int[] {i, link.source()});
        }
        Map<List<Integer>, Double> port = new LinkedHashMap<>();
        atState.forEach((state, ends) -> {
            ends.sort(Comparator.comparingInt((int[] e) -> e[1]).thenComparingInt(e -> e[0]));
            double span = BOX_HEIGHT * 0.6;
            for (int k = 0; k < ends.size(); k++) {
                double offset = ends.size() == 1 ? 0 : -span / 2 + span * k / (ends.size() - 1);
                port.put(List.of(ends.get(k)[0], state), y[state] + offset);
            }
        });
        return port;
    }

    private static String state(String name, double x, double y, double width, boolean sink, boolean initial) {
        double left = x - width / 2;
        double top = y - BOX_HEIGHT / 2;
        StringBuilder svg = new StringBuilder("<g class=\"state\">");
        svg.append("<rect x=\"").append(num(left)).append("\" y=\"").append(num(top)).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(num(BOX_HEIGHT)).append("\" rx=\"10\" fill=\"")
                .append(sink ? SINK_FILL : "#ffffff").append("\" stroke=\"").append(sink ? SINK_INK : INK)
                .append("\" stroke-width=\"").append(initial ? "2.2" : "1.4").append("\"/>");
        if (sink) {
            // A double border, as Graphviz draws a final state: nothing leaves a sink.
            svg.append("<rect x=\"").append(num(left + 3)).append("\" y=\"").append(num(top + 3))
                    .append("\" width=\"").append(num(width - 6)).append("\" height=\"").append(num(BOX_HEIGHT - 6))
                    .append("\" rx=\"8\" fill=\"none\" stroke=\"").append(SINK_INK).append("\" stroke-width=\"1\"/>");
        }
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y + 4.5))
                .append("\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\" fill=\"")
                .append(sink ? SINK_INK : INK).append("\">").append(HtmlPage.escape(name)).append("</text></g>\n");
        return svg.toString();
    }

    private static String path(String d, boolean differs) {
        return "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + (differs ? HIGHLIGHT : INK) + "\" stroke-width=\""
                + (differs ? "2.4" : "1.2") + "\" marker-end=\"url(#" + (differs ? "arrow-differs" : "arrow")
                + ")\"" + (differs ? " class=\"differs\"" : "") + "/>\n";
    }

    private static String text(List<Line> lines, double x, double top, String anchor) {
        StringBuilder svg = new StringBuilder("<text x=\"").append(num(x)).append("\" y=\"").append(num(top))
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(INK).append("\">");
        double baseline = top + FONT;
        for (Line line : lines) {
            baseline += line.opens() ? GROUP_GAP : 0;
            svg.append("<tspan x=\"").append(num(x)).append("\" y=\"").append(num(baseline)).append('"');
            baseline += LINE;
            if (line.differs()) {
                svg.append(" fill=\"").append(HIGHLIGHT).append("\" font-weight=\"bold\" class=\"differs\"");
            }
            svg.append(" xml:space=\"preserve\">").append(HtmlPage.escape(line.inputs()));
            if (!line.output().isEmpty()) {
                svg.append("<tspan").append(line.differs() ? "" : " fill=\"" + OUTPUT_INK + "\"").append('>')
                        .append(HtmlPage.escape(line.output())).append("</tspan>");
            }
            svg.append("</tspan>");
        }
        return svg.append("</text>\n").toString();
    }

    private static String marker(String id, String colour) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour + "\"/></marker>\n";
    }

    /** Coordinates with one decimal at most, written the same way whatever the machine's locale. */
    private static String num(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
