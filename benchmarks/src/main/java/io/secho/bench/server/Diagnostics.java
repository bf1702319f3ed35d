package io.secho.bench.server;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a server process records on request to explain a missed target: a JFR profile of one phase (the
 * measured window of one figure, not the whole process, so a profile shows that load alone) and a
 * native-memory and thread summary. One per server process; used from its command loop only.
 */
final class Diagnostics {
    /** Twice JFR's "profile" default rate: a 3 s window on two cores still gets a few thousand samples. */
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(2);
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private Optional<Recording> recording = Optional.empty();

    void startProfile(Path file) throws IOException {
        stopProfile();
        Recording started;
        try {
            started = new Recording(Configuration.getConfiguration("profile"));
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR profile settings do not parse: " + e.getMessage(), e);
        }
        started.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
        started.setDestination(file);
        started.start();
        recording = Optional.of(started);
    }

    /** Stops the recording, which writes it to its file. */
    void stopProfile() {
        recording.ifPresent(running -> {
            running.stop();
            running.close();
        });
        recording = Optional.empty();
    }

    /**
     * Writes the JVM's native memory summary (when started with -XX:NativeMemoryTracking=summary) and the
     * live threads counted by name, digits folded, so that "a thread per connection" shows as one line.
     */
    void writeMemoryAndThreads(Path file) throws IOException {
        StringBuilder text = new StringBuilder("# Java threads by name (digits folded to #)\n");
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        byName.forEach((name, count) -> text.append(String.format("%7d  %s%n", count, name)));
        text.append("\n# Native memory (jcmd VM.native_memory summary)\n").append(nativeMemory());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String nativeMemory() {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND),
                    "vmNativeMemory", new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            return String.valueOf(answer);
        } catch (JMException | RuntimeException e) {
            return "unavailable: " + e.getMessage() + "\n";
        }
    }
}
