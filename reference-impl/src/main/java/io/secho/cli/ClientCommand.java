package io.secho.cli;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import io.secho.options.DurationConverter;
import io.secho.options.LabOptions;
import io.secho.server.ServerConfig;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@CommandLine.Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Talk to a Secho v1 server. With --message, send each message, print each reply on its own "
                + "line, then close. Without it, read lines from standard input (type a line, see the reply); an "
                + "empty line or end of input closes the session.",
            "With --profile lab, talk to one of the lab's servers (Server_sec.py, Server_dh.py) in their own "
                + "protocol; the lab options below say how that server does it."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every message was echoed and the session closed", ExitCodes.SESSION_FAILED_HELP,
            ExitCodes.USAGE_HELP, ExitCodes.CANNOT_CONNECT_HELP})
final class ClientCommand implements Callable<Integer> {
    static final String WHO = "secho client";

    private final Map<String, String> environment;
    private final InputStream stdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(validate = false, heading = "%nServer and messages:%n", order = 1)
    Target target = new Target();

    @CommandLine.ArgGroup(validate = false, heading = "%nSuites and keys:%n", order = 2)
    SuitesAndKeys suitesAndKeys = new SuitesAndKeys();

    @CommandLine.ArgGroup(validate = false, heading = "%nTimeouts:%n", order = 3)
    Timeouts timeouts = new Timeouts();

    @CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    static final class Target {
        @CommandLine.Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "Server host (default: ${DEFAULT-VALUE}).")
        String host;

        @CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
                description = "Server port (default: ${DEFAULT-VALUE}).")
        int port;

        @CommandLine.Option(names = "--message", paramLabel = "TEXT",
                description = "A message to send (repeatable; may be empty). Without it, lines from standard input.")
        List<String> messages;
    }

    static final class SuitesAndKeys {
        @CommandLine.Option(names = "--suite", paramLabel = "SUITE", converter = SuiteConverter.class,
                description = "Suite to propose: x25519, modp2048 or psk. Repeatable: tried in order while the "
                        + "server answers unsupported_suite. Default: psk when a key is given, else x25519 then "
                        + "modp2048.")
        List<Suite> suites;

        @CommandLine.ArgGroup(validate = false)
        PskOptions psk = new PskOptions();
    }

    static final class Timeouts {
        @CommandLine.Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
                converter = DurationConverter.class,
                description = "Limit on connecting and on each wait for the server (default: ${DEFAULT-VALUE}; at most 30s "
                        + "with a Secho v1 server). When it runs out the session fails.")
        Duration timeout;
    }

    ClientCommand(Map<String, String> environment, InputStream stdin) {
        this.environment = environment;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        if (labOptions.lab()) {
            LabOptions.rejectForLab(commandLine, List.of("--suite", PskOptions.OPTION));
            return LabCommands.client(commandLine, labOptions, target.host, target.port, target.messages, stdin,
                    timeouts.timeout);
        }
        labOptions.rejectForV1(commandLine);
        Optional<PreSharedKey> psk = suitesAndKeys.psk.load(commandLine, environment, WHO);
        List<Suite> proposed = suitesAndKeys.suites != null ? suitesAndKeys.suites
                : psk.isPresent() ? List.of(Suite.PSK) : List.of(Suite.X25519, Suite.MODP2048);
        ClientConfig config;
        try {
            config = new ClientConfig(target.host, target.port, proposed, psk, timeouts.timeout, new SystemRandomBytes());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        return session(config, commandLine.getOut(), commandLine.getErr());
    }

    /**
     * Exit code 0 only for a clean end: every message answered and the Close exchanged (REQ-CLOSE-2, REQ-CLOSE-6).
     * Each reply is printed once the client returned it, that is once its record passed every check, UTF-8
     * included (REQ-ECHO-12, REQ-ECHO-13); after a failure nothing more is printed.
     */
    private int session(ClientConfig config, PrintWriter out, PrintWriter err) {
        String server = target.host + ":" + target.port;
        SechoClient client = null;
        try {
            client = SechoClient.connect(config);
            err.printf("%s: connected to %s, suite %s%n", WHO, server, client.suite());
            err.flush();
            if (target.messages != null) {
                for (String message : target.messages) {
                    String reply = client.echo(message);
                    out.println(reply);
                    out.flush();
                }
            } else {
                StandardInputEcho.run(client::echo, stdin, out, err);
            }
            client.close();
            return ExitCodes.SUCCESS;
        } catch (SessionException e) {
            err.println(WHO + ": " + e.getMessage());
            return ExitCodes.SESSION_FAILED;
        } catch (UnknownHostException e) {
            err.println(WHO + ": unknown host " + target.host);
            return ExitCodes.NETWORK;
        } catch (ConnectException e) {
            err.printf("%s: cannot connect to %s: %s%n", WHO, server, e.getMessage());
            return ExitCodes.NETWORK;
        } catch (SocketTimeoutException e) {
            // REQ-LIM-8: the client has already ended the connection.
            if (client == null) {
                err.printf("%s: no answer from %s within %s (a Secho v1 server answers at once; a lab server needs "
                        + "--profile lab)%n", WHO, server, DurationConverter.format(config.timeout()));
            } else {
                err.printf("%s: no answer from %s within %s (waiting for %s); the session failed%n", WHO, server,
                        DurationConverter.format(config.timeout()), e.getMessage());
            }
            return ExitCodes.SESSION_FAILED;
        } catch (IOException e) {
            err.printf("%s: connection to %s failed: %s%n", WHO, server, e.getMessage());
            return ExitCodes.NETWORK;
        } catch (IllegalArgumentException e) {
            err.println(WHO + ": " + e.getMessage());
            return ExitCodes.SESSION_FAILED;
        } finally {
            endAfterFailure(client);
        }
    }

    /** A session given up for a local reason (a message too long) still ends with the Close exchange. */
    private static void endAfterFailure(SechoClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException | SessionException | RuntimeException ignored) {
            // The session has already failed and been reported; this only ends the connection properly.
        }
    }
}
