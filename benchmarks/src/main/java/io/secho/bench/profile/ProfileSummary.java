package io.secho.bench.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hot spots of a JFR recording as text beside it, so that a missed target comes with its explanation
 * without opening JDK Mission Control: the methods the samples were in (self time), and the first Secho
 * method on each sampled stack (what Secho code the time is spent under).
 */
public final class ProfileSummary {
    private static final String SAMPLE = "jdk.ExecutionSample";
    private static final String GARBAGE_COLLECTION = "jdk.GarbageCollection";
    private static final String CPU_LOAD = "jdk.CPULoad";
    private static final String OWN_CODE = "io.secho.";
    private static final int TOP = 20;

    private ProfileSummary() {
    }

    /** Writes FILE.txt beside FILE.jfr and returns its path. */
    public static Path writeBeside(Path jfr) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> underOwn = new HashMap<>();
        int samples = 0;
        Duration collecting = Duration.ZERO;
        int collections = 0;
        double[] cpuLoad = new double[3];
        int cpuLoadEvents = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            String type = event.getEventType().getName();
            if (type.equals(GARBAGE_COLLECTION)) {
                collections++;
                collecting = collecting.plus(event.getDuration());
                continue;
            }
            if (type.equals(CPU_LOAD)) {
                cpuLoadEvents++;
                cpuLoad[0] += event.getFloat("jvmUser");
                cpuLoad[1] += event.getFloat("jvmSystem");
                cpuLoad[2] += event.getFloat("machineTotal");
                continue;
            }
            if (!type.equals(SAMPLE) || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            underOwn.merge(firstOwn(event.getStackTrace()), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "# %s: %d execution samples%n", jfr.getFileName(),
                samples));
        // Samples see Java code only: the kernel's share and the collector's time are what they cannot show.
        if (cpuLoadEvents > 0) {
            text.append(String.format(Locale.ROOT, "CPU load (share of all cores, mean of %d readings): this JVM"
                    + " %.0f %% user + %.0f %% kernel; whole machine %.0f %%%n", cpuLoadEvents,
                    100 * cpuLoad[0] / cpuLoadEvents, 100 * cpuLoad[1] / cpuLoadEvents, 100 * cpuLoad[2] / cpuLoadEvents));
        }
        text.append(String.format(Locale.ROOT, "garbage collections: %d, %.1f ms in all%n", collections,
                collecting.toNanos() / 1e6));
        append(text, "methods the samples were in (self)", self, samples);
        append(text, "first " + OWN_CODE + "* method on the stack (time under Secho code)", underOwn, samples);
        Path summary = jfr.resolveSibling(jfr.getFileName().toString().replaceFirst("\\.jfr$", "") + ".txt");
        Files.writeString(summary, text, StandardCharsets.UTF_8);
        return summary;
    }

    static void append(StringBuilder text, String title, Map<String, Integer> counts, int samples) {
        text.append(String.format(Locale.ROOT, "%n## top %d %s%n", TOP, title));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(entry -> text.append(String.format(Locale.ROOT, "%6.1f %%  %7d  %s%n",
                        samples == 0 ? 0 : 100.0 * entry.getValue() / samples, entry.getValue(), entry.getKey())));
    }

    private static String firstOwn(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (name.startsWith(OWN_CODE)) {
                return name;
            }
        }
        return "(no Secho frame: JDK or JVM code alone)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
