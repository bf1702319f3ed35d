/**
 * The command-line vocabulary the reference's commands and the conformance harness share (durations, key files,
 * the lab profile's knobs), so that every tool spells and explains them alike. The commands themselves are in
 * {@code io.secho.cli}, which no other module uses.
 */
package io.secho.options;
