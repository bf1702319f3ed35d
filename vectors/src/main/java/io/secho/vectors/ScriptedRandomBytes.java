package io.secho.vectors;

import io.secho.crypto.RandomBytes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Hands out exactly the given values, in order, one per draw: the vectors state every input explicitly and
 * the reference state machines consume them as if they came from a CSPRNG. A draw of another size, or one
 * draw too many, is a generator bug and fails at once.
 */
final class ScriptedRandomBytes implements RandomBytes {
    private final Deque<byte[]> values;

    ScriptedRandomBytes(List<byte[]> values) {
        this.values = new ArrayDeque<>(values);
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        byte[] next = values.pollFirst();
        if (next == null || next.length != out.length) {
            throw new IllegalStateException("unexpected draw of " + out.length + " bytes; next scripted value: "
                    + (next == null ? "none" : next.length + " bytes"));
        }
        System.arraycopy(next, 0, out, 0, out.length);
    }

    /** Fails unless every scripted value was drawn. */
    synchronized void assertExhausted() {
        if (!values.isEmpty()) {
            throw new IllegalStateException(values.size() + " scripted value(s) were never drawn");
        }
    }
}
