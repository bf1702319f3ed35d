package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server model (spec/secho-v1-server-model.json) against the text of Table 8 (spec
 * Section 5.6, REQ-HS-10): the learner's verdict is only as good as this model, so its states, allowed frame
 * types and next states are read from the spec's own table rather than trusted.
 */
final class ServerSpecModelTest {
    private static final String TABLE_CAPTION = "Table 8. Server state machine.";
    private static final String CLOSED = "CLOSED";
    private static final String ESTABLISHED = "ESTABLISHED";
    /** A plaintext alert frame is allowed in every state (REQ-FRM-8), also where Table 8 lists no type. */
    private static final String PLAINTEXT_ALERT_TYPE = "0x04";
    private static final Pattern STATE = Pattern.compile("`([A-Z_]+)`");
    private static final Pattern FRAME_TYPE = Pattern.compile("`(0x0[0-9A-Fa-f])`");

    private static String specText;
    private static Map<String, Table8Row> table;
    private static JsonObject model;

    /** One state of Table 8: its allowed frame types and every state its events may lead to. */
    private record Table8Row(Set<String> allowed, Set<String> nextStates) {
    }

    @BeforeAll
    static void load() throws IOException {
        Path spec = Path.of(System.getProperty("secho.spec.dir", "../spec"));
        specText = Files.readString(spec.resolve("secho-v1.md"));
        table = parseTable8(specText);
        model = JsonParser.parseString(Files.readString(spec.resolve("secho-v1-server-model.json"))).getAsJsonObject();
    }

    private static Map<String, Table8Row> parseTable8(String text) {
        int start = text.indexOf(TABLE_CAPTION);
        assertTrue(start >= 0, "spec has no '" + TABLE_CAPTION + "'");
        Map<String, Table8Row> rows = new LinkedHashMap<>();
        String current = null;
        boolean inTable = false;
        for (String line : text.substring(start + TABLE_CAPTION.length()).split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|", -1);
            // cells[0] is the text before the first bar; the five columns follow.
            if (cells.length < 6 || cells[1].isBlank() || cells[1].contains("---") || cells[1].contains("State")) {
                if (current != null && cells.length >= 6) {
                    addNextState(rows.get(current), cells[5]);
                }
                continue;
            }
            Matcher name = STATE.matcher(cells[1]);
            assertTrue(name.find(), "no state name in " + line);
            current = name.group(1);
            Set<String> allowed = new LinkedHashSet<>();
            Matcher type = FRAME_TYPE.matcher(cells[2]);
            while (type.find()) {
                allowed.add(type.group(1).toLowerCase());
            }
            rows.put(current, new Table8Row(allowed, new LinkedHashSet<>()));
            addNextState(rows.get(current), cells[5]);
        }
        return rows;
    }

    private static void addNextState(Table8Row row, String cell) {
        Matcher next = STATE.matcher(cell);
        while (next.find()) {
            row.nextStates().add(next.group(1));
        }
    }

    private static List<String> modelStateNames() {
        return ModelFileChecks.stateNames(model);
    }

    private static Map<String, String> inputFrameTypes() {
        return ModelFileChecks.inputFrameTypes(model);
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> values = new LinkedHashSet<>();
        ModelFileChecks.strings(array).forEach(value -> values.add(value.toLowerCase()));
        return values;
    }

    @Test
    void tableEightParsesToItsFourStates() {
        assertEquals(List.of("AWAIT_CLIENT_HELLO", "AWAIT_CLIENT_FINISHED", ESTABLISHED, CLOSED),
                List.copyOf(table.keySet()));
        assertEquals(Set.of("0x03", "0x04"), table.get("AWAIT_CLIENT_FINISHED").allowed());
    }

    @Test
    void statesAndInitialStateAreTableEights() {
        assertEquals(List.copyOf(table.keySet()), modelStateNames());
        // Table 8's first row is the state "on accept".
        assertEquals(table.keySet().iterator().next(), model.get("initialState").getAsString());
    }

    @Test
    void allowedFrameTypesPerStateAreTableEights() {
        for (JsonElement element : model.getAsJsonArray("states")) {
            JsonObject state = element.getAsJsonObject();
            String name = state.get("name").getAsString();
            assertEquals(table.get(name).allowed(), strings(state.getAsJsonArray("allowedFrameTypes")), name);
        }
    }

    @Test
    void everyStateAnswersEveryInputExactlyOnce() {
        ModelFileChecks.assertEveryStateAnswersEveryInputOnce(model);
    }

    /** REQ-FRM-8 and REQ-ALERT-2: a type Table 8 does not allow gets unexpected_message, encrypted only in ESTABLISHED. */
    @Test
    void disallowedFrameTypesGetUnexpectedMessageAndAllowedOnesDoNot() {
        Map<String, String> types = inputFrameTypes();
        for (JsonElement element : model.getAsJsonArray("transitions")) {
            JsonObject t = element.getAsJsonObject();
            String source = t.get("source").getAsString();
            String input = t.get("input").getAsString();
            String output = t.get("output").getAsString();
            if (source.equals(CLOSED)) {
                continue;
            }
            String type = types.get(input);
            boolean allowed = table.get(source).allowed().contains(type) || type.equals(PLAINTEXT_ALERT_TYPE);
            String protection = source.equals(ESTABLISHED) ? "encrypted" : "plaintext";
            String unexpected = "Alert(unexpected_message," + protection + ")+FIN";
            if (allowed) {
                assertFalse(output.contains("unexpected_message"), source + " / " + input + " -> " + output);
            } else {
                assertEquals(unexpected, output, source + " / " + input);
                assertEquals(CLOSED, t.get("target").getAsString(), source + " / " + input);
            }
            if (output.startsWith("Alert(")) {
                assertTrue(output.contains("," + protection + ")"), source + " / " + input + " -> " + output);
            }
        }
    }

    @Test
    void nextStatesAreThoseTableEightNames() {
        Map<String, Set<String>> targets = new HashMap<>();
        for (JsonElement element : model.getAsJsonArray("transitions")) {
            JsonObject t = element.getAsJsonObject();
            targets.computeIfAbsent(t.get("source").getAsString(), k -> new LinkedHashSet<>())
                    .add(t.get("target").getAsString());
        }
        for (Map.Entry<String, Table8Row> row : table.entrySet()) {
            // The alert, EOF and failed-check events of Section 5.6's preamble lead to CLOSED from every state.
            Set<String> expected = new LinkedHashSet<>(row.getValue().nextStates());
            expected.add(CLOSED);
            assertEquals(expected, targets.get(row.getKey()), row.getKey());
        }
    }

    @Test
    void closedIsASinkThatAnswersNothing() {
        ModelFileChecks.assertClosedIsASilentSink(model);
    }

    @Test
    void everyCitedRequirementExistsInTheSpec() {
        ModelFileChecks.assertCitedRequirementsExist(model, specText);
    }

    @Test
    void everyOutputIsDeclared() {
        ModelFileChecks.assertOutputsDeclared(model);
    }
}
