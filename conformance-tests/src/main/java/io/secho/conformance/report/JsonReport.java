package io.secho.conformance.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code secho-conformance.json}: the whole run, for tools. Its form is published as a JSON Schema,
 * {@value #SCHEMA_RESOURCE} in the harness jar, and every report names the version of that form it has.
 */
public final class JsonReport {
    public static final String FILE_NAME = "secho-conformance.json";
    /** The version of the report's form; a change a reader could trip over gets a new number. */
    public static final String FORMAT = "secho-conformance-report/3";
    /** Where the schema of {@link #FORMAT} lives on the harness's class path (and in its jar). */
    public static final String SCHEMA_RESOURCE = "/io/secho/conformance/report/secho-conformance-report.schema.json";

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
        root.addProperty("format", FORMAT);
        root.addProperty("tool", "secho-conformance");
        root.addProperty("protocol", summary.protocol());
        JsonObject target = summary.target().toJson();
        target.add("findings", strings(summary.targetFindings()));
        root.add("target", target);
        summary.seed().ifPresent(seed -> root.addProperty("seed", seed));
        root.addProperty("started", summary.started().toString());
        root.addProperty("durationMillis", summary.millis());
        root.addProperty("complete", summary.incomplete().isEmpty());
        summary.incomplete().ifPresent(why -> root.addProperty("incompleteBecause", why));
        root.add("summary", totals(summary));
        summary.judgement().ifPresent(judgement -> root.add("baseline", baseline(judgement)));
        root.add("requirements", requirements(summary));
        JsonArray cases = new JsonArray();
        summary.cases().forEach(result -> cases.add(caseJson(result, summary)));
        root.add("cases", cases);
        return root;
    }

    private static JsonObject totals(RunSummary summary) {
        JsonObject totals = new JsonObject();
        for (Verdict verdict : Verdict.values()) {
            totals.addProperty(verdict.jsonName(), summary.count(verdict));
        }
        totals.addProperty("mustFailures", summary.mustFailures());
        totals.addProperty("mustBlocked", summary.mustNotShown() - summary.mustFailures());
        totals.addProperty("shouldFailures", summary.shouldFailures());
        totals.addProperty("verdict", ConsoleReport.verdictLine(summary));
        return totals;
    }

    private static JsonObject baseline(Baseline.Judgement judgement) {
        JsonObject baseline = new JsonObject();
        baseline.addProperty("ok", judgement.ok());
        baseline.add("newFailures", strings(judgement.newFailures()));
        baseline.add("nowPassing", strings(judgement.nowPassing()));
        baseline.add("stillFailing", strings(judgement.stillFailing()));
        baseline.add("notRun", strings(judgement.notRun()));
        return baseline;
    }

    private static JsonArray requirements(RunSummary summary) {
        JsonArray requirements = new JsonArray();
        for (Map.Entry<String, List<CaseResult>> entry : ConsoleReport.byRequirement(summary.cases()).entrySet()) {
            JsonObject requirement = new JsonObject();
            requirement.addProperty("id", entry.getKey());
            requirement.addProperty("status", ConsoleReport.isLabWeakness(entry.getKey())
                    ? ConsoleReport.weaknessStatus(entry.getValue()).toLowerCase(Locale.ROOT).replace(' ', '-')
                    : ConsoleReport.worst(entry.getValue()).jsonName());
            requirement.add("cases", strings(entry.getValue().stream().map(CaseResult::id).toList()));
            requirements.add(requirement);
        }
        return requirements;
    }

    private static JsonObject caseJson(CaseResult result, RunSummary summary) {
        JsonObject item = new JsonObject();
        item.addProperty("id", result.id());
        item.addProperty("name", result.name());
        item.addProperty("family", result.family().title());
        item.addProperty("level", result.level().name());
        item.add("requirements", strings(result.requirements()));
        item.addProperty("allowedEndings", result.endings());
        item.addProperty("status", result.verdict().jsonName());
        item.addProperty("durationMillis", result.millis());
        item.addProperty("message", result.message());
        if (result.detail() instanceof VerdictDetail.Mismatch mismatch) {
            item.add("failure", mismatch(mismatch));
        } else if (result.detail() instanceof VerdictDetail.Blocked blocked) {
            item.add("blocked", blocked(blocked));
        }
        summary.baseline().flatMap(known -> known.reason(result.id()))
                .ifPresent(reason -> item.addProperty("expectedFailure", reason));
        if (!result.internal().isEmpty()) {
            item.addProperty("harnessDiagnostics", result.internal());
        }
        if (!result.clientRuns().isEmpty()) {
            item.add("clientRuns", JsonParser.parseString(result.clientRuns()));
        }
        item.addProperty("trace", result.trace());
        return item;
    }

    private static JsonObject mismatch(VerdictDetail.Mismatch mismatch) {
        JsonObject failure = new JsonObject();
        failure.add("requirements", strings(mismatch.requirements()));
        failure.addProperty("expected", mismatch.expected());
        if (!mismatch.sent().isEmpty()) {
            failure.addProperty("sent", mismatch.sent());
        }
        failure.addProperty("received", mismatch.received());
        return failure;
    }

    private static JsonObject blocked(VerdictDetail.Blocked blocked) {
        JsonObject json = new JsonObject();
        json.addProperty("cause", blocked.cause());
        if (!blocked.see().isEmpty()) {
            json.addProperty("see", blocked.see());
        }
        if (!blocked.detail().isEmpty()) {
            json.addProperty("detail", blocked.detail());
        }
        json.addProperty("heading", blocked.heading());
        return json;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }
}
