package io.secho.cli;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;

@CommandLine.Command(name = "demo", mixinStandardHelpOptions = true,
        description = "End-to-end check: start a reference server on a free loopback port, run a session in "
                + "every suite over real TCP with the reference client, and compare each reply with the "
                + "expected upper-casing.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every reply was right", "1:a reply was wrong, or a session failed",
            "3:network error: no loopback port to listen on, or a connection failed"})
final class DemoCommand implements Callable<Integer> {
    /** Request and the reply the spec requires, including the cases that break naive upper-casing. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("hello, secho", "HELLO, SECHO");
        EXPECTED.put("straße", "STRASSE");
        EXPECTED.put("ﬁne ŉ ǰ", "FINE ʼN J̌");
        EXPECTED.put("ΐ", "\u0399\u0308\u0301");
        EXPECTED.put("istanbul ı", "ISTANBUL I");
        EXPECTED.put("", "");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            return run(spec.commandLine().getOut());
        } catch (IOException e) {
            spec.commandLine().getErr().println("secho demo: " + e.getMessage());
            return ExitCodes.NETWORK;
        }
    }

    private static int run(PrintWriter out) throws IOException {
        PreSharedKey demoKey = PreSharedKey.of(new SystemRandomBytes().nextBytes(PreSharedKey.LENGTH));
        ConcurrentLinkedQueue<String> serverLog = new ConcurrentLinkedQueue<>();
        ServerConfig serverConfig = ServerConfig.builder().port(0).psk(demoKey).log(serverLog::add).build();
        int failures = 0;
        try (SechoServer server = SechoServer.start(serverConfig)) {
            out.printf("Secho v1 demo: reference server on 127.0.0.1:%d (a fresh random PSK for the psk suite)%n",
                    server.port());
            for (Suite suite : EnumSet.allOf(Suite.class)) {
                failures += runSuite(suite, server.port(), demoKey, out);
            }
            waitForLogLines(serverLog, EnumSet.allOf(Suite.class).size());
        }
        serverLog.forEach(line -> out.println("server log: " + line));
        int total = EXPECTED.size() * Suite.values().length;
        out.printf("%d passed, %d failed%n", total - failures, failures);
        return failures == 0 ? ExitCodes.SUCCESS : ExitCodes.SESSION_FAILED;
    }

    private static int runSuite(Suite suite, int port, PreSharedKey key, PrintWriter out) throws IOException {
        ClientConfig config = ClientConfig.of("127.0.0.1", port, List.of(suite), Optional.of(key));
        int failures = 0;
        try (SechoClient client = SechoClient.connect(config)) {
            for (Map.Entry<String, String> entry : EXPECTED.entrySet()) {
                String reply = client.echo(entry.getKey());
                boolean ok = reply.equals(entry.getValue());
                failures += ok ? 0 : 1;
                out.printf("[%-8s] %-4s \"%s\" -> \"%s\"%s%n", suite, ok ? "ok" : "FAIL", entry.getKey(), reply,
                        ok ? "" : " (expected \"" + entry.getValue() + "\")");
            }
        } catch (SessionException e) {
            out.printf("[%-8s] FAIL %s%n", suite, e.getMessage());
            return EXPECTED.size();
        }
        return failures;
    }

    /** The server logs a connection after the client has seen its Close; give it a moment. */
    private static void waitForLogLines(ConcurrentLinkedQueue<String> log, int expected) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (log.size() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
