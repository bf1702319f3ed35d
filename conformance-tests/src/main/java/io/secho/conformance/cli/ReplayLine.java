package io.secho.conformance.cli;

import io.secho.conformance.ShellWords;
import io.secho.conformance.report.MavenReplay;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The command under each failure that replays it: the jar that ran, every option the run was given that says
 * what the target is and how it behaves (target or image, key files, timeouts, limits, profile and lab knobs,
 * exactly as typed), the run's seed, the case, and a report directory beside the run's, so that the replay
 * does not overwrite the full run's reports.
 */
final class ReplayLine {
    /** Options that select, list or report: the replay line sets its own or has no use for them. */
    private static final Set<String> NOT_REPLAYED = Set.of("--case", "--family", "--seed", "--report-dir", "--expect",
            "--list", "--json", "--expanded", "--failures-only", "--lab-detect", "--help", "--version");
    private static final String JAR_NAME = "secho-conformance.jar";

    private ReplayLine() {
    }

    static Function<String, String> of(CommandLine.ParseResult parsed, String seed, Path reportDir) {
        List<String> words = new ArrayList<>(List.of("java", "-jar", ShellWords.quote(jar())));
        words.addAll(optionsAsTyped(parsed, NOT_REPLAYED));
        words.addAll(List.of("--seed", ShellWords.quote(seed)));
        String prefix = String.join(" ", words);
        String replayDir = ShellWords.quote(MavenReplay.replayDir(reportDir).toString());
        return id -> prefix + " --case " + id + " --report-dir " + replayDir;
    }

    /** The options the user gave, each as typed and quoted for a shell, but those left out. */
    private static List<String> optionsAsTyped(CommandLine.ParseResult parsed, Set<String> leftOut) {
        List<String> words = new ArrayList<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (leftOut.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                words.add(option.longestName());
                continue;
            }
            for (String value : option.originalStringValues()) {
                words.add(option.longestName());
                words.add(ShellWords.quote(value));
            }
        }
        return words;
    }

    /** Options of learn that a replay of one sequence has no use for. */
    private static final Set<String> NOT_REPLAYED_BY_LEARN = Set.of("--out", "--replay", "--max-queries",
            "--time-limit", "--connections", "--help", "--version");

    /** The line that replays one of learn's sequences against the same target: {@code learn ... --replay "..."}. */
    static Function<List<String>, String> ofLearn(CommandLine.ParseResult parsed) {
        List<String> words = new ArrayList<>(List.of("java", "-jar", ShellWords.quote(jar()), LearnCommand.NAME));
        words.addAll(optionsAsTyped(parsed, NOT_REPLAYED_BY_LEARN));
        String prefix = String.join(" ", words);
        return word -> prefix + " --replay " + ShellWords.quote(String.join(" ", word));
    }

    /**
     * The jar that is running, as a path that works from here: relative when it lies below the working
     * directory, absolute otherwise. Run from classes (an IDE, the harness's own tests), the jar the build
     * makes beside them.
     */
    static String jar() {
        CodeSource source = ReplayLine.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return JAR_NAME;
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a file (a custom class loader): the name is still the best hint.
            return JAR_NAME;
        }
        Path jar = Files.isRegularFile(location) ? location : location.resolveSibling(JAR_NAME);
        return shown(jar).toString();
    }

    private static Path shown(Path jar) {
        Path real;
        Path here;
        try {
            real = Files.exists(jar) ? jar.toRealPath() : jar.toAbsolutePath().normalize();
            here = Path.of("").toRealPath();
        } catch (IOException e) {
            return jar.toAbsolutePath().normalize();
        }
        return real.startsWith(here) ? here.relativize(real) : real;
    }
}
