package io.secho.conformance.learn;

import de.learnlib.sul.SUL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.automatalib.word.Word;

/**
 * Runs whole words on a SUL and its forks, several at once: a query to a network target mostly waits (quiet
 * periods), so parallel connections shorten learning where more CPU would not. The words of one batch are
 * answered in their order; the budget counts each run.
 */
final class ParallelSulRunner<I, O> implements AutoCloseable {
    private final BlockingQueue<SUL<I, O>> idle;
    private final ExecutorService pool;
    private final QueryBudget budget;

    ParallelSulRunner(SUL<I, O> sul, int threads, QueryBudget budget) {
        this.budget = budget;
        int parallel = sul.canFork() ? threads : 1;
        this.idle = new ArrayBlockingQueue<>(parallel);
        idle.add(sul);
        for (int i = 1; i < parallel; i++) {
            idle.add(sul.fork());
        }
        this.pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "secho-learn-query");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Each word's outputs, one per input. */
    List<Word<O>> run(List<Word<I>> words) {
        for (Word<I> word : words) {
            budget.spend(word.length());
        }
        List<Future<Word<O>>> answers = new ArrayList<>(words.size());
        for (Word<I> word : words) {
            answers.add(pool.submit(() -> runOne(word)));
        }
        List<Word<O>> outputs = new ArrayList<>(words.size());
        try {
            for (Future<Word<O>> answer : answers) {
                outputs.add(answer.get());
            }
        } catch (InterruptedException e) {
            answers.forEach(answer -> answer.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the target answered", e);
        } catch (ExecutionException e) {
            answers.forEach(answer -> answer.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return outputs;
    }

    private Word<O> runOne(Word<I> word) throws InterruptedException {
        SUL<I, O> sul = idle.take();
        try {
            sul.pre();
            try {
                List<O> outputs = new ArrayList<>(word.length());
                for (I input : word) {
                    outputs.add(sul.step(input));
                }
                return Word.fromList(outputs);
            } finally {
                sul.post();
            }
        } finally {
            idle.add(sul);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
