package io.secho.conformance.report;

import java.util.Optional;
import java.util.function.Function;

/**
 * How a run speaks to the person watching it: the colours, whether passing cases are listed, the progress
 * shown while cases run, and the command that replays a case (by default, the Maven command: the listener
 * runs under Maven unless the jar says otherwise).
 *
 * @param replay case ID to the command line that replays it
 */
public record ConsoleSettings(Palette palette, boolean failuresOnly, Progress progress,
                              Optional<Function<String, String>> replay) {
    public static final ConsoleSettings PLAIN = new ConsoleSettings(Palette.PLAIN, false, Progress.NONE, Optional.empty());
}
