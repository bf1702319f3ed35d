/**
 * Hooks that make the protocol insecure on purpose, for test vectors, replayable runs and tests only: never for a
 * real connection. The record layer's two hooks for sequence numbers near the end of the sequence space are
 * named as such ({@code RecordSealer.insecureStartingAt}, {@code RecordOpener.insecureExpectingFrom}).
 */
package io.secho.insecure;
