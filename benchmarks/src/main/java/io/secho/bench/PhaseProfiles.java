package io.secho.bench;

import io.secho.bench.profile.ProfileSummary;
import io.secho.bench.server.ServerHandle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The profiles asked for with --profile-dir: a JFR recording of the Secho server during each measured
 * window (one handshake suite, one echo case, the opening of the idle sessions), each with a text summary
 * of its hot spots beside it; the idle server's native memory and threads; a recording of the conformance
 * run. Without the option every method does nothing, so the benchmarks call them unconditionally.
 */
final class PhaseProfiles {
    private static final String NATIVE_MEMORY_TRACKING = "-XX:NativeMemoryTracking=summary";

    private final Optional<Path> directory;
    private final Progress progress;

    /** @param directory an existing directory for the profiles, or empty for none */
    PhaseProfiles(Optional<Path> directory, Progress progress) {
        this.directory = directory.map(Path::toAbsolutePath);
        this.progress = progress;
    }

    boolean enabled() {
        return directory.isPresent();
    }

    void start(ServerHandle server, String phase) throws IOException {
        if (directory.isPresent()) {
            server.startProfile(jfr(phase));
        }
    }

    void end(ServerHandle server, String phase) throws IOException {
        if (directory.isPresent()) {
            server.endProfile();
            summarise(jfr(phase));
        }
    }

    /** JVM options for a server whose memory is to be explained: native memory tracking costs a little. */
    List<String> memoryServerOptions() {
        return directory.isPresent() ? List.of(NATIVE_MEMORY_TRACKING) : List.of();
    }

    void memory(ServerHandle server, String phase) throws IOException {
        if (directory.isPresent()) {
            Path file = directory.get().resolve(phase + "-memory.txt");
            server.writeMemoryAndThreads(file);
            progress.say("profile: " + file);
        }
    }

    /** JVM options for a process recorded from start to end, such as the conformance run. */
    List<String> wholeProcessOptions(String phase) {
        return directory.isPresent()
                ? List.of("-XX:StartFlightRecording=settings=profile,jdk.ExecutionSample#period=2ms,filename=" + jfr(phase))
                : List.of();
    }

    /** After a process recorded with {@link #wholeProcessOptions} ended. */
    void summariseWholeProcess(String phase) throws IOException {
        if (directory.isPresent() && Files.isRegularFile(jfr(phase))) {
            summarise(jfr(phase));
        }
    }

    private void summarise(Path jfr) throws IOException {
        Path summary = ProfileSummary.writeBeside(jfr);
        progress.say("profile: " + jfr + " (hot spots in " + summary.getFileName() + ")");
    }

    private Path jfr(String phase) {
        return directory.orElseThrow().resolve(phase + ".jfr");
    }
}
