package io.secho.conformance.learn;

import de.learnlib.oracle.MembershipOracle.MealyMembershipOracle;
import de.learnlib.query.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.automatalib.word.Word;
import net.automatalib.word.WordBuilder;

/**
 * Answers, without a connection, every word whose prefix is already known to end the connection: after the end
 * both mappers send nothing and answer {@value MapperOutputs#CLOSED} to every input (Table 8 and Table 9: CLOSED is a sink),
 * so the rest of such a word is known. Most of a learner's questions go through CLOSED; for a client started
 * once per question this saves most of the runs.
 */
final class EndedConnectionOracle implements MealyMembershipOracle<String, String> {
    private final MealyMembershipOracle<String, String> delegate;
    /** Words whose last input ended the connection, with their outputs. */
    private final Map<Word<String>, Word<String>> ended = new ConcurrentHashMap<>();

    EndedConnectionOracle(MealyMembershipOracle<String, String> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void processQueries(Collection<? extends Query<String, Word<String>>> queries) {
        List<Query<String, Word<String>>> asked = new ArrayList<>();
        for (Query<String, Word<String>> query : queries) {
            Optional<Word<String>> known = known(query.getInput());
            if (known.isPresent()) {
                query.answer(known.get().suffix(query.getSuffix().length()));
            } else {
                asked.add(query);
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        List<RecordingQuery> recording = asked.stream().map(RecordingQuery::new).toList();
        delegate.processQueries(recording);
        for (RecordingQuery query : recording) {
            remember(query.getInput(), query.whole());
            query.original().answer(query.answer());
        }
    }

    private Optional<Word<String>> known(Word<String> input) {
        for (int length = 1; length < input.length(); length++) {
            Word<String> outputs = ended.get(input.prefix(length));
            if (outputs != null) {
                WordBuilder<String> whole = new WordBuilder<>(outputs);
                whole.repeatAppend(input.length() - length, MapperOutputs.CLOSED);
                return Optional.of(whole.toWord());
            }
        }
        return Optional.empty();
    }

    private void remember(Word<String> input, Word<String> outputs) {
        for (int i = 0; i < outputs.length(); i++) {
            if (MapperOutputs.endsConnection(outputs.getSymbol(i))) {
                ended.putIfAbsent(input.prefix(i + 1), outputs.prefix(i + 1));
                return;
            }
        }
    }

    /** Asks for the whole word's outputs, so that the prefix that ended the connection can be remembered. */
    private static final class RecordingQuery extends Query<String, Word<String>> {
        private final Query<String, Word<String>> original;
        private Word<String> whole;

        RecordingQuery(Query<String, Word<String>> original) {
            this.original = original;
        }

        Query<String, Word<String>> original() {
            return original;
        }

        @Override
        public Word<String> getPrefix() {
            return Word.epsilon();
        }

        @Override
        public Word<String> getSuffix() {
            return original.getInput();
        }

        @Override
        public void answer(Word<String> output) {
            whole = output;
        }

        Word<String> whole() {
            return whole;
        }

        Word<String> answer() {
            return whole.suffix(original.getSuffix().length());
        }
    }
}
