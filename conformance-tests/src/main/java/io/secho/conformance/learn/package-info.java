/**
 * Step 12 (draft): protocol state learning. {@link io.secho.conformance.learn.SpecModel} reads the spec's
 * Mealy model (spec/secho-v1-server-model.json, Table 8) into AutomataLib, so that a machine learned with
 * LearnLib can be compared with it. The mapper to concrete messages (the peer engine) comes next.
 */
package io.secho.conformance.learn;
