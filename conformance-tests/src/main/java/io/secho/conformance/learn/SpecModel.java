package io.secho.conformance.learn;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.alphabet.impl.Alphabets;
import net.automatalib.automaton.transducer.impl.CompactMealy;

/**
 * The spec's state machine (REQ-HS-10, Table 8) as an AutomataLib Mealy machine over abstract input and output
 * names, read from the JSON model under spec/. The JSON, not this class, is what a reader checks against the
 * spec; this class only builds the automaton and insists it is complete and deterministic, because an
 * incomplete model would make every comparison with a learned machine meaningless.
 */
public final class SpecModel {
    private final Alphabet<String> inputs;
    private final CompactMealy<String, String> machine;
    private final Map<Integer, String> stateNames;

    private SpecModel(Alphabet<String> inputs, CompactMealy<String, String> machine, Map<Integer, String> stateNames) {
        this.inputs = inputs;
        this.machine = machine;
        this.stateNames = Map.copyOf(stateNames);
    }

    public static SpecModel parse(String json) {
        JsonObject model = JsonParser.parseString(json).getAsJsonObject();
        List<String> inputNames = new ArrayList<>();
        for (JsonElement input : model.getAsJsonArray("inputs")) {
            inputNames.add(input.getAsJsonObject().get("name").getAsString());
        }
        Alphabet<String> inputs = Alphabets.fromList(inputNames);
        CompactMealy<String, String> machine = new CompactMealy<>(inputs);
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        String initial = model.get("initialState").getAsString();
        for (JsonElement state : model.getAsJsonArray("states")) {
            String name = state.getAsJsonObject().get("name").getAsString();
            int id = name.equals(initial) ? machine.addInitialState() : machine.addState();
            ids.put(name, id);
            names.put(id, name);
        }
        for (JsonElement element : model.getAsJsonArray("transitions")) {
            JsonObject t = element.getAsJsonObject();
            int source = require(ids, t.get("source").getAsString());
            int target = require(ids, t.get("target").getAsString());
            String input = t.get("input").getAsString();
            if (!inputs.containsSymbol(input)) {
                throw new IllegalArgumentException("undeclared input " + input);
            }
            if (machine.getTransition(source, input) != null) {
                throw new IllegalArgumentException("two transitions for " + names.get(source) + " / " + input);
            }
            machine.addTransition(source, input, target, t.get("output").getAsString());
        }
        for (int state : machine.getStates()) {
            for (String input : inputs) {
                if (machine.getTransition(state, input) == null) {
                    throw new IllegalArgumentException("no transition for " + names.get(state) + " / " + input);
                }
            }
        }
        return new SpecModel(inputs, machine, names);
    }

    private static int require(Map<String, Integer> ids, String name) {
        Integer id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("undeclared state " + name);
        }
        return id;
    }

    public Alphabet<String> inputs() {
        return inputs;
    }

    /** A copy: callers (tests that build a broken variant) may change it without changing this model. */
    public CompactMealy<String, String> machine() {
        return new CompactMealy<>(machine);
    }

    public String stateName(int state) {
        return stateNames.get(state);
    }
}
