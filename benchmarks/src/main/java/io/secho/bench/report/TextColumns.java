package io.secho.bench.report;

import java.util.List;
import java.util.function.IntPredicate;

/** Plain-text table columns: each as wide as its widest cell, numbers aligned right, two spaces between. */
public final class TextColumns {
    private final int[] widths;
    private final IntPredicate rightAligned;

    /** @param rightAligned which column indexes hold numbers */
    public TextColumns(List<String[]> rows, IntPredicate rightAligned) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        this.widths = new int[columns];
        this.rightAligned = rightAligned;
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
    }

    /** One row as a line, trailing spaces removed, with its newline. */
    public String line(String[] row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            String spaces = " ".repeat(Math.max(0, widths[i] - row[i].length()));
            line.append(rightAligned.test(i) ? spaces + row[i] : row[i] + spaces).append("  ");
        }
        return line.toString().stripTrailing() + "\n";
    }
}
