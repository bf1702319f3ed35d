package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.handshake.Suite;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

@CommandLine.Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serve Secho v1 until Ctrl+C. Logs one line per connection to standard error "
                + "(never keys or message contents).",
            "With --profile lab, serve the lab's own protocol instead (for testing the lab's clients and the "
                + "harness); the lab options below choose the variant and its knobs."})
final class ServerCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @CommandLine.Option(names = "--port", defaultValue = "8443",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @CommandLine.Option(names = "--suite", paramLabel = "SUITE", converter = SuiteConverter.class,
            description = "Suite to offer: x25519, modp2048 or psk. Repeatable. Default: x25519 and modp2048, "
                    + "and psk when a key is given.")
    List<Suite> suites;

    @CommandLine.Mixin
    PskOptions pskOptions = new PskOptions();

    @CommandLine.Option(names = "--handshake-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Time a client has to complete the handshake (default: ${DEFAULT-VALUE}; at most 30s).")
    Duration handshakeTimeout;

    @CommandLine.Option(names = "--idle-timeout", defaultValue = "300s", converter = DurationConverter.class,
            description = "Time an established session may stay silent (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @CommandLine.Option(names = "--max-connections", defaultValue = "1024",
            description = "Connections served at once; more get the busy alert (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    ServerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine commandLine = spec.commandLine();
        if (labOptions.lab()) {
            LabOptions.rejectForLab(commandLine, List.of("--suite", "--psk-file"));
            return LabCommands.server(commandLine, labOptions, resolve(commandLine), port, handshakeTimeout,
                    idleTimeout, maxConnections);
        }
        labOptions.rejectForV1(commandLine);
        Optional<PreSharedKey> psk = pskOptions.load(commandLine, environment);
        ServerConfig.Builder builder = ServerConfig.builder()
                .bindAddress(resolve(commandLine))
                .port(port)
                .handshakeTimeout(handshakeTimeout)
                .idleTimeout(idleTimeout)
                .maxConnections(maxConnections);
        psk.ifPresent(builder::psk);
        if (suites != null) {
            builder.suites(EnumSet.copyOf(suites));
        }
        ServerConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        SechoServer server;
        try {
            server = SechoServer.start(config);
        } catch (IOException e) {
            commandLine.getErr().println("secho server: " + e.getMessage());
            return SechoCli.EXIT_NETWORK;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            commandLine.getErr().println("secho server: stopped");
            stopped.countDown();
        }, "secho-shutdown"));
        commandLine.getErr().printf("secho server: listening on %s:%d, suites %s (Ctrl+C stops)%n",
                config.bindAddress().getHostAddress(), server.port(),
                config.suites().stream().sorted().map(Suite::wireName).collect(Collectors.joining(", ")));
        commandLine.getErr().flush();
        stopped.await();
        return 0;
    }

    private InetAddress resolve(CommandLine commandLine) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(commandLine, "--host: unknown host '" + host + "'");
        }
    }
}
