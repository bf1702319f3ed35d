package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The harness draws every random, key and probe from a seed. The peer's generator gives the same bytes
 * for the same seed as the generator the harness used before it had its own engine, so a seed printed by
 * an older run still replays the same bytes on the wire. (A test may use the reference; main code may not.)
 */
class DeterministicRandomContinuityTest {
    @Test
    void sameSeedSameBytes() {
        for (String label : new String[] {"", "secho-conformance HS-001 42", "x".repeat(100)}) {
            RandomBytes peer = InsecureDeterministicRandomBytes.fromLabel(label);
            io.secho.crypto.RandomBytes before = io.secho.insecure.InsecureDeterministicRandomBytes.fromLabel(label);
            for (int length : new int[] {1, 31, 32, 33, 64, 256, 0, 7}) {
                assertArrayEquals(before.nextBytes(length), peer.nextBytes(length), label + ", " + length + " bytes");
            }
        }
    }
}
