package io.secho.bench.server;

import io.secho.crypto.PreSharedKey;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of a benchmark, in its own JVM so that its CPU time, memory and file descriptors are
 * its own. Arguments: {@code secho MAX_CONNECTIONS} (PSK in SECHO_PSK) or {@code tls KEYSTORE} (password in
 * {@link TlsCredentials#PASSWORD_VARIABLE}). It prints {@code ready PORT}, then answers each line on
 * standard input: {@code stats}, {@code gc} (stats after a full collection), the diagnostics commands below,
 * or {@code quit}.
 */
public final class ServerProcess {
    public static final String READY = "ready";
    public static final String PSK_VARIABLE = "SECHO_PSK";
    /** Commands that record diagnostics: {@code profile FILE} starts a JFR recording, {@code profile-end} writes
     * it, {@code memory FILE} writes the native memory and thread summary. Each is answered {@code done COMMAND}. */
    static final String PROFILE = "profile";
    static final String PROFILE_END = "profile-end";
    static final String MEMORY = "memory";
    static final String DONE = "done";

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ServerProcess secho MAX_CONNECTIONS | tls KEYSTORE");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerKind kind = ServerKind.fromArgument(args[0]);
        if (kind == ServerKind.TLS) {
            TlsSettings.restrictNamedGroups();
            TlsCredentials credentials = new TlsCredentials(Path.of(args[1]), requireVariable(TlsCredentials.PASSWORD_VARIABLE));
            try (TlsEchoServer server = TlsEchoServer.start(credentials)) {
                serve(out, server.port(), server::activeConnections, server::fullHandshakes);
            }
        } else {
            AtomicLong logLines = new AtomicLong();
            ServerConfig config = ServerConfig.builder()
                    .port(0)
                    .psk(PreSharedKey.fromHex(requireVariable(PSK_VARIABLE)))
                    .maxConnections(Integer.parseInt(args[1]))
                    // The server formats its log line per connection as usual; printing 10,000 lines a
                    // second would measure the terminal, so they are only counted.
                    .log(line -> logLines.incrementAndGet())
                    .build();
            try (SechoServer server = SechoServer.start(config)) {
                serve(out, server.port(), server::activeConnections, () -> -1L);
            }
        }
    }

    private static void serve(PrintStream out, int port, IntSupplier connections,
                              LongSupplier fullHandshakes) throws IOException {
        out.println(READY + " " + port);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Diagnostics diagnostics = new Diagnostics();
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.strip().split(" ", 2);
            switch (words[0]) {
                case "stats":
                    out.println(stats(connections.getAsInt(), fullHandshakes.getAsLong()).encode());
                    break;
                case "gc":
                    System.gc();
                    out.println(stats(connections.getAsInt(), fullHandshakes.getAsLong()).encode());
                    break;
                case PROFILE:
                    diagnostics.startProfile(Path.of(argument(words)));
                    out.println(DONE + " " + PROFILE);
                    break;
                case PROFILE_END:
                    diagnostics.stopProfile();
                    out.println(DONE + " " + PROFILE_END);
                    break;
                case MEMORY:
                    diagnostics.writeMemoryAndThreads(Path.of(argument(words)));
                    out.println(DONE + " " + MEMORY);
                    break;
                case "quit":
                    diagnostics.stopProfile();
                    return;
                default:
                    out.println("error unknown command " + line);
            }
        }
    }

    private static String argument(String[] words) {
        if (words.length < 2 || words[1].isBlank()) {
            throw new IllegalArgumentException("command " + words[0] + " needs a file name");
        }
        return words[1];
    }

    private static ServerStats stats(int connections, long fullHandshakes) throws IOException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] ticks = cpuTicks();
        return new ServerStats(os.getProcessCpuTime(), ticks[0], ticks[1], residentKib(), memory.getHeapMemoryUsage().getUsed(),
                ManagementFactory.getThreadMXBean().getThreadCount(), connections, fullHandshakes);
    }

    /** VmRSS from /proc/self/status (Linux); -1 elsewhere. */
    private static long residentKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        List<String> lines = Files.readAllLines(status, StandardCharsets.US_ASCII);
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** utime and stime from /proc/self/stat (fields 14 and 15, counted after the command name); -1 elsewhere. */
    private static long[] cpuTicks() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return new long[] {-1, -1};
        }
        String line = Files.readString(stat, StandardCharsets.US_ASCII);
        // The command name, in parentheses, may contain spaces: count fields after its closing parenthesis.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    private static String requireVariable(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }
}
