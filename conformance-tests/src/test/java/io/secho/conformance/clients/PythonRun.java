package io.secho.conformance.clients;

import io.secho.conformance.lab.PythonLabServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One run of a Python client from src/test/python: its standard input written and closed, its output kept,
 * bounded in time (a client still running then is killed, with its children, and the test fails).
 */
public record PythonRun(int exitCode, String out, String err) {
    public static PythonRun run(PythonLabServer.Python python, Path script, List<String> arguments, String stdin,
                                Duration limit, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.command(), script.toString()));
        command.addAll(arguments);
        Path out = Files.createTempFile(dir, "client", ".out");
        Path err = Files.createTempFile(dir, "client", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client may exit before it reads its input (a usage error, an unsupported suite).
        }
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(command + " did not exit within " + limit.toSeconds() + " s (killed); stderr:\n"
                    + Files.readString(err));
        }
        return new PythonRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout:\n" + out + "stderr:\n" + err;
    }
}
