package io.secho.conformance;

import io.secho.conformance.net.Trace;

import java.util.List;

/**
 * A case failed: what the spec required (with its requirement IDs), what was sent, what came back.
 * The message is the whole story, so a report line can be read without the source; the parts are kept
 * apart as well, so that the reports can give tools each one as a field of its own.
 */
public final class ConformanceFailure extends AssertionError {
    /** The trace lines a message ends with: enough to see the exchange, few enough to stay readable. */
    private static final int TRACE_TAIL_LINES = 12;

    private final List<String> requirements;
    private final String expected;
    private final String sent;
    private final String received;

    private ConformanceFailure(List<String> requirements, String expected, String received, String sent,
                               String traceTail) {
        super(format(requirements, expected, received, sent, traceTail));
        this.requirements = List.copyOf(requirements);
        this.expected = expected;
        this.sent = sent == null ? "" : sent;
        this.received = received;
    }

    /**
     * @param expected what the spec requires, in words
     * @param received what came back (or did not), in words
     * @param sent     what the case sent to provoke it; empty when nothing in particular
     * @param trace    the case's wire trace, whose last lines end the message
     */
    public static ConformanceFailure of(List<String> requirements, String expected, String received, String sent,
                                        Trace trace) {
        return new ConformanceFailure(requirements, expected, received, sent, trace.tail(TRACE_TAIL_LINES));
    }

    public List<String> requirements() {
        return requirements;
    }

    public String expected() {
        return expected;
    }

    /** Empty when the case sent nothing in particular. */
    public String sent() {
        return sent;
    }

    public String received() {
        return received;
    }

    private static String format(List<String> requirements, String expected, String received, String sent,
                                 String traceTail) {
        StringBuilder text = new StringBuilder();
        text.append(String.join(", ", requirements)).append(": ").append(expected);
        if (sent != null && !sent.isEmpty()) {
            text.append("\n  sent:     ").append(sent.replace("\n", "\n            "));
        }
        String observed = received + "\n  trace (last lines):\n" + traceTail;
        text.append("\n  received: ").append(observed.replace("\n", "\n            "));
        return text.toString();
    }
}
