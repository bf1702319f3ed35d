package io.secho.conformance.docker;

import com.google.gson.JsonObject;
import io.secho.conformance.InProcessHarness;
import io.secho.conformance.report.ReportChecks;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetDescription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reference server's Dockerfile builds from local parts only (FROM scratch, a jlink runtime, the
 * libraries it links) and the image passes the whole suite when the harness starts it with Testcontainers.
 */
class ReferenceImageTest {
    private static final String KEY = "5ec405ec405ec405ec405ec405ec405ec405ec405ec405ec405ec405ec405ec4";

    private static void requireDocker() {
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

    private static Path buildContext(Path dir) throws IOException, InterruptedException {
        Path reference = Path.of(System.getProperty("secho.reference.dir", "../reference-impl"));
        Path context = dir.resolve("context");
        Process process = new ProcessBuilder("bash", reference.resolve("src/docker/build-context").toString(),
                context.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "build-context did not finish");
        assertEquals(0, process.exitValue(), "build-context failed:\n" + output);
        return context;
    }

    @Test
    @Timeout(300)
    void referenceImageFromLocalPartsPassesTheSuite(@TempDir Path dir) throws Exception {
        requireDocker();
        Path context = buildContext(dir);
        assertTrue(Files.readString(context.resolve("Dockerfile")).contains("FROM scratch"), "the image must need no base");
        String image = new ImageFromDockerfile("secho-reference-conformance", true)
                .withFileFromPath(".", context).get(4, TimeUnit.MINUTES);
        Path keyFile = dir.resolve("psk.key");
        Files.writeString(keyFile, KEY);
        InProcessHarness.Result result = InProcessHarness.run(Map.of(TargetConfig.IMAGE, image,
                TargetConfig.PSK_FILE, keyFile.toString(), TargetConfig.HANDSHAKE_TIMEOUT, "10s", TargetConfig.SEED, "99"),
                dir.resolve("reports"));
        RunSummary summary = result.summary();
        String output = result.output();
        assertEquals(0, summary.mustNotShown(), "the reference image failed or blocked cases:\n" + output);
        assertEquals(0, summary.count(io.secho.conformance.report.Verdict.ERROR), "harness errors:\n" + output);
        assertTrue(summary.count(io.secho.conformance.report.Verdict.PASS) > 250,
                "too few cases passed against the image:\n" + output);
        assertEquals(TargetDescription.Kind.IMAGE, summary.target().kind(), summary.target().toString());
        assertEquals(Optional.of(image), summary.target().image());
        JsonObject target = ReportChecks.assertReportsAgree(dir.resolve("reports")).getAsJsonObject("target");
        assertEquals("image", target.get("kind").getAsString(), "the JSON report names the image: " + target);
        assertEquals(image, target.get("image").getAsString());
    }
}
