package io.secho.bench;

import io.secho.bench.report.Figure;
import io.secho.bench.report.Report;
import io.secho.bench.report.Unit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wall time of the whole conformance suite against its embedded reference server, as a user runs it. */
final class ConformanceTiming {
    private static final String SECTION = "conformance";
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) passed, (\\d+) failed.*");
    private static final Pattern CASE = Pattern.compile("^(PASS|FAIL|WARN|SKIP)\\s+(\\S+)\\s.*\\((\\d+) ms\\)$");

    private ConformanceTiming() {
    }

    static void run(Path jar, Report report, Progress progress, Path workDirectory)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no conformance jar at " + jar + ": build it with mvn -B -q package -DskipTests,"
                    + " or pass --conformance-jar");
        }
        progress.say("conformance: the whole suite against the embedded reference server");
        Path log = workDirectory.resolve("conformance.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--report-dir", workDirectory.resolve("conformance-reports").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long began = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("the conformance suite did not finish within " + TIME_LIMIT.toMinutes() + " min");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        report.add(Figure.of(SECTION, "conformance suite wall time", seconds, Unit.SECONDS,
                "exit " + process.exitValue() + ", " + summary(lines) + "; JVM start included; target < 5 s"));
    }

    /** The harness's own totals and its slowest case, from its output. */
    static String summary(List<String> lines) {
        String totals = "no summary line";
        String slowest = null;
        long slowestMillis = -1;
        for (String line : lines) {
            Matcher summary = SUMMARY.matcher(line);
            if (summary.matches()) {
                totals = summary.group(1) + " passed, " + summary.group(2) + " failed";
            }
            Matcher matcher = CASE.matcher(line);
            if (matcher.matches() && Long.parseLong(matcher.group(3)) > slowestMillis) {
                slowestMillis = Long.parseLong(matcher.group(3));
                slowest = matcher.group(2);
            }
        }
        return slowest == null ? totals
                : String.format(Locale.ROOT, "%s; slowest case %s %.1f s", totals, slowest, slowestMillis / 1e3);
    }
}
