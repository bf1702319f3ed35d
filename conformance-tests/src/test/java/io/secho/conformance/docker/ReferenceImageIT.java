package io.secho.conformance.docker;

import java.util.List;
import java.util.Optional;
import io.secho.conformance.targets.TargetDescription;
import io.secho.conformance.report.ReportChecks;
import com.google.gson.JsonObject;
import io.secho.conformance.InProcessHarness;
import io.secho.conformance.cli.ConformanceMain;
import io.secho.conformance.cli.ExitCodes;
import io.secho.conformance.report.RunSummary;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference server's Dockerfile builds from local parts only (FROM scratch, a jlink runtime, the
 * libraries it links), the image passes the whole suite when the harness starts it with Testcontainers, and
 * its heap is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ReferenceImage.Resolver.class)
@Timeout(300)
class ReferenceImageIT {
    private static final String KEY = "5ec405ec405ec405ec405ec405ec405ec405ec405ec405ec405ec405ec405ec4";
    /** The Dockerfile's bound; README documents it. */
    private static final String HEAP_BOUND = "-Xmx128m";

    private String image;

    @BeforeAll
    void useTheReferenceImage(ReferenceImage reference) {
        image = reference.name();
    }

    @Test
    void referenceImageFromLocalPartsPassesTheSuite(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("psk.key");
        Files.writeString(keyFile, KEY);
        InProcessHarness.Result result = InProcessHarness.run(Map.of(TargetConfig.IMAGE, image,
                TargetConfig.PSK_FILE, keyFile.toString(), TargetConfig.HANDSHAKE_TIMEOUT, "10s", TargetConfig.SEED, "99"),
                dir.resolve("reports"));
        RunSummary summary = result.summary();
        String output = result.output();
        assertEquals(0, summary.mustNotShown(), "the reference image failed or blocked cases:\n" + output);
        assertEquals(0, summary.count(Verdict.ERROR), "harness errors:\n" + output);
        assertTrue(summary.count(Verdict.PASS) > 250, "too few cases passed against the image:\n" + output);
        assertEquals(TargetDescription.Kind.IMAGE, summary.target().kind(), summary.target().toString());
        assertEquals(Optional.of(image), summary.target().image());
        JsonObject target = ReportChecks.assertReportsAgree(dir.resolve("reports")).getAsJsonObject("target");
        assertEquals("image", target.get("kind").getAsString(), "the JSON report names the image: " + target);
    }

    /** grade's image: targets: the image started per submission as --image starts it, its verdict in class.csv. */
    @Test
    void gradeTakesAnImageAsASubmission(@TempDir Path dir) throws Exception {
        Path submissions = Files.writeString(dir.resolve("class.tsv"),
                "# a submission delivered as an image\nimaged\timage:" + image + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceMain.execute(new String[] {"grade", "--submissions", submissions.toString(), "--out",
            dir.resolve("graded").toString(), "--case", "HS-001,TAG-001,ECHO-004", "--jobs", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, shown);
        List<String> rows = Files.readAllLines(dir.resolve("graded").resolve("class.csv"));
        assertEquals(2, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("imaged,PASS,3,0,"), "the image's row: " + rows.get(1) + "\n" + shown);
        assertTrue(Files.isRegularFile(dir.resolve("graded").resolve("imaged").resolve("secho-conformance.json")),
                "the submission's own reports");
    }

    @Test
    void theCommandLineStartsTheImageOnAnotherPortWithOtherArguments(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // "--suite" is the harness's option too: after --image-arg it is the image's.
        int code = ConformanceMain.execute(new String[] {"--image", image, "--image-port", "9000",
            "--image-arg", "server", "--image-arg", "--host", "--image-arg", "0.0.0.0", "--image-arg=--port",
            "--image-arg", "9000", "--image-arg", "--suite", "--image-arg", "x25519",
            "--family", "HS", "--report-dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.CONFORMANT, code, printed);
        assertTrue(printed.contains("container port 9000, arguments server --host 0.0.0.0 --port 9000 --suite x25519"),
                printed);
        // Only the arguments given can make the server offer x25519 alone.
        assertTrue(printed.contains("not offered (the target answered unsupported_suite)"), printed);
    }

    /** learn --image: the container started as for a run, learned, held against Table 8, and stopped. */
    @Test
    void learnTakesAnImageAndLearnsTheSpecsMachine(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("psk.key");
        Files.writeString(keyFile, KEY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceMain.execute(new String[] {"learn", "--image", image, "--psk-file", keyFile.toString(),
            "--out", dir.resolve("learned").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.CONFORMANT, code, printed);
        assertTrue(printed.contains("learning image " + image), printed);
        assertTrue(printed.contains("EQUIVALENT"), printed);
        assertTrue(Files.isRegularFile(dir.resolve("learned").resolve("learn-report.html")), printed);
    }

    @Test
    void theImageBoundsItsHeapAndTheBoundCanBeChanged() {
        assertTrue(startupNote(Map.of()).contains("Picked up JDK_JAVA_OPTIONS: " + HEAP_BOUND),
                "the image's JVM must start with the heap bound");
        assertTrue(startupNote(Map.of("JDK_JAVA_OPTIONS", "-Xmx96m")).contains("Picked up JDK_JAVA_OPTIONS: -Xmx96m"),
                "docker run -e JDK_JAVA_OPTIONS=... must replace the bound");
    }

    /** What the image's JVM says when it starts; {@code --version} makes the server exit at once. */
    private String startupNote(Map<String, String> environment) {
        try (GenericContainer<?> container = new GenericContainer<>(CompletableFuture.completedFuture(image))
                .withEnv(environment).withCommand("--version")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(1)))) {
            container.start();
            return container.getLogs();
        }
    }
}
