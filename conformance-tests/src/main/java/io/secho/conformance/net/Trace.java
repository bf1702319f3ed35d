package io.secho.conformance.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The wire trace of one case: every frame sent and received, decoded where the harness can, with the
 * time since the case started. It goes into the report and the JUnit XML of the case. A case that
 * exchanges thousands of records keeps its first and last lines and counts the rest, so a trace never
 * grows without bound.
 */
public final class Trace {
    static final int HEAD_LINES = 300;
    static final int TAIL_LINES = 200;

    private final long startNanos = System.nanoTime();
    private final List<String> head = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private long omitted;

    public synchronized void sent(String what, byte[] bytes) {
        add("C->S " + what + " (" + bytes.length + " bytes) " + shown(bytes));
    }

    public synchronized void received(String what, byte[] bytes) {
        add("S->C " + what + " (" + bytes.length + " bytes) " + shown(bytes));
    }

    public synchronized void note(String text) {
        add("     " + text);
    }

    public synchronized List<String> lines() {
        List<String> all = new ArrayList<>(head);
        if (omitted > 0) {
            all.add(String.format("%8s (%d lines omitted)", "", omitted));
        }
        all.addAll(tail);
        return all;
    }

    public synchronized String render() {
        return String.join("\n", lines());
    }

    /** The last lines, for a failure message that should stay readable. */
    public synchronized String tail(int count) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }

    private void add(String line) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String stamped = String.format("%6dms %s", millis, line);
        if (head.size() < HEAD_LINES) {
            head.add(stamped);
            return;
        }
        tail.addLast(stamped);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
            omitted++;
        }
    }

    private static String shown(byte[] bytes) {
        return ByteText.text(bytes).map(text -> text + " ").orElse("") + ByteText.hex(bytes);
    }
}
