package io.secho.conformance.report;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

import java.util.List;

/**
 * Colours for a person at a terminal: verdicts at a glance (FAIL red, PASS green, ...). {@link #PLAIN} adds
 * nothing, for files, pipes, CI logs and {@code NO_COLOR}, so that the text stays byte for byte the same.
 */
public final class Palette {
    public static final Palette PLAIN = new Palette(false);
    public static final Palette ANSI = new Palette(true);

    private final boolean colour;

    private Palette(boolean colour) {
        this.colour = colour;
    }

    public boolean colour() {
        return colour;
    }

    /** The text (a verdict's name, padded or not) in its verdict's colour. */
    public String verdict(Verdict verdict, String text) {
        return switch (verdict) {
            case PASS -> paint(text, Style.fg_green);
            case FAIL, ERROR -> paint(text, Style.fg_red, Style.bold);
            case WARN -> paint(text, Style.fg_yellow);
            case BLOCKED -> paint(text, Style.fg_magenta);
            case SKIP -> paint(text, Style.faint);
        };
    }

    /** A line that says all is well (CONFORMANT). */
    public String good(String text) {
        return paint(text, Style.fg_green, Style.bold);
    }

    /** A line that says what fails the run. */
    public String bad(String text) {
        return paint(text, Style.fg_red, Style.bold);
    }

    private String paint(String text, IStyle... styles) {
        // apply() takes the text as it is: no markup in it is interpreted.
        return colour ? Ansi.ON.apply(text, List.of(styles)).toString() : text;
    }
}
