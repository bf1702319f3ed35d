package io.secho.conformance.grade;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.secho.conformance.Family;
import io.secho.conformance.report.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a grade run leaves in its output folder besides the NAME/ folders: class.csv, index.html, grade.json (the
 * run's options and every row, which merge reads) and, with --gradescope, NAME/results.json.
 */
final class ClassOutput {
    static final String METADATA = "grade.json";
    static final String FORMAT = "secho-grade/1";
    static final String GRADESCOPE = "results.json";

    /**
     * @param options what must be equal for shards to merge: the harness options, the grader's own options but
     *                --jobs, --shard and --out
     * @param shard   K/N, or 1/1 for a whole class
     */
    record Metadata(JsonObject options, String shard, List<SubmissionResult> results) {
    }

    private ClassOutput() {
    }

    static void write(Path out, Metadata metadata, boolean gradescope) throws IOException {
        List<SubmissionResult> sorted = new ArrayList<>(metadata.results());
        sorted.sort(Comparator.comparing(SubmissionResult::name));
        write(out.resolve(ClassCsv.FILE), ClassCsv.render(sorted));
        write(out.resolve(ClassIndex.FILE), ClassIndex.render(sorted, out, "Secho class grades"));
        if (gradescope) {
            for (SubmissionResult r : sorted) {
                Path folder = out.resolve(r.name());
                Files.createDirectories(folder);
                write(folder.resolve(GRADESCOPE), new GsonBuilder().setPrettyPrinting().create()
                        .toJson(gradescope(r)) + "\n");
            }
        }
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.add("options", metadata.options());
        root.addProperty("shard", metadata.shard());
        JsonArray rows = new JsonArray();
        sorted.forEach(r -> rows.add(r.toJson()));
        root.add("submissions", rows);
        write(out.resolve(METADATA), new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
    }

    /** A shard's grade.json. @throws IllegalArgumentException for a user when it is missing or not one */
    static Metadata read(Path folder) {
        Path file = folder.resolve(METADATA);
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
                throw new IllegalArgumentException(file + " is not the metadata of a grade run (" + FORMAT + ")");
            }
            List<SubmissionResult> results = new ArrayList<>();
            root.getAsJsonArray("submissions").forEach(e -> results.add(SubmissionResult.fromJson(e.getAsJsonObject())));
            return new Metadata(root.getAsJsonObject("options"), root.get("shard").getAsString(), results);
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + " holds no " + METADATA + " (is it the --out of a grade run?)");
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                 | UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + " cannot be read: it is damaged");
        }
    }

    /**
     * Gradescope's autograder results (its "Autograder Specifications"): a test per family, scored by the cases
     * that count (PASS and WARN score, a skipped case does not count), visible to the student.
     */
    static JsonObject gradescope(SubmissionResult r) {
        JsonObject root = new JsonObject();
        JsonArray tests = new JsonArray();
        int score = 0;
        for (Family family : Family.values()) {
            Map<Verdict, Integer> counts = r.families().get(family.prefix());
            if (counts == null) {
                continue;
            }
            int earned = counts.getOrDefault(Verdict.PASS, 0) + counts.getOrDefault(Verdict.WARN, 0);
            int max = counts.values().stream().mapToInt(Integer::intValue).sum() - counts.getOrDefault(Verdict.SKIP, 0);
            if (max == 0) {
                continue;
            }
            JsonObject test = new JsonObject();
            test.addProperty("name", family.prefix() + ": " + family.title());
            test.addProperty("score", earned);
            test.addProperty("max_score", max);
            StringBuilder output = new StringBuilder();
            for (Verdict v : Verdict.values()) {
                int n = counts.getOrDefault(v, 0);
                if (n > 0) {
                    output.append(output.isEmpty() ? "" : ", ").append(n).append(' ').append(v.name());
                }
            }
            test.addProperty("output", output.toString());
            test.addProperty("visibility", "visible");
            tests.add(test);
            score += earned;
        }
        root.addProperty("score", score);
        root.addProperty("output", "Secho conformance: " + r.verdict()
                + (r.failedRequirements().isEmpty() ? "" : "; failed " + String.join(" ", r.failedRequirements()))
                + (r.note().isEmpty() ? "" : "\n" + r.note()));
        root.addProperty("visibility", "visible");
        root.addProperty("stdout_visibility", "visible");
        root.add("tests", tests);
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
