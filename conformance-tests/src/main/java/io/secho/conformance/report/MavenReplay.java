package io.secho.conformance.report;

import io.secho.conformance.ShellWords;
import io.secho.conformance.RunConfig;
import io.secho.conformance.targets.TargetConfig;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command that replays one case under Maven, as the run that failed it was started: every
 * {@code -Dsecho.*} it was given (target, image, key file, timeouts, limits, profile, lab knobs), its seed,
 * the case, and a report directory of its own, so that the replay leaves the full run's reports alone.
 */
public final class MavenReplay {
    /** Suffix of the report directory a replay writes to, beside the full run's. */
    static final String REPLAY_DIR_SUFFIX = "-replay";
    private static final String PREFIX = "secho.";
    /** Set by the build itself or by the replay line, never copied from the failed run. */
    private static final Set<String> NOT_COPIED = Set.of(TargetConfig.CASE, TargetConfig.FAMILY, TargetConfig.SEED,
            TargetConfig.REPORT_DIR, "secho.reference.dir", "secho.spec.dir");
    private static final String INTERNAL = "secho.internal.";

    private MavenReplay() {
    }

    /**
     * @param parameters the run's configuration parameters (the build's {@code -D} arrive as system properties)
     * @param seed the seed the run used
     */
    static String command(ConfigurationParameters parameters, String seed, String caseId) {
        RunConfig run = RunConfig.from(parameters::get);
        boolean lab = run.lab();
        boolean client = !lab && run.client();
        StringBuilder command = new StringBuilder("(from the project root) mvn -B verify -pl conformance-tests -am -Dtest=")
                .append(lab ? "LabConformanceSuiteTest" : client ? "ClientConformanceSuiteTest" : "ConformanceSuiteTest")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false");
        for (String key : keys(parameters)) {
            Optional<String> value = parameters.get(key).filter(v -> !v.isBlank());
            if (value.isEmpty() || (key.equals(TargetConfig.PROFILE) && !lab)) {
                continue;
            }
            command.append(' ').append(ShellWords.quote("-D" + key + "=" + value.get()));
        }
        command.append(" -Dsecho.seed=").append(ShellWords.quote(seed)).append(" -Dsecho.case=").append(caseId);
        parameters.get(TargetConfig.REPORT_DIR).filter(v -> !v.isBlank()).ifPresent(dir -> command.append(' ')
                .append(ShellWords.quote("-D" + TargetConfig.REPORT_DIR + "=" + replayDir(Path.of(dir)))));
        return command.toString();
    }

    /** A directory beside the full run's report directory (or that directory, if it already is a replay's). */
    public static Path replayDir(Path reportDir) {
        Path name = reportDir.getFileName();
        if (name == null || name.toString().endsWith(REPLAY_DIR_SUFFIX)) {
            return reportDir;
        }
        return reportDir.resolveSibling(name + REPLAY_DIR_SUFFIX);
    }

    /** The {@code secho.*} keys the run knew, explicit or from system properties, in a stable order. */
    private static List<String> keys(ConfigurationParameters parameters) {
        Set<String> keys = new TreeSet<>();
        parameters.keySet().stream().filter(k -> k.startsWith(PREFIX)).forEach(keys::add);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).forEach(keys::add);
        keys.removeIf(k -> NOT_COPIED.contains(k) || k.startsWith(INTERNAL));
        return List.copyOf(keys);
    }
}
