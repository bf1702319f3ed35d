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
        // The figure's name and the note are text; the values and the ratio are numbers.
        TextColumns columns = new TextColumns(rows, i -> i != 0 && i != COLUMNS.length - 1);
        StringBuilder out = new StringBuilder();
        preamble.forEach(line -> out.append(line).append('\n'));
        out.append(columns.line(rows.get(0)));
        String section = null;
        for (int i = 0; i < figures.size(); i++) {
            if (!figures.get(i).section().equals(section)) {
                section = figures.get(i).section();
                out.append("== ").append(section).append('\n');
            }
            out.append(columns.line(rows.get(i + 1)));
        }
        return out.toString();
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

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
