package io.secho.conformance.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        JsonObject totals = new JsonObject();
        totals.addProperty("passed", summary.count(CaseResult.Status.PASSED));
        totals.addProperty("failed", summary.count(CaseResult.Status.FAILED));
        totals.addProperty("skipped", summary.count(CaseResult.Status.SKIPPED));
        totals.addProperty("mustFailures", summary.mustFailures());
        totals.addProperty("shouldFailures", summary.shouldFailures());
        root.add("summary", totals);
        JsonArray requirements = new JsonArray();
        for (Map.Entry<String, List<CaseResult>> entry : ConsoleReport.byRequirement(summary.cases()).entrySet()) {
            JsonObject requirement = new JsonObject();
            requirement.addProperty("id", entry.getKey());
            boolean failed = entry.getValue().stream().anyMatch(c -> c.status() == CaseResult.Status.FAILED);
            boolean allSkipped = entry.getValue().stream().allMatch(c -> c.status() == CaseResult.Status.SKIPPED);
            boolean weakness = ConsoleReport.isLabWeakness(entry.getKey());
            requirement.addProperty("status", failed ? (weakness ? "found" : "failed") : allSkipped ? "skipped"
                    : weakness ? "absent" : "passed");
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
            item.addProperty("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
            item.addProperty("durationMillis", result.millis());
            item.addProperty("message", result.message());
            item.addProperty("trace", result.trace());
            cases.add(item);
        }
        root.add("cases", cases);
        return root;
    }
}
