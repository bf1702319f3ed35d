package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every spec model file (spec/secho-v1-*-model.json) must be, whichever table it models: complete, with
 * CLOSED a silent sink, citing only requirements the spec defines and producing only declared outputs. The
 * server's and the client's model tests add their own table's checks.
 */
final class ModelFileChecks {
    static final String CLOSED = "CLOSED";
    private static final Pattern DEFINED_REQ = Pattern.compile("\\*\\*(REQ-[A-Z]+-\\d+)\\*\\*");
    private static final Pattern REQ_ID = Pattern.compile("REQ-[A-Z]+-\\d+");

    private ModelFileChecks() {
    }

    static List<String> stateNames(JsonObject model) {
        List<String> names = new ArrayList<>();
        for (JsonElement state : model.getAsJsonArray("states")) {
            names.add(state.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    /** Each input's name and the frame type it sends, in lower case. */
    static Map<String, String> inputFrameTypes(JsonObject model) {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonElement input : model.getAsJsonArray("inputs")) {
            JsonObject object = input.getAsJsonObject();
            types.put(object.get("name").getAsString(), object.get("frameType").getAsString().toLowerCase());
        }
        return types;
    }

    static List<JsonObject> transitions(JsonObject model) {
        List<JsonObject> all = new ArrayList<>();
        model.getAsJsonArray("transitions").forEach(t -> all.add(t.getAsJsonObject()));
        return all;
    }

    static Set<String> strings(JsonArray array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.getAsString()));
        return values;
    }

    static void assertEveryStateAnswersEveryInputOnce(JsonObject model) {
        Map<String, Integer> seen = new HashMap<>();
        for (JsonObject t : transitions(model)) {
            seen.merge(t.get("source").getAsString() + " / " + t.get("input").getAsString(), 1, Integer::sum);
        }
        for (String state : stateNames(model)) {
            for (String input : inputFrameTypes(model).keySet()) {
                assertEquals(1, seen.getOrDefault(state + " / " + input, 0), state + " / " + input);
            }
        }
        assertEquals(stateNames(model).size() * inputFrameTypes(model).size(), seen.size());
    }

    static void assertClosedIsASilentSink(JsonObject model) {
        for (JsonObject t : transitions(model)) {
            if (t.get("source").getAsString().equals(CLOSED)) {
                assertEquals(CLOSED, t.get("target").getAsString());
                assertEquals("Closed", t.get("output").getAsString());
            }
        }
    }

    static void assertCitedRequirementsExist(JsonObject model, String specText) {
        Set<String> defined = new LinkedHashSet<>();
        Matcher id = DEFINED_REQ.matcher(specText);
        while (id.find()) {
            defined.add(id.group(1));
        }
        for (JsonObject t : transitions(model)) {
            JsonArray requirements = t.getAsJsonArray("requirements");
            assertFalse(requirements.isEmpty(), t.toString());
            for (JsonElement req : requirements) {
                String value = req.getAsString();
                assertTrue(REQ_ID.matcher(value).matches() && defined.contains(value), value);
            }
        }
    }

    static void assertOutputsDeclared(JsonObject model) {
        Set<String> declared = strings(model.getAsJsonArray("outputs"));
        for (JsonObject t : transitions(model)) {
            assertTrue(declared.contains(t.get("output").getAsString()), t.get("output").getAsString());
        }
    }
}
