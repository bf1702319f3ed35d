package io.secho.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Figures to and from JSON, the form of both the run's results file and a baseline file. */
public final class FigureJson {
    private FigureJson() {
    }

    public static JsonArray toJson(List<Figure> figures) {
        JsonArray array = new JsonArray();
        for (Figure figure : figures) {
            JsonObject item = new JsonObject();
            item.addProperty("section", figure.section());
            item.addProperty("name", figure.name());
            item.addProperty("unit", figure.unit().name());
            item.addProperty("secho", figure.secho());
            figure.tls().ifPresent(tls -> item.addProperty("tls", tls));
            item.addProperty("note", figure.note());
            array.add(item);
        }
        return array;
    }

    /** @throws IllegalArgumentException if an element is not a figure {@link #toJson} wrote */
    public static List<Figure> fromJson(JsonArray array) {
        List<Figure> figures = new ArrayList<>();
        for (JsonElement element : array) {
            try {
                JsonObject item = element.getAsJsonObject();
                OptionalDouble tls = item.has("tls") ? OptionalDouble.of(item.get("tls").getAsDouble())
                        : OptionalDouble.empty();
                figures.add(new Figure(item.get("section").getAsString(), item.get("name").getAsString(),
                        item.get("secho").getAsDouble(), tls, Unit.valueOf(item.get("unit").getAsString()),
                        item.has("note") ? item.get("note").getAsString() : ""));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a figure: " + element + " (" + e.getMessage() + ")", e);
            }
        }
        return figures;
    }
}
