package io.secho.conformance.learn;

import de.learnlib.oracle.EquivalenceOracle.MealyEquivalenceOracle;
import de.learnlib.oracle.MembershipOracle;
import de.learnlib.query.DefaultQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.automatalib.automaton.transducer.MealyMachine;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;

/**
 * The first equivalence check: every transition of the spec model (the access word of its source state, its
 * input, then each word of the spec's characterizing set), asked of the target and held against the
 * hypothesis. Where the implementation follows the spec these words already pin down its machine; asked once
 * before learning ({@link #warmUp}) as one parallel batch, they fill the cache the learner then reads.
 */
final class SpecTransitionOracle implements MealyEquivalenceOracle<String, String> {
    private final MembershipOracle<String, Word<String>> oracle;
    private final List<Word<String>> tests;

    SpecTransitionOracle(SpecModel spec, MembershipOracle<String, Word<String>> oracle) {
        this.oracle = oracle;
        CompactMealy<String, String> machine = spec.machine();
        List<Word<String>> suffixes = new ArrayList<>();
        suffixes.add(Word.epsilon());
        suffixes.addAll(Automata.characterizingSet(machine, spec.inputs()));
        Set<Word<String>> words = new LinkedHashSet<>();
        for (Word<String> transition : Automata.transitionCover(machine, spec.inputs())) {
            for (Word<String> suffix : suffixes) {
                words.add(transition.concat(suffix));
            }
        }
        this.tests = List.copyOf(words);
    }

    /** The test words, for the report and for tests. */
    List<Word<String>> tests() {
        return tests;
    }

    /** Asks every test word in one batch (the cache keeps the answers for the learner). */
    void warmUp() {
        oracle.processQueries(queries());
    }

    @Override
    public DefaultQuery<String, Word<String>> findCounterExample(MealyMachine<?, String, ?, String> hypothesis,
            Collection<? extends String> inputs) {
        List<DefaultQuery<String, Word<String>>> queries = queries();
        oracle.processQueries(queries);
        for (DefaultQuery<String, Word<String>> query : queries) {
            if (!query.getOutput().equals(hypothesis.computeOutput(query.getInput()))) {
                return query;
            }
        }
        return null;
    }

    private List<DefaultQuery<String, Word<String>>> queries() {
        List<DefaultQuery<String, Word<String>>> queries = new ArrayList<>(tests.size());
        tests.forEach(word -> queries.add(new DefaultQuery<>(word)));
        return queries;
    }
}
