package io.secho.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * When, where and how a run was made: what a figure needs beside it to be compared with another run's.
 *
 * @param date ISO-8601 UTC time the run began
 * @param machine cores, CPU model, Java and OS
 * @param revision the source revision measured (git), or "unknown"
 * @param run the run plan's name and windows
 * @param load the load averages (1, 5, 15 min) when the run began and when it ended: other work on the machine
 */
public record RunInfo(String date, String machine, String revision, String run, String load) {
    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    public RunInfo {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(load, "load");
    }

    public RunInfo withLoad(String value) {
        return new RunInfo(date, machine, revision, run, value);
    }

    /** "2 cores (Intel(R) Xeon(R) ...), Java 17.0.15 (OpenJDK 64-Bit Server VM), Linux amd64". */
    public static String describeMachine() {
        return Runtime.getRuntime().availableProcessors() + " cores" + cpuModel() + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** The 1, 5 and 15 minute load averages ("3.92 3.13 3.67"), or "unknown" off Linux. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(LOAD_AVERAGE, StandardCharsets.US_ASCII).trim().split("\\s+");
            return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(CPU_INFO, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> " (" + line.substring(line.indexOf(':') + 1).trim() + ")")
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
