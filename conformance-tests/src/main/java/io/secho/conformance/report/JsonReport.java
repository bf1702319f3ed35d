package io.secho.conformance.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code secho-conformance.json}: the whole run, for tools. */
public final class JsonReport {
    public static final String FILE_NAME = "secho-conformance.json";

    private JsonReport() {
    }

    public static Path write(RunSummary summary, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(toJson(summary)) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static JsonObject toJson(RunSummary summary) {
        JsonObject root = new JsonObject();
        root.addProperty("tool", "secho-conformance");
        root.addProperty("protocol", summary.protocol());
        root.addProperty("target", summary.target());
        root.addProperty("seed", summary.seed());
        root.addProperty("started", summary.started().toString());
        root.addProperty("durationMillis", summary.millis());
        root.addProperty("complete", summary.incomplete().isEmpty());
        summary.incomplete().ifPresent(why -> root.addProperty("incompleteBecause", why));
        JsonArray findings = new JsonArray();
        summary.targetFindings().forEach(findings::add);
        root.add("targetFindings", findings);
        JsonObject totals = new JsonObject();
        for (Verdict verdict : Verdict.values()) {
            totals.addProperty(verdict.jsonName(), summary.count(verdict));
        }
        totals.addProperty("mustFailures", summary.mustFailures());
        totals.addProperty("mustBlocked", summary.mustNotShown() - summary.mustFailures());
        totals.addProperty("shouldFailures", summary.shouldFailures());
        totals.addProperty("verdict", ConsoleReport.verdictLine(summary));
        root.add("summary", totals);
        JsonArray requirements = new JsonArray();
        for (Map.Entry<String, List<CaseResult>> entry : ConsoleReport.byRequirement(summary.cases()).entrySet()) {
            JsonObject requirement = new JsonObject();
            requirement.addProperty("id", entry.getKey());
            requirement.addProperty("status", ConsoleReport.isLabWeakness(entry.getKey())
                    ? ConsoleReport.weaknessStatus(entry.getValue()).toLowerCase(Locale.ROOT).replace(' ', '-')
                    : ConsoleReport.worst(entry.getValue()).jsonName());
            JsonArray cases = new JsonArray();
            entry.getValue().forEach(c -> cases.add(c.id()));
            requirement.add("cases", cases);
            requirements.add(requirement);
        }
        root.add("requirements", requirements);
        JsonArray cases = new JsonArray();
        for (CaseResult result : summary.cases()) {
            JsonObject item = new JsonObject();
            item.addProperty("id", result.id());
            item.addProperty("name", result.name());
            item.addProperty("family", result.family().title());
            item.addProperty("level", result.level().name());
            JsonArray ids = new JsonArray();
            result.requirements().forEach(ids::add);
            item.add("requirements", ids);
            item.addProperty("allowedEndings", result.endings());
            item.addProperty("status", result.verdict().jsonName());
            item.addProperty("durationMillis", result.millis());
            item.addProperty("message", result.message());
            if (!result.blockedBy().isEmpty()) {
                item.addProperty("blockedBy", result.blockedBy());
            }
            if (!result.internal().isEmpty()) {
                item.addProperty("harnessDiagnostics", result.internal());
            }
            item.addProperty("trace", result.trace());
            cases.add(item);
        }
        root.add("cases", cases);
        return root;
    }
}
