/**
 * Command line of the reference jar: server, client, demo, keygen and help. Three pieces serve the
 * conformance harness's command line too, so that both jars read and report alike: {@link
 * io.secho.cli.DurationConverter} (durations), {@link io.secho.cli.UsageErrors} (usage errors that never echo a
 * key) and {@link io.secho.cli.KeyFiles} (key file problems and permissions), besides {@link
 * io.secho.cli.LabOptions}.
 */
package io.secho.cli;
