package io.secho.conformance.docker;

import io.secho.conformance.InProcessHarness;
import io.secho.conformance.cli.ExitCodes;
import io.secho.conformance.lab.MainRun;
import io.secho.conformance.report.Verdict;
import io.secho.conformance.targets.ImageSpec;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code --image} when the image cannot be tested: it is not present (and nothing is pulled), it never
 * answers, or it exits at once. Each ends with exit code 3, once, with the end of the container's log, and
 * none leaves a container behind. The server that never answers is a static C program in a FROM scratch image
 * (src/test/docker/silent-server), built here from local parts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ImageFailuresIT {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    /** Long enough to be blanked out of the log the harness shows: the variable's value may be a secret. */
    private static final String GREETING = "greeting-that-could-be-a-secret";

    private String image;

    @BeforeAll
    void buildSilentServer(@TempDir Path dir) throws Exception {
        DockerEngine.require();
        Path source = Path.of(System.getProperty("secho.project.dir", ".."), "conformance-tests/src/test/docker/silent-server");
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.copy(source.resolve("Dockerfile"), context.resolve("Dockerfile"));
        try {
            DockerEngine.run(List.of("gcc", "-static", "-Os", "-o", context.resolve("silent-server").toString(),
                    source.resolve("silent-server.c").toString()));
        } catch (IOException e) {
            fail("the server that never answers is built with gcc, which is missing here (Debian: apt-get install gcc "
                    + "libc6-dev; .ci/run installs them): " + e.getMessage());
        }
        image = DockerEngine.build(context, "secho-silent-server-test");
    }

    /** After every test, not each: the tests run at once, and one's container is not another's leftover. */
    @AfterAll
    void noContainerIsLeftBehind() {
        if (image == null) {
            return;
        }
        try {
            assertEquals(List.of(), DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .withAncestorFilter(List.of(image)).exec(), "a container of " + image + " was left behind");
        } finally {
            DockerEngine.remove(image);
        }
    }

    private static String printed(MainRun run) {
        return run.out() + run.err();
    }

    @Test
    @Timeout(60)
    void anImageThatIsNotPresentIsNeitherPulledNorWaitedFor() {
        String absent = "secho-absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1.0";
        MainRun run = MainRun.of("--image", absent);
        assertEquals(ExitCodes.UNREACHABLE, run.exitCode(), printed(run));
        assertTrue(run.err().contains("image " + absent + " is not present in the local Docker engine, and the "
                + "harness never pulls"), run.err());
        assertFalse(printed(run).contains("\tat ") || printed(run).contains("Exception"), printed(run));
    }

    @Test
    void anImageThatNeverAnswersEndsTheRunOnceWithTheEndOfItsLog(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("psk.key");
        Files.writeString(keyFile, KEY + "\n");
        MainRun run = MainRun.of("--image", image, "--image-startup-timeout", "3s", "--psk-file", keyFile.toString(),
                "--image-env", "SILENT_GREETING=" + GREETING, "--report-dir", dir.resolve("reports").toString());
        assertEquals(ExitCodes.UNREACHABLE, run.exitCode(), printed(run));
        String err = run.err();
        assertTrue(err.contains("image " + image + " did not answer a ClientHello on container port 8443: no answer "
                + "to a ClientHello within 3 s (--image-startup-timeout)"), err);
        assertTrue(err.contains("the last 4 line(s) of the container's log:"), err);
        assertTrue(err.contains("| silent-server: listening on port 8443, and never answering"), err);
        // The key reached the container, in SECHO_PSK, and the variable given reached it too; neither is shown.
        assertTrue(err.contains("| silent-server: SECHO_PSK is set"), err);
        assertTrue(err.contains("| silent-server: SILENT_GREETING=<hidden>"), err);
        assertFalse(printed(run).contains(GREETING) || printed(run).contains(KEY), printed(run));
        assertFalse(run.out().contains("cases:"), "no case may run against an image that never answered:\n" + run.out());
    }

    @Test
    void anImageThatExitsAtOnceIsReportedWithItsExitCode() {
        MainRun run = MainRun.of("--image", image, "--image-arg", "exit");
        assertEquals(ExitCodes.UNREACHABLE, run.exitCode(), printed(run));
        assertTrue(run.err().contains("the container exited with code 7 before it answered"), run.err());
        assertTrue(run.err().contains("| silent-server: exiting at once with code 7, as asked"), run.err());
        assertTrue(run.err().contains("| silent-server: starting with 1 argument(s), first: exit"), run.err());
    }

    @Test
    void underMavenAnImageThatNeverAnswersBlocksEveryCaseWithTheReason(@TempDir Path dir) {
        InProcessHarness.Result result = InProcessHarness.runWithOnly(Map.of(TargetConfig.IMAGE, image,
                ImageSpec.STARTUP_TIMEOUT, "2s", ImageSpec.ARG, "8443", TargetConfig.CASE, "HS-001,ECHO-001"),
                dir.resolve("reports"));
        assertFalse(result.ids(Verdict.BLOCKED).isEmpty(), result.output());
        assertEquals(result.ids(Verdict.BLOCKED).size(), result.summary().cases().size(), result.output());
        assertTrue(result.output().contains("no answer to a ClientHello within 2 s"), result.output());
        assertTrue(result.output().contains("| silent-server: listening on port 8443, and never answering"),
                result.output());
    }
}
