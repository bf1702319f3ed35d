package io.secho.conformance.learn;

import de.learnlib.oracle.MembershipOracle.MealyMembershipOracle;
import de.learnlib.query.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.incremental.mealy.tree.IncrementalMealyTreeBuilder;
import net.automatalib.word.Word;

/**
 * Holds every answer of the target against the ones before it: a Mealy machine answers a prefix the same way
 * every time, so an answer that disagrees with an earlier one on a shared prefix is non-determinism (a loaded
 * machine, a quiet period too short, a server that really is non-deterministic). The word is then asked
 * {@link #REPEATS} more times; an answer that holds {@link #MAJORITY} of them and agrees with what the learner
 * was already told is used and reported; anything else stops learning with a
 * {@link NondeterministicTargetException}, since a model learned from it would be garbage.
 */
final class NondeterminismGuard<I, O> implements MealyMembershipOracle<I, O> {
    static final int REPEATS = 5;
    static final int MAJORITY = 4;

    private final ParallelSulRunner<I, O> runner;
    private final IncrementalMealyTreeBuilder<I, O> answered;
    /** Where each case goes, resolved or not: the run's report, across attempts. */
    private final List<Nondeterminism> seen;

    NondeterminismGuard(Alphabet<I> alphabet, ParallelSulRunner<I, O> runner, List<Nondeterminism> seen) {
        this.runner = runner;
        this.answered = new IncrementalMealyTreeBuilder<>(alphabet);
        this.seen = seen;
    }

    NondeterminismGuard(Alphabet<I> alphabet, ParallelSulRunner<I, O> runner) {
        this(alphabet, runner, new ArrayList<>());
    }

    @Override
    public void processQueries(Collection<? extends Query<I, Word<O>>> queries) {
        List<Query<I, Word<O>>> batch = new ArrayList<>(queries);
        List<Word<I>> words = new ArrayList<>(batch.size());
        batch.forEach(query -> words.add(query.getInput()));
        List<Word<O>> outputs = runner.run(words);
        for (int i = 0; i < batch.size(); i++) {
            Query<I, Word<O>> query = batch.get(i);
            Word<O> settled = settle(words.get(i), outputs.get(i));
            query.answer(settled.suffix(query.getSuffix().length()));
        }
    }

    /** The non-determinism seen so far, resolved or not. */
    List<Nondeterminism> seen() {
        return List.copyOf(seen);
    }

    private Word<O> settle(Word<I> word, Word<O> output) {
        List<O> known = new ArrayList<>();
        answered.lookup(word, known);
        if (agrees(known, output)) {
            answered.insert(word, output);
            return output;
        }
        List<Word<O>> repeats = runner.run(Collections.nCopies(REPEATS, word));
        Map<List<O>, Integer> counts = new LinkedHashMap<>();
        counts.merge(output.asList(), 1, Integer::sum);
        Map<List<O>, Integer> repeatCounts = new LinkedHashMap<>();
        for (Word<O> repeat : repeats) {
            counts.merge(repeat.asList(), 1, Integer::sum);
            repeatCounts.merge(repeat.asList(), 1, Integer::sum);
        }
        List<String> symbols = word.asList().stream().map(String::valueOf).toList();
        Map<List<String>, Integer> report = new LinkedHashMap<>();
        counts.forEach((answer, count) -> report.put(answer.stream().map(String::valueOf).toList(), count));
        for (Map.Entry<List<O>, Integer> entry : repeatCounts.entrySet()) {
            if (entry.getValue() >= MAJORITY) {
                Word<O> majority = Word.fromList(entry.getKey());
                if (agrees(known, majority)) {
                    seen.add(new Nondeterminism(symbols, report, true));
                    answered.insert(word, majority);
                    return majority;
                }
                Nondeterminism unresolved = new Nondeterminism(symbols, report, false);
                seen.add(unresolved);
                throw new NondeterministicTargetException(unresolved, "the majority answer contradicts an "
                        + "earlier answer the learner already used (" + known + ")");
            }
        }
        Nondeterminism unresolved = new Nondeterminism(symbols, report, false);
        seen.add(unresolved);
        throw new NondeterministicTargetException(unresolved, "no answer held " + MAJORITY + " of " + REPEATS
                + " repeats");
    }

    /** The outputs of the known prefix are the first outputs of {@code output}. */
    private static <O> boolean agrees(List<O> known, Word<O> output) {
        return known.equals(output.prefix(known.size()).asList());
    }
}
