package io.secho.conformance.cli;

import io.secho.conformance.lab.LabDetect;
import io.secho.conformance.lab.LabTargetConfig;

import java.io.PrintStream;
import java.util.Locale;

/** {@code --lab-detect}: the tries as they end, then the command line that works, or what was tried. */
final class LabDetectRun {
    private LabDetectRun() {
    }

    static int run(String target, LabTargetConfig given, PrintStream out) {
        out.println("--lab-detect: trying the common lab settings against " + target + ", at most "
                + LabDetect.MAX_TRIES + " tries of one short session each, every wait at most "
                + given.ioTimeout().toMillis() + " ms (--io-timeout)");
        out.println("  varied: " + LabDetect.scope(given));
        given.keyReading().ifPresent(line -> out.println("  " + line));
        out.flush();
        LabDetect.Outcome outcome = LabDetect.run(given, line -> {
            out.println(line);
            out.flush();
        });
        String cost = outcome.tries() + " tries in " + String.format(Locale.ROOT, "%.1f", outcome.millis() / 1000.0)
                + " s";
        if (outcome.options().isEmpty()) {
            out.println("Nothing worked (" + cost + ", listed above). Check that the server runs and is a lab echo "
                    + "server of this variant; a server that stops on a bad record (LAB-W6) must be restarted after "
                    + "the first try that does not fit, so restart it and try the settings above one at a time.");
            out.flush();
            return ExitCodes.NOT_CONFORMANT;
        }
        out.println("Works (" + cost + "):");
        out.println("  " + LabDetect.commandLine(outcome.options().get(), target));
        out.flush();
        return ExitCodes.CONFORMANT;
    }
}
