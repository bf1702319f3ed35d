/**
 * Command line of the reference jar: server, client, demo, keygen and help. Internal to the reference: what the
 * conformance harness's command line shares with it (durations, key files, the lab profile's knobs) is in
 * {@code io.secho.options}.
 */
package io.secho.cli;
