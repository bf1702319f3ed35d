package io.secho.bench.targets;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureJson;
import io.secho.bench.report.RunInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures of an earlier run that later runs must not fall behind, with where and when they were
 * measured: a ratio against a baseline means something only on the same machine.
 *
 * @param description what was measured, such as "Step 10: thread-per-connection server"
 */
public record Baseline(String description, RunInfo info, List<Figure> figures) {
    private static final int FORMAT = 1;

    public Baseline {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(info, "info");
        figures = List.copyOf(figures);
    }

    public Optional<Figure> find(String section, String name) {
        return Figure.find(figures, section, name);
    }

    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("description", description);
        root.add("run", RunInfoJson.toJson(info));
        root.add("figures", FigureJson.toJson(figures));
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }

    /** @throws IllegalArgumentException if the text is not a baseline {@link #toJson} wrote */
    public static Baseline parse(String json) {
        try {
            JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            if (root.get("format").getAsInt() != FORMAT) {
                throw new IllegalArgumentException("baseline format " + root.get("format") + ", expected " + FORMAT);
            }
            return new Baseline(root.get("description").getAsString(),
                    RunInfoJson.fromJson(root.getAsJsonObject("run")),
                    FigureJson.fromJson(root.getAsJsonArray("figures")));
        } catch (IllegalStateException | NullPointerException | UnsupportedOperationException
                 | com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException("not a baseline file: " + e.getMessage(), e);
        }
    }

    public static Baseline read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }
}
