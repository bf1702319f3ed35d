package io.secho.conformance;

import java.util.List;

/**
 * A case failed: what the spec required (with its requirement IDs), what was sent, what came back.
 * The message is the whole story, so a report line can be read without the source.
 */
public final class ConformanceFailure extends AssertionError {
    private final List<String> requirements;

    public ConformanceFailure(List<String> requirements, String expected, String observed, String sent) {
        super(format(requirements, expected, observed, sent));
        this.requirements = List.copyOf(requirements);
    }

    public List<String> requirements() {
        return requirements;
    }

    private static String format(List<String> requirements, String expected, String observed, String sent) {
        StringBuilder text = new StringBuilder();
        text.append(String.join(", ", requirements)).append(": ").append(expected);
        if (sent != null && !sent.isEmpty()) {
            text.append("\n  sent:     ").append(sent.replace("\n", "\n            "));
        }
        text.append("\n  received: ").append(observed.replace("\n", "\n            "));
        return text.toString();
    }
}
