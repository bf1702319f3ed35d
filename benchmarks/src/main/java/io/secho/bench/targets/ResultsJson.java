package io.secho.bench.targets;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureJson;
import io.secho.bench.report.RunInfo;

import java.util.List;
import java.util.Optional;

/**
 * A run as one JSON document for programs: where and when, every figure, and every target with its
 * limit, value and verdict (MET, MISSED, NOT_MEASURED) and, when missed, by how much.
 */
public final class ResultsJson {
    private ResultsJson() {
    }

    public static String of(RunInfo info, List<Figure> figures, List<TargetCheck> checks, Optional<Baseline> baseline) {
        JsonObject root = new JsonObject();
        root.add("run", RunInfoJson.toJson(info));
        baseline.ifPresent(b -> {
            JsonObject base = new JsonObject();
            base.addProperty("description", b.description());
            base.add("run", RunInfoJson.toJson(b.info()));
            root.add("baseline", base);
        });
        JsonObject summary = new JsonObject();
        TargetTable table = new TargetTable(checks);
        for (Verdict verdict : Verdict.values()) {
            summary.addProperty(verdict.name(), table.count(verdict));
        }
        root.add("summary", summary);
        JsonArray targets = new JsonArray();
        for (TargetCheck check : checks) {
            JsonObject item = new JsonObject();
            item.addProperty("id", check.id());
            item.addProperty("target", check.target());
            item.addProperty("comparison", check.comparison().symbol());
            check.limit().ifPresent(limit -> item.addProperty("limit", limit));
            check.measured().ifPresent(measured -> item.addProperty("measured", measured));
            item.addProperty("unit", check.unit().name());
            item.addProperty("verdict", check.verdict().name());
            check.shortfall().ifPresent(miss -> {
                if (Double.isFinite(miss)) {
                    item.addProperty("missedByFraction", miss);
                }
            });
            item.addProperty("basis", check.basis());
            targets.add(item);
        }
        root.add("targets", targets);
        root.add("figures", FigureJson.toJson(figures));
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }
}
