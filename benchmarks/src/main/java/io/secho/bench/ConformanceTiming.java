package io.secho.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.bench.report.Figure;
import io.secho.bench.report.FigureNames;
import io.secho.bench.report.Report;
import io.secho.bench.report.Unit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Wall time of the whole conformance suite against its embedded reference server, as a user runs it. */
final class ConformanceTiming {
    private static final String SECTION = FigureNames.CONFORMANCE;
    private static final String PHASE = "conformance";
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    private static final String REPORT = "secho-conformance.json";

    private ConformanceTiming() {
    }

    static void run(Path jar, Report report, Progress progress, Path workDirectory, PhaseProfiles profiles)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no conformance jar at " + jar + ": build it with mvn -B -q package -DskipTests,"
                    + " or pass --conformance-jar");
        }
        progress.say("conformance: the whole suite against the embedded reference server");
        Path log = workDirectory.resolve("conformance.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(profiles.wholeProcessOptions(PHASE));
        command.addAll(List.of("-jar", jar.toString(), "--report-dir",
                workDirectory.resolve("conformance-reports").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long began = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("the conformance suite did not finish within " + TIME_LIMIT.toMinutes() + " min");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        profiles.summariseWholeProcess(PHASE);
        Path json = workDirectory.resolve("conformance-reports").resolve(REPORT);
        String totals = Files.isRegularFile(json) ? summary(Files.readString(json, StandardCharsets.UTF_8))
                : "no report (see " + log + ")";
        report.add(Figure.of(SECTION, FigureNames.CONFORMANCE_WALL, seconds, Unit.SECONDS,
                "exit " + process.exitValue() + ", " + totals + "; JVM start included"
                        + (profiles.enabled() ? "; recorded with JFR, which slows it" : "")));
    }

    /** The harness's own totals and its slowest case, from its JSON report. */
    static String summary(String jsonReport) {
        JsonObject root;
        try {
            root = JsonParser.parseString(jsonReport).getAsJsonObject();
        } catch (RuntimeException e) {
            return "no readable report";
        }
        JsonObject totals = root.getAsJsonObject("summary");
        String counts = totals.get("pass").getAsLong() + " passed, " + totals.get("fail").getAsLong() + " failed, "
                + totals.get("blocked").getAsLong() + " blocked";
        String slowest = null;
        long slowestMillis = -1;
        for (JsonElement element : root.getAsJsonArray("cases")) {
            JsonObject item = element.getAsJsonObject();
            if (item.get("durationMillis").getAsLong() > slowestMillis) {
                slowestMillis = item.get("durationMillis").getAsLong();
                slowest = item.get("id").getAsString();
            }
        }
        return slowest == null ? counts
                : String.format(Locale.ROOT, "%s; slowest case %s %.1f s", counts, slowest, slowestMillis / 1e3);
    }
}
