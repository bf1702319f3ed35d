package io.secho.conformance.docker;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The local Docker engine, for the image tests: under CI=true a missing engine fails them (CI must run them);
 * elsewhere they are skipped with the reason.
 */
final class DockerEngine {
    /** Enough for a jlink runtime of a few modules on a loaded two-core machine, with room to spare. */
    private static final long BUILD_MINUTES = 4;

    private DockerEngine() {
    }

    static void require() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        if (!available && "true".equals(System.getenv("CI"))) {
            fail("CI=true but no Docker engine answers: .ci/run must install docker.io and start dockerd");
        }
        Assumptions.assumeTrue(available, "no Docker engine here: the image test is skipped "
                + "(install Debian's docker.io and start dockerd to run it)");
    }

    /**
     * Builds an image under a name no other build uses at the same time (parallel checkouts share the engine);
     * the test removes it with {@link #remove}: without a reaper container nothing else would.
     */
    static String build(Path context, String repository) throws Exception {
        String name = repository + ":" + UUID.randomUUID().toString().substring(0, 12);
        return new ImageFromDockerfile(name, false).withFileFromPath(".", context).get(BUILD_MINUTES, TimeUnit.MINUTES);
    }

    /** Removes an image a test built, if it built one. */
    static void remove(String image) {
        if (image != null) {
            DockerClientFactory.instance().client().removeImageCmd(image).withForce(true).exec();
        }
    }

    /** Deletes a build context once its image is built: a jlink runtime is tens of megabytes. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }

    /** Runs a command of this machine (a build-context script, a compiler) and fails the test if it fails. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    /** The build-context script of a module ({@code reference-impl}, {@code conformance-tests}), run into {@code out}. */
    static Path buildContext(String module, Path out) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("secho.project.dir", ".."));
        run(List.of("bash", root.resolve(module).resolve("src/docker/build-context").toString(), out.toString()));
        return out;
    }
}
