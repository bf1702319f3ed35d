package io.secho.conformance.net;

import io.secho.wire.Hex;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire trace of one case: every frame sent and received, decoded where the harness can, with the
 * time since the case started. It goes into the report and the JUnit XML of the case.
 */
public final class Trace {
    private static final int MAX_HEX_BYTES = 96;

    private final long startNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    public synchronized void sent(String what, byte[] bytes) {
        add("C->S " + what + " (" + bytes.length + " bytes) " + abbreviatedHex(bytes));
    }

    public synchronized void received(String what, byte[] bytes) {
        add("S->C " + what + " (" + bytes.length + " bytes) " + abbreviatedHex(bytes));
    }

    public synchronized void note(String text) {
        add("     " + text);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String render() {
        return String.join("\n", lines);
    }

    /** The last lines, for a failure message that should stay readable. */
    public synchronized String tail(int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private void add(String line) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        lines.add(String.format("%6dms %s", millis, line));
    }

    public static String abbreviatedHex(byte[] bytes) {
        if (bytes.length <= MAX_HEX_BYTES) {
            return Hex.encode(bytes);
        }
        byte[] head = new byte[MAX_HEX_BYTES];
        System.arraycopy(bytes, 0, head, 0, MAX_HEX_BYTES);
        return Hex.encode(head) + "...";
    }
}
