package io.secho.conformance.grading;

import io.secho.conformance.lab.MainRun;
import io.secho.conformance.lab.PythonLabServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * conformance-tests/grading/port-shim: lab-like programs that hard-code port 8443 (src/test/python/lab_programs) run side by
 * side under the shim, each on a free port of its own, and the harness tests one of them there. The shim's
 * own cases (bind, connect, asyncio, an existing sitecustomize, -I/-S/-E, wrong maps) are a Python unittest,
 * src/test/python/test_port_shim.py, run here with every Python 3.9+ found.
 */
// Alone: it starts servers of its own and runs the lab cases, which must not be slowed by other tests.
@Isolated
@Timeout(300)
class PortShimTest {
    static final Path SHIM = Path.of("grading/port-shim/secho-port-shim");
    private static final Path PROGRAMS = Path.of("src/test/python/lab_programs");
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in ");

    /** Every Python 3.9 or later on this machine, one per version: the shim must work with each. */
    static List<String> pythons() {
        Map<String, String> byVersion = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("SECHO_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured.strip());
        }
        candidates.addAll(List.of("python3", "/usr/bin/python3"));
        for (String command : candidates) {
            try {
                Process probe = new ProcessBuilder(command, "-c",
                        "import sys; print('%d.%d' % sys.version_info[:2] if sys.version_info >= (3, 9) else '')")
                        .redirectErrorStream(true).start();
                String version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0 && version.matches("3\\.\\d+")) {
                    byVersion.putIfAbsent(version, command);
                }
            } catch (IOException e) {
                // Not installed: the next candidate.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (byVersion.isEmpty()) {
            String why = "no Python 3.9 or later among " + candidates;
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + why + ": .ci/run must install python3");
            }
            Assumptions.abort("the port shim tests are skipped: " + why);
        }
        return new ArrayList<>(byVersion.values());
    }

    @Test
    void theShimsPythonUnitTestsPassWithEveryPython() throws Exception {
        for (String python : pythons()) {
            Process process = new ProcessBuilder(python, "-m", "unittest", "-v", "test_port_shim")
                    .directory(Path.of("src/test/python").toFile()).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(python + ": the unittest did not end within 180 s:\n" + output.getNow(""));
            }
            String text = output.get(10, TimeUnit.SECONDS);
            assertEquals(0, process.exitValue(), python + ":\n" + text);
            Matcher ran = RAN.matcher(text);
            assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 12, python + ": too few tests ran:\n" + text);
            assertFalse(text.contains("skipped 'no IPv6 in this Python'") && text.contains("FAIL"), text);
        }
    }

    /** Two copies of one program that binds 127.0.0.1:8443 run at once, each answering on its own port. */
    @Test
    void twoCopiesOfAProgramWithAFixedPortRunAtOnce(@TempDir Path dir) throws Exception {
        String python = pythons().get(0);
        int first = freePort();
        int second = freePort();
        try (Shimmed a = Shimmed.start(dir, "8443=" + first, python, "echo_asyncio.py");
             Shimmed b = Shimmed.start(dir, "8443=" + second, python, "echo_asyncio.py")) {
            assertEquals(first, a.port, a.log());
            assertEquals(second, b.port, b.log());
            assertEquals("HELLO A", ask(first, "hello a"));
            assertEquals("HELLO B", ask(second, "hello b"));
            a.close();
            assertFalse(ProcessHandle.of(a.pid).map(ProcessHandle::isAlive).orElse(false), "stopped by its PID");
            assertEquals("STILL HERE", ask(second, "still here"), "stopping one leaves its neighbour running");
        }
    }

    /**
     * A lab-protocol program (threaded, like the lab's Server_dh.py) and an asyncio one, both with port 8443
     * hard-coded, at once; the harness's lab profile runs against the first where the shim put it.
     */
    @Test
    void theLabProfileRunsAgainstAShimmedLabProgramBesideAnother(@TempDir Path dir) throws Exception {
        PythonLabServer.Python python = PythonLabServer.pythons().get(0);
        int labPort = freePort();
        int echoPort = freePort();
        assertNotEquals(labPort, echoPort);
        try (Shimmed lab = Shimmed.start(dir, "8443=" + labPort, python.command(), "server_dh_threaded.py");
             Shimmed echo = Shimmed.start(dir, "8443=" + echoPort, python.command(), "echo_asyncio.py")) {
            assertEquals(labPort, lab.port, lab.log());
            assertEquals("BOTH", ask(echoPort, "both"));
            Path reports = dir.resolve("reports");
            MainRun run = MainRun.of("--profile", "lab", "--lab-variant", "dh", "--target", "127.0.0.1:" + labPort,
                    "--report-dir", reports.toString());
            String output = run.out() + run.err() + "\nserver log:\n" + lab.log();
            assertEquals(0, run.exitCode(), output);
            // The lab protocol's two inherent weaknesses only: the program is healthy where the shim put it.
            assertTrue(output.matches("(?s).*\\n  LAB-W5 +FOUND .*") && output.matches("(?s).*\\n  LAB-W7 +FOUND .*"),
                    output);
            assertTrue(output.matches("(?s).*\\n  LAB-W3 +absent .*"), output);
            assertTrue(Files.readString(reports.resolve("secho-conformance.json"))
                    .contains("\"address\": \"127.0.0.1:" + labPort + "\""), "the report names the mapped port");
            assertTrue(lab.log().contains("message(s) echoed"), lab.log());
            assertEquals("STILL BOTH", ask(echoPort, "still both"), "the neighbour kept running");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Sends one line to the echo program and returns its answer. */
    private static String ask(int port, String text) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] buffer = new byte[256];
            int n = socket.getInputStream().read(buffer);
            return n < 0 ? "(closed)" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output lost: " + e.getMessage() + ")";
        }
    }

    /** A fixture program under the shim, as a teacher would start it; stopped by its PID when closed. */
    private static final class Shimmed implements AutoCloseable {
        final long pid;
        final int port;
        private final Process process;
        private final Path log;

        private Shimmed(Process process, int port, Path log) {
            this.process = process;
            this.pid = process.pid();
            this.port = port;
            this.log = log;
        }

        static Shimmed start(Path dir, String map, String python, String program) throws Exception {
            Path log = Files.createTempFile(dir, program, ".log");
            Process process = new ProcessBuilder(SHIM.toString(), "--map", map, "--", python,
                    PROGRAMS.resolve(program).toString()).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String line;
            try {
                line = first.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                line = null;
            }
            Matcher matcher = LISTENING.matcher(String.valueOf(line));
            if (!matcher.find()) {
                stop(process);
                fail(program + " under the shim did not start: " + line + "\n" + Files.readString(log));
            }
            return new Shimmed(process, Integer.parseInt(matcher.group(1)), log);
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            stop(process);
        }

        /** By the program's own PID: the shim execs it, so there is no shell in between to leave behind. */
        private static void stop(Process process) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
