package io.secho.cli;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@CommandLine.Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Talk to a Secho v1 server. With --message, send each message, print each reply on its own "
                + "line, then close. Without it, read lines from standard input (type a line, see the reply); an "
                + "empty line or end of input closes the session."})
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

    ClientCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
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
                echoStandardInput(client, out, err);
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

    /** One message per line of standard input, each reply printed before the next line is read. */
    private static void echoStandardInput(SechoClient client, PrintWriter out, PrintWriter err)
            throws IOException, SessionException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean interactive = System.console() != null;
        if (interactive) {
            err.println("type a line to send it; an empty line ends the session");
        }
        while (true) {
            if (interactive) {
                err.print("> ");
                err.flush();
            }
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                return;
            }
            out.println(client.echo(line));
            out.flush();
        }
    }
}
