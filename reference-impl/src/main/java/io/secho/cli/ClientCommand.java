package io.secho.cli;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@CommandLine.Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Talk to a Secho v1 server. With --message, send each message, print each reply on its own "
                + "line, then close. Without it, read lines from standard input (type a line, see the reply); an "
                + "empty line or end of input closes the session.",
            "With --profile lab, talk to one of the lab's servers (Server_sec.py, Server_dh.py) in their own "
                + "protocol; the lab options below say how that server does it."})
final class ClientCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @CommandLine.Option(names = "--port", defaultValue = "8443", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Option(names = "--suite", paramLabel = "SUITE", converter = SuiteConverter.class,
            description = "Suite to propose: x25519, modp2048 or psk. Repeatable: tried in order while the server "
                    + "answers unsupported_suite. Default: psk when a key is given, else x25519 then modp2048.")
    List<Suite> suites;

    @CommandLine.Mixin
    PskOptions pskOptions = new PskOptions();

    @CommandLine.Option(names = "--message", paramLabel = "TEXT",
            description = "A message to send (repeatable; may be empty).")
    List<String> messages;

    @CommandLine.Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Limit on connecting and on each wait for the server (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Mixin
    LabOptions labOptions = new LabOptions();

    ClientCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        if (labOptions.lab()) {
            LabOptions.rejectForLab(commandLine, List.of("--suite", "--psk-file"));
            return LabCommands.client(commandLine, labOptions, host, port, messages, timeout);
        }
        labOptions.rejectForV1(commandLine);
        Optional<PreSharedKey> psk = pskOptions.load(commandLine, environment);
        List<Suite> proposed = suites != null ? suites
                : psk.isPresent() ? List.of(Suite.PSK) : List.of(Suite.X25519, Suite.MODP2048);
        ClientConfig config;
        try {
            config = new ClientConfig(host, port, proposed, psk, timeout, new SystemRandomBytes());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        try (SechoClient client = SechoClient.connect(config)) {
            err.printf("secho client: connected to %s:%d, suite %s%n", host, port, client.suite());
            err.flush();
            if (messages != null) {
                for (String message : messages) {
                    out.println(client.echo(message));
                    out.flush();
                }
            } else {
                StandardInputEcho.run(client::echo, out, err);
            }
            return 0;
        } catch (SessionException e) {
            err.println("secho client: " + e.getMessage());
            return SechoCli.EXIT_SESSION_FAILED;
        } catch (UnknownHostException e) {
            err.println("secho client: unknown host " + host);
            return SechoCli.EXIT_NETWORK;
        } catch (ConnectException e) {
            err.printf("secho client: cannot connect to %s:%d: %s%n", host, port, e.getMessage());
            return SechoCli.EXIT_NETWORK;
        } catch (IOException e) {
            err.printf("secho client: connection to %s:%d failed: %s%n", host, port, e.getMessage());
            return SechoCli.EXIT_NETWORK;
        } catch (IllegalArgumentException e) {
            err.println("secho client: " + e.getMessage());
            return SechoCli.EXIT_SESSION_FAILED;
        }
    }
}
