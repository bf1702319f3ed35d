package io.secho.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects figures in the order they were measured and prints them as one table. */
public final class Report {
    private static final String[] COLUMNS = {"figure", "Secho", "TLS 1.3", "Secho/TLS", "note"};

    private final List<String> preamble;
    private final List<Figure> figures = new ArrayList<>();

    /** @param preamble lines printed above the table: date, machine, Java, run mode */
    public Report(List<String> preamble) {
        this.preamble = List.copyOf(preamble);
    }

    public void add(Figure figure) {
        figures.add(figure);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Aligned plain text, one row per figure, a heading line per section. */
    public String toText() {
        List<String[]> rows = rows();
        int[] widths = new int[COLUMNS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        preamble.forEach(line -> out.append(line).append('\n'));
        out.append(textRow(rows.get(0), widths));
        String section = null;
        for (int i = 0; i < figures.size(); i++) {
            if (!figures.get(i).section().equals(section)) {
                section = figures.get(i).section();
                out.append("== ").append(section).append('\n');
            }
            out.append(textRow(rows.get(i + 1), widths));
        }
        return out.toString();
    }

    private static String textRow(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            boolean text = i == 0 || i == row.length - 1;
            line.append(pad(row[i], widths[i], !text)).append("  ");
        }
        return line.toString().stripTrailing() + "\n";
    }

    /** A Markdown table with a section column, for the README. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        preamble.forEach(line -> out.append(line).append("  \n"));
        out.append('\n').append("| section | figure | Secho | TLS 1.3 | Secho/TLS | note |\n");
        out.append("| --- | --- | ---: | ---: | ---: | --- |\n");
        List<String[]> rows = rows();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            out.append("| ").append(escape(figures.get(r - 1).section()));
            for (String cell : row) {
                out.append(" | ").append(escape(cell));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS.clone());
        for (Figure figure : figures) {
            rows.add(new String[] {
                figure.name(),
                figure.unit().format(figure.secho()),
                figure.tls().isPresent() ? figure.unit().format(figure.tls().getAsDouble()) : "-",
                figure.ratio().isPresent() ? String.format(Locale.ROOT, "%.2f", figure.ratio().getAsDouble()) : "-",
                figure.note()
            });
        }
        return rows;
    }

    private static String pad(String text, int width, boolean right) {
        if (text.length() >= width) {
            return text;
        }
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
