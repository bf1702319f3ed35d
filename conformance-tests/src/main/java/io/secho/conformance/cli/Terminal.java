package io.secho.conformance.cli;

import io.secho.conformance.report.Palette;

import java.util.Map;

/**
 * What the harness may do on the screen it writes to: colours and a counter updated in place, only for a
 * person at a terminal. Output to a file, a pipe or a CI log stays plain text, and {@code NO_COLOR}
 * (no-color.org) or {@code TERM=dumb} turn both off.
 *
 * @param fancy colours and the live counter
 */
record Terminal(boolean fancy) {
    /** For output that is not a terminal, and for tests that do not ask for one. */
    static final Terminal PLAIN = new Terminal(false);

    /**
     * @param environment the process's environment
     * @param interactive whether standard output is a terminal that takes colours (picocli's {@code Ansi.AUTO})
     */
    static Terminal detect(Map<String, String> environment, boolean interactive) {
        // Set at all, as picocli reads it (its help follows the same rule).
        boolean noColour = environment.containsKey("NO_COLOR");
        boolean dumb = "dumb".equals(environment.get("TERM"));
        return new Terminal(interactive && !noColour && !dumb);
    }

    Palette palette() {
        return fancy ? Palette.ANSI : Palette.PLAIN;
    }
}
