package io.secho.bench.targets;

import io.secho.bench.report.TextColumns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets of a run as a table: what is required, the bound, the value, and met or MISSED by how much. */
public final class TargetTable {
    private static final String[] COLUMNS = {"target", "limit", "measured", "verdict", "basis"};
    /** Measured on the 2-core machine of the README: the Step 10 server as its own baseline, load average 30-70. */
    private static final String NOISE = "Targets against a baseline compare two measurements minutes apart on a"
            + " shared machine: the same server as its own baseline (an A/A run, load average 30-70) missed by up to"
            + " 35 % on handshakes and 50 % on a p99. Read a small miss as noise unless it repeats.";

    private final List<TargetCheck> checks;

    public TargetTable(List<TargetCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** "Step 11 targets: 12 met, 3 MISSED, 1 not measured". */
    public String summary() {
        long met = count(Verdict.MET);
        long missed = count(Verdict.MISSED);
        long unmeasured = count(Verdict.NOT_MEASURED);
        return String.format(Locale.ROOT, "Step 11 targets: %d met, %d %s, %d not measured", met, missed,
                missed == 0 ? "missed" : "MISSED", unmeasured);
    }

    public long count(Verdict verdict) {
        return checks.stream().filter(check -> check.verdict() == verdict).count();
    }

    public String toText() {
        List<String[]> rows = rows();
        // The limit and the measured value are numbers; the rest is text.
        TextColumns columns = new TextColumns(rows, i -> i == 1 || i == 2);
        StringBuilder out = new StringBuilder();
        out.append("== ").append(summary()).append('\n');
        rows.forEach(row -> out.append(columns.line(row)));
        out.append(NOISE).append('\n');
        return out.toString();
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append(summary()).append("\n\n");
        out.append("| target | limit | measured | verdict | basis |\n");
        out.append("| --- | ---: | ---: | --- | --- |\n");
        List<String[]> rows = rows();
        for (String[] row : rows.subList(1, rows.size())) {
            out.append('|');
            for (int i = 0; i < row.length; i++) {
                String cell = row[i].replace("|", "\\|");
                out.append(' ').append(i == 3 && cell.startsWith("MISSED") ? "**" + cell + "**" : cell).append(" |");
            }
            out.append('\n');
        }
        out.append('\n').append(NOISE).append('\n');
        return out.toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS.clone());
        for (TargetCheck check : checks) {
            rows.add(new String[] {check.target(), check.limitText(), check.measuredText(), check.verdictText(),
                check.basis()});
        }
        return rows;
    }
}
