package io.secho.conformance.peer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A vector file of vectors/ (packed into the harness's classpath), as (group, test) pairs. */
record VectorFile(String name, List<Vector> vectors) {
    record Vector(JsonObject group, JsonObject test) {
        String type() {
            return group.get("type").getAsString();
        }

        String string(String field) {
            return (test.has(field) ? test : group).get(field).getAsString();
        }

        byte[] hex(String field) {
            return Hex.decode(string(field));
        }

        boolean has(String field) {
            return test.has(field) || group.has(field);
        }

        boolean valid() {
            return "valid".equals(test.get("result").getAsString());
        }

        boolean flagged(String flag) {
            for (JsonElement element : test.getAsJsonArray("flags")) {
                if (element.getAsString().equals(flag)) {
                    return true;
                }
            }
            return false;
        }

        AlertCode alert() {
            return AlertCode.fromWireName(string("alert")).orElseThrow();
        }

        Suite suite() {
            return Suite.fromWireName(string("suite")).orElseThrow();
        }

        JsonArray array(String field) {
            return (test.has(field) ? test : group).getAsJsonArray(field);
        }

        @Override
        public String toString() {
            return "tcId " + test.get("tcId").getAsString() + " (" + test.get("comment").getAsString() + ")";
        }
    }

    static VectorFile load(String name) {
        try (InputStream in = VectorFile.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/vectors/" + name + " is not on the classpath");
            }
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            List<Vector> vectors = new ArrayList<>();
            for (JsonElement group : root.getAsJsonArray("testGroups")) {
                for (JsonElement test : group.getAsJsonObject().getAsJsonArray("tests")) {
                    vectors.add(new Vector(group.getAsJsonObject(), test.getAsJsonObject()));
                }
            }
            if (vectors.size() != root.get("numberOfTests").getAsInt()) {
                throw new IllegalStateException(name + ": numberOfTests does not match the tests");
            }
            return new VectorFile(name, vectors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Vector> ofType(String type) {
        return vectors.stream().filter(v -> v.type().equals(type)).toList();
    }
}
