package io.secho.cli;

import io.secho.crypto.PreSharedKey;
import io.secho.handshake.Suite;
import io.secho.options.DurationConverter;
import io.secho.options.LabOptions;
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

@CommandLine.Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Serve Secho v1 until Ctrl+C. Logs one line per connection to standard error "
                + "(never keys or message contents).",
            "With --profile lab, serve the lab's own protocol instead (for testing the lab's clients and the "
                + "harness); the lab options below choose the variant and its knobs."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:stopped by Ctrl+C (or a termination signal)", ExitCodes.USAGE_HELP,
            ExitCodes.CANNOT_LISTEN_HELP})
final class ServerCommand implements Callable<Integer> {
    static final String WHO = "secho server";

    private final Map<String, String> environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(validate = false, heading = "%nListening:%n", order = 1)
    Listening listening = new Listening();

    @CommandLine.ArgGroup(validate = false, heading = "%nSuites and keys:%n", order = 2)
    SuitesAndKeys suitesAndKeys = new SuitesAndKeys();

    @CommandLine.ArgGroup(validate = false, heading = "%nTimeouts and limits:%n", order = 3)
    Limits limits = new Limits();

    @CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    static final class Listening {
        @CommandLine.Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
        String host;

        @CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
                description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;
    }

    static final class SuitesAndKeys {
        @CommandLine.Option(names = "--suite", paramLabel = "SUITE", converter = SuiteConverter.class,
                description = "Suite to offer: x25519, modp2048 or psk. Repeatable. Default: x25519 and modp2048, "
                        + "and psk when a key is given.")
        List<Suite> suites;

        @CommandLine.ArgGroup(validate = false)
        PskOptions psk = new PskOptions();
    }

    static final class Limits {
        @CommandLine.Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "10s",
                converter = DurationConverter.class,
                description = "Time a client has to complete the handshake (default: ${DEFAULT-VALUE}; at most 30s, "
                        + "as the spec requires).")
        Duration handshakeTimeout;

        @CommandLine.Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5m",
                converter = DurationConverter.class,
                description = "Time an established session may stay silent (default: ${DEFAULT-VALUE}).")
        Duration idleTimeout;

        @CommandLine.Option(names = "--max-connections", paramLabel = "N",
                defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
                description = "Connections served at once; more get the busy alert (default: ${DEFAULT-VALUE}).")
        int maxConnections;
    }

    ServerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine commandLine = spec.commandLine();
        if (labOptions.lab()) {
            LabOptions.rejectForLab(commandLine, List.of("--suite", PskOptions.OPTION));
            return LabCommands.server(commandLine, labOptions, resolve(commandLine), listening.port,
                    limits.handshakeTimeout, limits.idleTimeout, limits.maxConnections);
        }
        labOptions.rejectForV1(commandLine);
        Optional<PreSharedKey> psk = suitesAndKeys.psk.load(commandLine, environment, WHO);
        ServerConfig.Builder builder = ServerConfig.builder()
                .bindAddress(resolve(commandLine))
                .port(listening.port)
                .handshakeTimeout(limits.handshakeTimeout)
                .idleTimeout(limits.idleTimeout)
                .maxConnections(limits.maxConnections);
        psk.ifPresent(builder::psk);
        if (suitesAndKeys.suites != null) {
            builder.suites(EnumSet.copyOf(suitesAndKeys.suites));
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
            commandLine.getErr().println(WHO + ": " + e.getMessage());
            return ExitCodes.NETWORK;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            commandLine.getErr().println(WHO + ": stopped");
            stopped.countDown();
        }, "secho-shutdown"));
        commandLine.getErr().printf("%s: listening on %s:%d, suites %s, handshake timeout %s, idle timeout %s "
                        + "(Ctrl+C stops)%n", WHO, config.bindAddress().getHostAddress(), server.port(),
                config.suites().stream().sorted().map(Suite::wireName).collect(Collectors.joining(", ")),
                DurationConverter.format(config.handshakeTimeout()), DurationConverter.format(config.idleTimeout()));
        commandLine.getErr().flush();
        stopped.await();
        return ExitCodes.SUCCESS;
    }

    private InetAddress resolve(CommandLine commandLine) {
        try {
            return InetAddress.getByName(listening.host);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(commandLine, "--host: unknown host '" + listening.host + "'");
        }
    }
}
