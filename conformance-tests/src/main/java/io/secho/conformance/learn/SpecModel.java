package io.secho.conformance.learn;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.alphabet.impl.Alphabets;
import net.automatalib.automaton.transducer.impl.CompactMealy;

/**
 * The spec's state machine (REQ-HS-10, Table 8; REQ-HS-11, Table 9) as an AutomataLib Mealy machine over
 * abstract input and output names, read from the JSON model under spec/. The JSON, not this class, is what a
 * reader checks against the spec; this class only builds the automaton and insists it is complete and
 * deterministic, because an incomplete model would make every comparison with a learned machine meaningless.
 */
public final class SpecModel {
    /** Where the build puts the spec's models in the harness jar (see conformance-tests/pom.xml). */
    private static final String RESOURCE_DIR = "/io/secho/conformance/spec/";
    public static final String SERVER_MODEL_FILE = "secho-v1-server-model.json";
    public static final String CLIENT_MODEL_FILE = "secho-v1-client-model.json";

    private final Alphabet<String> inputs;
    private final CompactMealy<String, String> machine;
    private final Map<Integer, String> stateNames;
    private final Map<Integer, Map<String, List<String>>> requirements;
    private final Map<String, String> concrete;

    private SpecModel(Alphabet<String> inputs, CompactMealy<String, String> machine, Map<Integer, String> stateNames,
            Map<Integer, Map<String, List<String>>> requirements, Map<String, String> concrete) {
        this.inputs = inputs;
        this.machine = machine;
        this.stateNames = Map.copyOf(stateNames);
        this.requirements = Map.copyOf(requirements);
        this.concrete = Map.copyOf(concrete);
    }

    /**
     * The models in the harness jar, parsed once on first use: every mapper, learned case and comparison asks for
     * them, and a model never changes (its machine is handed out as a copy).
     */
    private static final class Shipped {
        static final SpecModel SERVER = fromResource(SERVER_MODEL_FILE);
        static final SpecModel CLIENT = fromResource(CLIENT_MODEL_FILE);
    }

    /** The server model shipped in the harness jar. */
    public static SpecModel server() {
        return Shipped.SERVER;
    }

    /** The client model shipped in the harness jar. */
    public static SpecModel client() {
        return Shipped.CLIENT;
    }

    private static SpecModel fromResource(String file) {
        try (InputStream in = SpecModel.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("the harness jar lacks the spec model " + file);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SpecModel parse(String json) {
        JsonObject model = JsonParser.parseString(json).getAsJsonObject();
        List<String> inputNames = new ArrayList<>();
        Map<String, String> concrete = new HashMap<>();
        for (JsonElement element : model.getAsJsonArray("inputs")) {
            JsonObject input = element.getAsJsonObject();
            String name = input.get("name").getAsString();
            inputNames.add(name);
            if (input.has("concrete")) {
                concrete.put(name, input.get("concrete").getAsString());
            }
        }
        Alphabet<String> inputs = Alphabets.fromList(inputNames);
        CompactMealy<String, String> machine = new CompactMealy<>(inputs);
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, Map<String, List<String>>> requirements = new HashMap<>();
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
            List<String> ids2 = new ArrayList<>();
            if (t.has("requirements")) {
                t.getAsJsonArray("requirements").forEach(r -> ids2.add(r.getAsString()));
            }
            requirements.computeIfAbsent(source, s -> new HashMap<>()).put(input, List.copyOf(ids2));
        }
        for (int state : machine.getStates()) {
            for (String input : inputs) {
                if (machine.getTransition(state, input) == null) {
                    throw new IllegalArgumentException("no transition for " + names.get(state) + " / " + input);
                }
            }
        }
        requirements.replaceAll((state, byInput) -> Map.copyOf(byInput));
        return new SpecModel(inputs, machine, names, requirements, concrete);
    }

    private static int require(Map<String, Integer> ids, String name) {
        Integer id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("undeclared state " + name);
        }
        return id;
    }

    /**
     * This model over a subset of its inputs, as when learn runs one suite: the other ClientHello inputs are
     * left out of the alphabet. States no input of the subset reaches stay in, unreachable; comparisons only
     * look at reachable states.
     */
    public SpecModel restrictedTo(Collection<String> subset) {
        List<String> kept = new ArrayList<>();
        for (String input : inputs) {
            if (subset.contains(input)) {
                kept.add(input);
            }
        }
        for (String input : subset) {
            if (!inputs.containsSymbol(input)) {
                throw new IllegalArgumentException("the model has no input " + input);
            }
        }
        Alphabet<String> sub = Alphabets.fromList(kept);
        CompactMealy<String, String> restricted = new CompactMealy<>(sub);
        for (int state : machine.getStates()) {
            int copy = machine.getInitialState().equals(state) ? restricted.addInitialState() : restricted.addState();
            if (copy != state) {
                throw new IllegalStateException("state numbering is not preserved");
            }
        }
        for (int state : machine.getStates()) {
            for (String input : sub) {
                restricted.addTransition(state, input, machine.getSuccessor(state, input),
                        machine.getOutput(state, input));
            }
        }
        return new SpecModel(sub, restricted, stateNames, requirements, concrete);
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

    /** Every state's name, indexed by state (unreachable ones of a restricted model included). */
    public List<String> stateNames() {
        List<String> names = new ArrayList<>();
        for (int state = 0; state < machine.size(); state++) {
            names.add(stateNames.get(state));
        }
        return List.copyOf(names);
    }

    /**
     * What the mapper sends for an abstract input, as the model describes it for a person (the verdict shows
     * it beside each step); the input's own name when the model gives no description.
     */
    public String concrete(String input) {
        return concrete.getOrDefault(input, input);
    }

    /** The requirement IDs the spec model cites for this transition (empty when it cites none). */
    public List<String> requirements(int state, String input) {
        return requirements.getOrDefault(state, Map.of()).getOrDefault(input, List.of());
    }
}
