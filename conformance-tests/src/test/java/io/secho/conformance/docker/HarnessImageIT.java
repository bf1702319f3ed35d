package io.secho.conformance.docker;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The harness as an image, run the way README's CI examples run it: {@code docker run} on one network with the
 * server under test (the reference image) in a container of its own, found by its name, the key in a mounted
 * file and the reports written to a mounted directory by the directory's owner. An integration test (failsafe,
 * in {@code mvn verify}): the image holds the shaded jar, which is made after the unit tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ReferenceImage.Resolver.class)
@Timeout(600)
class HarnessImageIT {
    private static final String KEY = "8badf00d8badf00d8badf00d8badf00d8badf00d8badf00d8badf00d8badf00d";
    private static final String OTHER_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String SERVER_ALIAS = "secho-server";
    /** A container command (docker run, build, logs) that takes longer is stuck. */
    private static final long COMMAND_MINUTES = 5;
    private static final long SERVER_START_SECONDS = 60;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String network = "secho-it-" + suffix;
    private final String server = "secho-it-server-" + suffix;
    private String harnessImage;

    private record Result(int exitCode, String output) {
    }

    @BeforeAll
    void buildTheHarnessImageAndStartTheServer(ReferenceImage reference, @TempDir Path dir) throws Exception {
        DockerEngine.require();
        Path harnessContext = DockerEngine.buildContext("conformance-tests", dir.resolve("harness"));
        assertTrue(Files.readString(harnessContext.resolve("Dockerfile")).contains("FROM scratch"),
                "the harness image must need no base");
        harnessImage = DockerEngine.build(harnessContext, "secho-conformance-it");
        docker(Map.of(), "network", "create", network);
        // The key goes in as -e SECHO_PSK without a value: docker takes it from its own environment.
        Result started = docker(Map.of("SECHO_PSK", KEY), "run", "-d", "--name", server, "--network", network,
                "--network-alias", SERVER_ALIAS, "-e", "SECHO_PSK", reference.name(), "server", "--host", "0.0.0.0",
                "--port", "8443", "--handshake-timeout", "3s", "--idle-timeout", "5s", "--max-connections", "64");
        assertEquals(0, started.exitCode(), started.output());
        awaitListening();
    }

    @AfterAll
    void removeWhatThisTestMade() throws Exception {
        List<String> problems = new ArrayList<>();
        for (List<String> command : List.of(List.of("rm", "-f", server), List.of("network", "rm", network))) {
            Result result = docker(Map.of(), command.toArray(String[]::new));
            if (result.exitCode() != 0 && !result.output().contains("No such")) {
                problems.add(String.join(" ", command) + ": " + result.output());
            }
        }
        DockerEngine.remove(harnessImage);
        assertEquals(List.of(), problems);
    }

    @Test
    void aConformantServerPassesAndTheReportsLandInTheMountedDirectory(@TempDir Path reports, @TempDir Path keys)
            throws Exception {
        Result run = harness(reports, keys, KEY, "--target", SERVER_ALIAS + ":8443", "--handshake-timeout", "3s",
                "--idle-timeout", "5s", "--max-connections", "64", "--seed", "11");
        assertEquals(0, run.exitCode(), run.output());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("secho-conformance.xml").toFile());
        int cases = xml.getElementsByTagName("testcase").getLength();
        assertTrue(cases > 250, "the JUnit XML holds " + cases + " cases:\n" + run.output());
        assertEquals(0, xml.getElementsByTagName("failure").getLength() + xml.getElementsByTagName("error").getLength(),
                "the JUnit XML reports failures against the reference server:\n" + run.output());
        assertTrue(JsonParser.parseString(Files.readString(reports.resolve("secho-conformance.json"),
                StandardCharsets.UTF_8)).isJsonObject(), "the JSON report must be a JSON object");
    }

    @Test
    void theExitCodesComeThroughDockerRun(@TempDir Path reports, @TempDir Path keys) throws Exception {
        Result unreachable = harness(reports, keys, KEY, "--target", SERVER_ALIAS + ":8444");
        assertEquals(3, unreachable.exitCode(), unreachable.output());
        assertTrue(unreachable.output().contains("cannot connect to " + SERVER_ALIAS + ":8444"), unreachable.output());
        // With another key no psk session completes, so the psk cases cannot pass: the target is not conformant.
        Result wrongKey = harness(reports, keys, OTHER_KEY, "--target", SERVER_ALIAS + ":8443", "--suite", "psk",
                "--family", "HS", "--handshake-timeout", "3s");
        assertEquals(1, wrongKey.exitCode(), wrongKey.output());
    }

    /** One {@code docker run} of the harness image, as README's CI examples run it. */
    private Result harness(Path reports, Path keys, String key, String... args) throws Exception {
        Files.writeString(keys.resolve("secho.key"), key + "\n");
        String owner = Files.getAttribute(reports, "unix:uid") + ":" + Files.getAttribute(reports, "unix:gid");
        String name = "secho-it-harness-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--name", name, "--network", network,
                "--user", owner, "-v", reports + ":/reports", "-v", keys + ":/run/secho:ro", harnessImage,
                "--psk-file", "/run/secho/secho.key", "--report-dir", "/reports"));
        command.addAll(List.of(args));
        try {
            return docker(Map.of(), command.toArray(String[]::new));
        } finally {
            docker(Map.of(), "rm", "-f", name);
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVER_START_SECONDS);
        Result logs = docker(Map.of(), "logs", server);
        while (!logs.output().contains("listening on")) {
            if (System.nanoTime() > deadline) {
                fail("the reference server container did not start listening within " + SERVER_START_SECONDS
                        + " s:\n" + logs.output());
            }
            Thread.sleep(200);
            logs = docker(Map.of(), "logs", server);
        }
    }

    private static Result docker(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("docker " + String.join(" ", args) + " did not finish within " + COMMAND_MINUTES + " minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
