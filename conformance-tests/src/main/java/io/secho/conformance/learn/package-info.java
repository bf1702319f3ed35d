/**
 * Protocol state learning (spec Section 17.3): the implementation's state machine learned black-box and held
 * against the spec's.
 * <ul>
 * <li>The spec's machines: {@link io.secho.conformance.learn.SpecModel} reads Tables 8 and 9 as Mealy models
 * (spec/secho-v1-server-model.json, spec/secho-v1-client-model.json) into AutomataLib.</li>
 * <li>Mappers, abstract inputs to real messages of the harness's own peer engine and what comes back to abstract
 * outputs, one connection per question: {@link io.secho.conformance.learn.ServerMapper} and
 * {@link io.secho.conformance.learn.ServerSul} for a server, {@link io.secho.conformance.learn.ClientMapper} and
 * {@link io.secho.conformance.learn.ClientSul} for a client run once per question.</li>
 * <li>Learning: {@link io.secho.conformance.learn.Learner} (TTT, a query cache, questions whose prefix ended the
 * connection answered without one, repeats against non-determinism, the spec's transitions and random Wp words
 * as the equivalence check, bounds on queries and time).</li>
 * <li>The verdict: {@link io.secho.conformance.learn.ModelComparison} (first differences in the product),
 * {@link io.secho.conformance.learn.VerdictText}, {@link io.secho.conformance.learn.LearnReport} and the
 * pictures ({@link io.secho.conformance.learn.MealyDot}, {@link io.secho.conformance.learn.MealySvg}).</li>
 * <li>What a later run replays: {@link io.secho.conformance.learn.LearnedSequences}, the family LEARN.</li>
 * </ul>
 */
package io.secho.conformance.learn;
