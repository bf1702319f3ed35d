package io.secho.conformance.learn;

import static io.secho.conformance.learn.ModelFileChecks.inputFrameTypes;
import static io.secho.conformance.learn.ModelFileChecks.stateNames;
import static io.secho.conformance.learn.ModelFileChecks.strings;
import static io.secho.conformance.learn.ModelFileChecks.transitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.word.Word;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The draft client model of step 12 (spec/secho-v1-client-model.json) against the text of Table 9 (spec Section
 * 5.6, REQ-HS-11), as ServerSpecModelTest holds the server model against Table 8: states, allowed frame types and
 * next states are read from the spec's own table rather than trusted.
 */
final class ClientSpecModelTest {
    private static final String TABLE_CAPTION = "Table 9. Client state machine.";
    private static final String CLOSED = ModelFileChecks.CLOSED;
    private static final String ESTABLISHED = "ESTABLISHED";
    /** Table 9 writes the state after the client's Close as "`ESTABLISHED` (closing)"; the model names it so. */
    private static final String CLOSING_SUFFIX = "(closing)";
    private static final String START_ROW = "(start)";
    private static final String ANY_STATE_ROW = "any state";
    private static final String PLAINTEXT_ALERT_TYPE = "0x04";
    private static final Pattern STATE = Pattern.compile("`([A-Z_]+)`( \\(closing\\))?");
    private static final Pattern FRAME_TYPE = Pattern.compile("`(0x0[0-9A-Fa-f])`");
    /** An allowed frame that still gets unexpected_message: a record at the wrong moment (Section 11.3). */
    private static final Set<String> UNEXPECTED_RECORD_REQS = Set.of("REQ-CLOSE-9", "REQ-CLOSE-10");

    private static String specText;
    private static Table9 table;
    private static JsonObject model;

    /** One state of Table 9: its allowed frame types and every state its events may lead to. */
    private record Row(Set<String> allowed, Set<String> nextStates) {
    }

    /** The rows by state, the state the "(start)" row leads to, and where the "any state" rows lead. */
    private record Table9(Map<String, Row> rows, String start, Set<String> fromAnyState) {
    }

    @BeforeAll
    static void load() throws IOException {
        Path spec = Path.of(System.getProperty("secho.spec.dir", "../spec"));
        specText = Files.readString(spec.resolve("secho-v1.md"));
        table = parseTable9(specText);
        model = JsonParser.parseString(Files.readString(spec.resolve(SpecModel.CLIENT_MODEL_FILE))).getAsJsonObject();
    }

    private static Table9 parseTable9(String text) {
        int start = text.indexOf(TABLE_CAPTION);
        assertTrue(start >= 0, "spec has no '" + TABLE_CAPTION + "'");
        Map<String, Row> rows = new LinkedHashMap<>();
        Set<String> startTargets = new LinkedHashSet<>();
        Set<String> anyState = new LinkedHashSet<>();
        Set<String> current = null;
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
            if (cells.length < 6 || cells[1].contains("---") || cells[1].contains("State")) {
                continue;
            }
            String stateCell = cells[1].strip();
            if (stateCell.equals(START_ROW)) {
                current = startTargets;
            } else if (stateCell.startsWith(ANY_STATE_ROW)) {
                current = anyState;
            } else if (!stateCell.isEmpty()) {
                Matcher name = STATE.matcher(stateCell);
                assertTrue(name.find(), "no state name in " + line);
                Set<String> allowed = new LinkedHashSet<>();
                Matcher type = FRAME_TYPE.matcher(cells[2]);
                while (type.find()) {
                    allowed.add(type.group(1).toLowerCase());
                }
                Row row = new Row(allowed, new LinkedHashSet<>());
                rows.put(name.group(1), row);
                current = row.nextStates();
            }
            assertTrue(current != null, "a continuation row before any state: " + line);
            current.addAll(states(cells[5]));
        }
        assertEquals(1, startTargets.size(), "the (start) row leads to one state");
        return new Table9(rows, startTargets.iterator().next(), anyState);
    }

    private static List<String> states(String cell) {
        List<String> found = new ArrayList<>();
        Matcher next = STATE.matcher(cell);
        while (next.find()) {
            found.add(next.group(1) + (next.group(2) == null ? "" : CLOSING_SUFFIX));
        }
        return found;
    }

    /** The table row a model state follows: ESTABLISHED(closing) is ESTABLISHED with the client's Close sent. */
    private static Row rowOf(String modelState) {
        return table.rows().get(modelState.replace(CLOSING_SUFFIX, ""));
    }

    @Test
    void tableNineParsesToItsStatesAndItsClosingState() {
        assertEquals(List.of("AWAIT_SERVER_HELLO", "AWAIT_SERVER_FINISHED", ESTABLISHED, CLOSED),
                List.copyOf(table.rows().keySet()));
        assertEquals(Set.of("0x03", "0x04"), table.rows().get("AWAIT_SERVER_FINISHED").allowed());
        assertTrue(table.rows().get(ESTABLISHED).nextStates().contains(ESTABLISHED + CLOSING_SUFFIX));
        assertEquals(Set.of(CLOSED), table.fromAnyState());
    }

    @Test
    void statesAreTableNinesAndTheInitialStateIsWhereTheStartRowLeads() {
        Set<String> expected = new LinkedHashSet<>(table.rows().keySet());
        table.rows().values().forEach(row -> expected.addAll(row.nextStates()));
        assertEquals(expected, new LinkedHashSet<>(stateNames(model)));
        assertEquals(table.start(), model.get("initialState").getAsString());
    }

    @Test
    void allowedFrameTypesPerStateAreTableNines() {
        for (JsonElement element : model.getAsJsonArray("states")) {
            JsonObject state = element.getAsJsonObject();
            String name = state.get("name").getAsString();
            Set<String> allowed = new LinkedHashSet<>();
            strings(state.getAsJsonArray("allowedFrameTypes")).forEach(t -> allowed.add(t.toLowerCase()));
            assertEquals(rowOf(name).allowed(), allowed, name);
        }
    }

    @Test
    void everyStateAnswersEveryInputExactlyOnce() {
        ModelFileChecks.assertEveryStateAnswersEveryInputOnce(model);
    }

    /**
     * REQ-FRM-8 and REQ-ALERT-2: a type Table 9 does not allow gets unexpected_message, encrypted only once the
     * server's Finished verified; an allowed record gets it only at the wrong moment (REQ-CLOSE-9, REQ-CLOSE-10).
     */
    @Test
    void disallowedFrameTypesGetUnexpectedMessageAndAlertsAreProtectedByState() {
        Map<String, String> types = inputFrameTypes(model);
        for (JsonObject t : transitions(model)) {
            String source = t.get("source").getAsString();
            String input = t.get("input").getAsString();
            String output = t.get("output").getAsString();
            if (source.equals(CLOSED)) {
                continue;
            }
            String type = types.get(input);
            boolean allowed = rowOf(source).allowed().contains(type) || type.equals(PLAINTEXT_ALERT_TYPE);
            String protection = source.startsWith(ESTABLISHED) ? "encrypted" : "plaintext";
            String unexpected = "Alert(unexpected_message," + protection + ")+FIN";
            String where = source + " / " + input + " -> " + output;
            if (allowed) {
                boolean atTheWrongMoment = strings(t.getAsJsonArray("requirements")).stream()
                        .anyMatch(UNEXPECTED_RECORD_REQS::contains);
                assertEquals(atTheWrongMoment, output.contains("unexpected_message"), where);
            } else {
                assertEquals(unexpected, output, where);
                assertEquals(CLOSED, t.get("target").getAsString(), where);
            }
            if (output.startsWith("Alert(")) {
                assertTrue(output.contains("," + protection + ")"), where);
                assertTrue(output.endsWith("+FIN"), where);
            }
        }
    }

    /** REQ-ALERT-8, REQ-ALERT-9: a received alert the state allows is answered with nothing, then the end. */
    @Test
    void aReceivedAlertIsAnsweredWithNothing() {
        for (JsonObject t : transitions(model)) {
            String source = t.get("source").getAsString();
            String input = t.get("input").getAsString();
            boolean alertAllowed = input.equals("PlaintextAlert")
                    || input.equals("EncryptedAlert") && source.startsWith(ESTABLISHED);
            if (!source.equals(CLOSED) && alertAllowed) {
                assertEquals("FIN", t.get("output").getAsString(), source + " / " + input);
                assertTrue(strings(t.getAsJsonArray("requirements")).contains("REQ-ALERT-9"), source + " / " + input);
            }
        }
    }

    @Test
    void nextStatesAreThoseTableNineNames() {
        Map<String, Set<String>> targets = new HashMap<>();
        for (JsonObject t : transitions(model)) {
            targets.computeIfAbsent(t.get("source").getAsString(), k -> new LinkedHashSet<>())
                    .add(t.get("target").getAsString());
        }
        for (String state : stateNames(model)) {
            // The alert, EOF and failed-check rows of "any state" lead to CLOSED from every state.
            Set<String> allowed = new LinkedHashSet<>(rowOf(state).nextStates());
            allowed.addAll(table.fromAnyState());
            assertTrue(allowed.containsAll(targets.get(state)), state + " -> " + targets.get(state));
        }
        // The handshake states go exactly where the table says, and the model has no shortcut past them.
        for (String handshake : List.of("AWAIT_SERVER_HELLO", "AWAIT_SERVER_FINISHED")) {
            Set<String> expected = new LinkedHashSet<>(table.rows().get(handshake).nextStates());
            expected.addAll(table.fromAnyState());
            assertEquals(expected, targets.get(handshake), handshake);
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
    void everyOutputIsDeclaredAndTheNormalisedOnesAreExplained() {
        ModelFileChecks.assertOutputsDeclared(model);
        JsonObject notes = model.getAsJsonObject("outputNotes");
        for (String normalised : List.of("Close", "Alert(unexpected_message,encrypted)+FIN")) {
            assertTrue(notes.get(normalised).getAsString().contains("Normalised"), normalised);
        }
    }

    /** The jar's copy is this file, and it walks the one-message session of the reference client. */
    @Test
    void theJarCarriesTheClientModelAndItsSessionWalksTableNine() {
        SpecModel client = SpecModel.client();
        assertEquals(inputFrameTypes(model).size(), client.inputs().size());
        CompactMealy<String, String> machine = client.machine();
        Word<String> session = Word.fromSymbols("ServerHello(valid)", "Finished(right)", "Data(valid)", "Close",
                "Data(valid)");
        assertEquals(Word.fromSymbols("Nothing", "Finished+Data", "Close", "FIN", "Closed"),
                machine.computeOutput(session));
        int afterReply = machine.getSuccessor(machine.getInitialState(),
                Word.fromSymbols("ServerHello(valid)", "Finished(right)", "Data(valid)"));
        assertEquals(ESTABLISHED + CLOSING_SUFFIX, client.stateName(afterReply));
        assertEquals(List.of("REQ-CLOSE-9", "REQ-ALERT-2"), client.requirements(afterReply, "Data(valid)"));
    }
}
