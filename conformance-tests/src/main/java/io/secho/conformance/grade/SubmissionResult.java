package io.secho.conformance.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.secho.conformance.report.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One submission's grade: what class.csv, index.html and results.json show, and what grade.json keeps so that
 * {@code merge} can write them again from shards without reading the reports.
 *
 * @param verdict       PASS, FAIL or ERROR
 * @param counts        cases per status
 * @param families      per family prefix (HS, TAG, ...), cases per status
 * @param requirements  per requirement ID its status as the JSON report gives it (pass, fail, found, ...)
 * @param report        the submission's report to link to, relative to the output folder; empty when none
 * @param note          why the verdict is ERROR, or empty
 * @param harnessFailed grading itself failed (not the submission): grade's exit status is then 4
 */
record SubmissionResult(String name, String verdict, Map<Verdict, Integer> counts,
                        Map<String, Map<Verdict, Integer>> families, Map<String, String> requirements,
                        List<String> suitesOffered, double durationSeconds, String report, String note,
                        boolean harnessFailed) {
    static final String PASS = "PASS";
    static final String FAIL = "FAIL";
    static final String ERROR = "ERROR";

    /** REQ-ECHO-8 before REQ-ECHO-10: IDs in the spec's order, the numbers compared as numbers. */
    static final java.util.Comparator<String> ID_ORDER = (a, b) -> {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    static SubmissionResult error(String name, double seconds, String report, String note, boolean harnessFailed) {
        return new SubmissionResult(name, ERROR, emptyCounts(), Map.of(), Map.of(), List.of(), seconds, report, note,
                harnessFailed);
    }

    static Map<Verdict, Integer> emptyCounts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        return counts;
    }

    /** Requirement IDs (REQ-..., LAB-...) this submission failed, sorted. */
    List<String> failedRequirements() {
        return requirements.entrySet().stream().filter(e -> e.getValue().equals(Verdict.FAIL.jsonName()))
                .map(Map.Entry::getKey).sorted(ID_ORDER).toList();
    }

    /** Lab weaknesses (LAB-W...) the probes found, sorted. */
    List<String> labWeaknesses() {
        return requirements.entrySet().stream().filter(e -> e.getKey().startsWith("LAB-W")
                && e.getValue().equals("found")).map(Map.Entry::getKey).sorted(ID_ORDER).toList();
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("verdict", verdict);
        json.add("counts", counts(counts));
        JsonObject families = new JsonObject();
        this.families.forEach((family, c) -> families.add(family, counts(c)));
        json.add("families", families);
        JsonObject requirements = new JsonObject();
        this.requirements.forEach(requirements::addProperty);
        json.add("requirements", requirements);
        JsonArray suites = new JsonArray();
        suitesOffered.forEach(suites::add);
        json.add("suitesOffered", suites);
        json.addProperty("durationSeconds", durationSeconds);
        json.addProperty("report", report);
        json.addProperty("note", note);
        json.addProperty("harnessFailed", harnessFailed);
        return json;
    }

    static SubmissionResult fromJson(JsonObject json) {
        Map<String, Map<Verdict, Integer>> families = new LinkedHashMap<>();
        json.getAsJsonObject("families").entrySet().forEach(e -> families.put(e.getKey(),
                counts(e.getValue().getAsJsonObject())));
        Map<String, String> requirements = new LinkedHashMap<>();
        json.getAsJsonObject("requirements").entrySet().forEach(e -> requirements.put(e.getKey(),
                e.getValue().getAsString()));
        List<String> suites = new ArrayList<>();
        json.getAsJsonArray("suitesOffered").forEach(e -> suites.add(e.getAsString()));
        return new SubmissionResult(json.get("name").getAsString(), json.get("verdict").getAsString(),
                counts(json.getAsJsonObject("counts")), families, requirements, suites,
                json.get("durationSeconds").getAsDouble(), json.get("report").getAsString(),
                json.get("note").getAsString(), json.get("harnessFailed").getAsBoolean());
    }

    private static JsonObject counts(Map<Verdict, Integer> counts) {
        JsonObject json = new JsonObject();
        counts.forEach((verdict, n) -> json.addProperty(verdict.jsonName(), n));
        return json;
    }

    private static Map<Verdict, Integer> counts(JsonObject json) {
        Map<Verdict, Integer> counts = emptyCounts();
        for (Verdict v : Verdict.values()) {
            JsonElement n = json.get(v.jsonName());
            if (n != null) {
                counts.put(v, n.getAsInt());
            }
        }
        return counts;
    }
}
