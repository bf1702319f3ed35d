package io.secho.conformance.learn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.automaton.transducer.MealyMachine;
import net.automatalib.automaton.transducer.impl.CompactMealy;

/**
 * A learned Mealy machine held against the spec model (REQ-HS-10 for servers, REQ-HS-11 for clients): a
 * breadth-first walk over the product of the two machines from their initial states. The walk follows only
 * transitions on which both give the same output, so every differing transition it finds is reached by a
 * shortest word along which the two agreed until its last input; whatever follows a first difference is that
 * difference's consequence and is not reported again. The machines are equivalent exactly when the walk finds
 * no differing transition.
 */
public final class ModelComparison {
    /** The spec's requirement that a server follows Table 8's state machine. */
    public static final String SERVER_MACHINE_REQUIREMENT = "REQ-HS-10";
    /** The spec's requirement that a client follows Table 9's state machine. */
    public static final String CLIENT_MACHINE_REQUIREMENT = "REQ-HS-11";
    /** What a partial learned machine "answers" where it has no transition. */
    static final String UNDEFINED = "(undefined)";

    /** One transition of the learned machine: a state (as numbered by {@link #learned()}) and an input. */
    public record Transition(int state, String input) {
        public Transition {
            Objects.requireNonNull(input, "input");
        }
    }

    private final SpecModel spec;
    private final CompactMealy<String, String> learned;
    private final List<String> learnedStateNames;
    private final List<Difference> differences;
    private final Set<Transition> differing;

    private ModelComparison(SpecModel spec, CompactMealy<String, String> learned, List<String> learnedStateNames,
            List<Difference> differences, Set<Transition> differing) {
        this.spec = spec;
        this.learned = learned;
        this.learnedStateNames = List.copyOf(learnedStateNames);
        this.differences = List.copyOf(differences);
        this.differing = Collections.unmodifiableSet(new LinkedHashSet<>(differing));
    }

    /**
     * Compares a learned machine with the spec model over the model's inputs.
     *
     * @param learned the learned machine; it must be defined over (at least) {@code spec.inputs()}
     * @param machineRequirement the ID cited with every difference besides the transition's own IDs, e.g.
     *     {@link #SERVER_MACHINE_REQUIREMENT}
     */
    public static ModelComparison compare(MealyMachine<?, String, ?, String> learned, SpecModel spec,
            String machineRequirement) {
        Objects.requireNonNull(machineRequirement, "machineRequirement");
        CompactMealy<String, String> mine = reachableCopy(learned, spec.inputs());
        CompactMealy<String, String> model = spec.machine();
        Alphabet<String> inputs = spec.inputs();

        record Pair(int learned, int spec) {
        }
        record Found(Pair pair, String input, List<String> word) {
        }
        Map<Pair, List<String>> access = new LinkedHashMap<>();
        Deque<Pair> queue = new ArrayDeque<>();
        Pair start = new Pair(mine.getInitialState(), model.getInitialState());
        access.put(start, List.of());
        queue.add(start);
        List<Found> found = new ArrayList<>();
        while (!queue.isEmpty()) {
            Pair pair = queue.poll();
            for (String input : inputs) {
                String expected = model.getOutput(pair.spec(), input);
                String actual = outputOrUndefined(mine, pair.learned(), input);
                List<String> word = append(access.get(pair), input);
                if (!expected.equals(actual)) {
                    found.add(new Found(pair, input, word));
                    continue;
                }
                Pair next = new Pair(mine.getSuccessor(pair.learned(), input), model.getSuccessor(pair.spec(), input));
                if (!access.containsKey(next)) {
                    access.put(next, word);
                    queue.add(next);
                }
            }
        }

        // Found is in breadth-first order, so each group's first member has a shortest word.
        record Key(int specState, String expected, String actual) {
        }
        Map<Key, List<Found>> groups = new LinkedHashMap<>();
        Set<Transition> differing = new LinkedHashSet<>();
        for (Found f : found) {
            String expected = model.getOutput(f.pair().spec(), f.input());
            String actual = outputOrUndefined(mine, f.pair().learned(), f.input());
            groups.computeIfAbsent(new Key(f.pair().spec(), expected, actual), k -> new ArrayList<>()).add(f);
            differing.add(new Transition(f.pair().learned(), f.input()));
        }
        List<Difference> differences = new ArrayList<>();
        for (Map.Entry<Key, List<Found>> group : groups.entrySet()) {
            Key key = group.getKey();
            Set<String> groupInputs = new TreeSet<>(Comparator.comparingInt(inputs::getSymbolIndex));
            Set<String> requirements = new LinkedHashSet<>();
            for (Found f : group.getValue()) {
                groupInputs.add(f.input());
                requirements.addAll(spec.requirements(key.specState(), f.input()));
            }
            requirements.add(machineRequirement);
            List<String> word = group.getValue().get(0).word();
            differences.add(new Difference(spec.stateName(key.specState()), List.copyOf(groupInputs), key.expected(),
                    key.actual(), word, outputs(model, word), outputs(mine, word), List.copyOf(requirements),
                    group.getValue().size()));
        }

        Map<Integer, Set<Integer>> pairedWith = new HashMap<>();
        access.keySet().forEach(p -> pairedWith.computeIfAbsent(p.learned(), k -> new HashSet<>()).add(p.spec()));
        return new ModelComparison(spec, mine, names(mine.size(), pairedWith, spec), differences, differing);
    }

    /**
     * Learned states named after the one spec state they pair with in the walk, so a reader sees which state of
     * Table 8 or 9 each is; a second learned state paired with the same spec state (an implementation with
     * duplicate states) gets a numbered name, and a state paired with none or several gets q0, q1, ...
     */
    private static List<String> names(int size, Map<Integer, Set<Integer>> pairedWith, SpecModel spec) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        for (int state = 0; state < size; state++) {
            Set<Integer> partners = pairedWith.getOrDefault(state, Set.of());
            if (partners.size() == 1) {
                String name = spec.stateName(partners.iterator().next());
                int seen = used.merge(name, 1, Integer::sum);
                names.add(seen == 1 ? name : name + "_" + seen);
            } else {
                names.add("q" + state);
            }
        }
        return names;
    }

    /**
     * The learned machine's reachable part with its states numbered in breadth-first order (inputs in alphabet
     * order), whatever numbering the learner used: the same machine always gets the same names and pictures.
     */
    private static <S, T> CompactMealy<String, String> reachableCopy(MealyMachine<S, String, T, String> machine,
            Alphabet<String> inputs) {
        CompactMealy<String, String> copy = new CompactMealy<>(inputs);
        Map<S, Integer> ids = new HashMap<>();
        Deque<S> queue = new ArrayDeque<>();
        S initial = machine.getInitialState();
        if (initial == null) {
            throw new IllegalArgumentException("the learned machine has no initial state");
        }
        ids.put(initial, copy.addInitialState());
        queue.add(initial);
        while (!queue.isEmpty()) {
            S state = queue.poll();
            for (String input : inputs) {
                T transition = machine.getTransition(state, input);
                if (transition == null) {
                    continue;
                }
                S successor = machine.getSuccessor(transition);
                Integer target = ids.get(successor);
                if (target == null) {
                    target = copy.addState();
                    ids.put(successor, target);
                    queue.add(successor);
                }
                copy.addTransition(ids.get(state), input, target, machine.getTransitionOutput(transition));
            }
        }
        return copy;
    }

    private static String outputOrUndefined(CompactMealy<String, String> machine, int state, String input) {
        return machine.getTransition(state, input) == null ? UNDEFINED : machine.getOutput(state, input);
    }

    private static List<String> outputs(CompactMealy<String, String> machine, List<String> word) {
        List<String> outputs = new ArrayList<>();
        Integer state = machine.getInitialState();
        for (String input : word) {
            if (state == null || machine.getTransition(state, input) == null) {
                outputs.add(UNDEFINED);
                state = null;
            } else {
                outputs.add(machine.getOutput(state, input));
                state = machine.getSuccessor(state, input);
            }
        }
        return outputs;
    }

    private static List<String> append(List<String> word, String input) {
        List<String> longer = new ArrayList<>(word);
        longer.add(input);
        return List.copyOf(longer);
    }

    public boolean equivalent() {
        return differences.isEmpty();
    }

    /** The differences, the one with the shortest word first. */
    public List<Difference> differences() {
        return differences;
    }

    /** The learned machine's reachable part, states numbered in breadth-first order from 0 (the initial state). */
    public CompactMealy<String, String> learned() {
        return new CompactMealy<>(learned);
    }

    /** The learned states' names, indexed as in {@link #learned()}. */
    public List<String> learnedStateNames() {
        return learnedStateNames;
    }

    /** Every differing transition of the learned machine (what the pictures highlight). */
    public Set<Transition> differingTransitions() {
        return differing;
    }

    public SpecModel spec() {
        return spec;
    }

    /** The learned machine as drawn, its differing transitions marked. */
    public ModelGraph learnedGraph() {
        return ModelGraph.of(learned, spec.inputs(), learnedStateNames::get,
                (state, input) -> differing.contains(new Transition(state, input)));
    }
}
