package io.secho.conformance.learn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.impl.CompactMealy;

/**
 * A Mealy machine as the pictures and the JSON report show it: its reachable states in breadth-first order
 * (the initial state first, inputs in alphabet order, sinks last), and its transitions merged into edges, one per source,
 * target, output and highlighting. One order, always the same for the same machine, so the files written from
 * it are stable and can be checked in and compared.
 *
 * @param states the states' names; an edge refers to a state by its index here
 * @param edges the merged transitions, by source and then by their first input's place in the alphabet
 * @param alphabet the inputs, in alphabet order
 */
public record ModelGraph(List<String> states, List<Edge> edges, List<String> alphabet) {
    /** The state every run starts in: breadth-first order puts it first. */
    public static final int INITIAL = 0;

    /**
     * The transitions from one state to another with the same output.
     *
     * @param inputs in alphabet order
     * @param differs whether these transitions differ from the spec model's (highlighted)
     */
    public record Edge(int source, int target, List<String> inputs, String output, boolean differs) {
        public Edge {
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(output, "output");
        }
    }

    public ModelGraph {
        states = List.copyOf(states);
        edges = List.copyOf(edges);
        alphabet = List.copyOf(alphabet);
    }

    /** The spec model's reachable states and transitions, nothing highlighted. */
    public static ModelGraph of(SpecModel spec) {
        return of(spec.machine(), spec.inputs(), spec::stateName, (state, input) -> false);
    }

    /**
     * @param name the name of each state of {@code machine}
     * @param differs which transitions (state of {@code machine}, input) to highlight
     */
    public static ModelGraph of(CompactMealy<String, String> machine, Alphabet<String> inputs, IntFunction<String> name,
            BiPredicate<Integer, String> differs) {
        List<Integer> order = new ArrayList<>();
        Deque<Integer> queue = new ArrayDeque<>();
        order.add(machine.getInitialState());
        queue.add(machine.getInitialState());
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (String input : inputs) {
                if (machine.getTransition(state, input) != null
                        && !order.contains(machine.getSuccessor(state, input))) {
                    order.add(machine.getSuccessor(state, input));
                    queue.add(machine.getSuccessor(state, input));
                }
            }
        }
        // Sinks last (CLOSED after ESTABLISHED): a run reads top to bottom, and it ends in a sink.
        List<Integer> sinks = new ArrayList<>();
        for (int state : order) {
            if (state != machine.getInitialState() && inputs.stream().allMatch(input ->
                    machine.getTransition(state, input) == null || machine.getSuccessor(state, input) == state)) {
                sinks.add(state);
            }
        }
        order.removeAll(sinks);
        order.addAll(sinks);

        record Key(int target, String output, boolean differs) {
        }
        List<Edge> edges = new ArrayList<>();
        for (int state : order) {
            Map<Key, List<String>> merged = new LinkedHashMap<>();
            for (String input : inputs) {
                if (machine.getTransition(state, input) != null) {
                    merged.computeIfAbsent(new Key(order.indexOf(machine.getSuccessor(state, input)),
                            machine.getOutput(state, input), differs.test(state, input)), k -> new ArrayList<>())
                            .add(input);
                }
            }
            merged.forEach((key, in) -> edges.add(new Edge(order.indexOf(state), key.target(), in, key.output(),
                    key.differs())));
        }
        List<String> names = new ArrayList<>();
        order.forEach(state -> names.add(name.apply(state)));
        return new ModelGraph(names, edges, new ArrayList<>(inputs));
    }

    /** A state every input leaves in place, like CLOSED: drawn apart, since nothing happens there any more. */
    public boolean isSink(int state) {
        return edges.stream().filter(e -> e.source() == state).allMatch(e -> e.target() == state);
    }

    /** Whether any transition is highlighted. */
    public boolean hasDifferences() {
        return edges.stream().anyMatch(Edge::differs);
    }

    /**
     * An edge's inputs, short enough for a picture and still exact: "any input" when it has them all, and
     * inputs that differ only in their parameter written once, as ClientHello(x25519|modp2048|psk).
     */
    public String inputsLabel(Edge edge) {
        return String.join(", ", inputLabels(edge));
    }

    /** {@link #inputsLabel} in pieces, for pictures that break it into lines. */
    List<String> inputLabels(Edge edge) {
        if (edge.inputs().size() == alphabet.size() && alphabet.size() > 1) {
            return List.of("any input");
        }
        return compressed(edge.inputs());
    }

    /** The inputs with those that share a name before the parenthesis merged, in their first one's place. */
    static List<String> compressed(List<String> inputs) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String input : inputs) {
            int open = input.indexOf('(');
            boolean parameterised = open > 0 && input.endsWith(")");
            String name = parameterised ? input.substring(0, open) : input;
            String parameter = parameterised ? input.substring(open + 1, input.length() - 1) : null;
            // An unparameterised input keeps its own entry even when a parameterised one shares its name.
            byName.computeIfAbsent(parameterised ? name + "(" : name, k -> new ArrayList<>()).add(parameter);
        }
        List<String> out = new ArrayList<>();
        byName.forEach((key, parameters) -> out.add(key.endsWith("(")
                ? key + String.join("|", parameters) + ")" : key));
        return out;
    }
}
