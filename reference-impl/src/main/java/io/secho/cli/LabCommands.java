package io.secho.cli;

import io.secho.crypto.SystemRandomBytes;
import io.secho.lab.LabClient;
import io.secho.lab.LabClientConfig;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProtocolException;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.options.DurationConverter;
import io.secho.options.LabOptions;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code client --profile lab} and {@code server --profile lab}: the v1 commands hand over to these. */
final class LabCommands {
    private static final String CLIENT = ClientCommand.WHO;
    private static final String SERVER = ServerCommand.WHO;

    private LabCommands() {
    }

    static int client(CommandLine commandLine, LabOptions options, String host, int port, List<String> messages,
                      InputStream stdin, Duration timeout) {
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        LabProfile profile = options.toProfile(commandLine);
        Optional<LabKey> key = options.loadKey(commandLine, CLIENT);
        LabClientConfig config;
        try {
            config = new LabClientConfig(host, port, profile, key, timeout, new SystemRandomBytes());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        try (LabClient client = LabClient.connect(config)) {
            err.printf("%s: connected to %s:%d, lab profile: %s; %s%n", CLIENT, host, port, profile.describe(),
                    client.handshake());
            err.flush();
            if (messages != null) {
                for (String message : messages) {
                    out.println(client.echo(message));
                    out.flush();
                }
            } else {
                StandardInputEcho.run(client::echo, stdin, out, err);
            }
            return ExitCodes.SUCCESS;
        } catch (LabProtocolException e) {
            err.println(CLIENT + ": " + e.getMessage());
            return ExitCodes.SESSION_FAILED;
        } catch (SocketTimeoutException e) {
            err.printf("%s: no answer from %s:%d within %s (the server hangs, or expects another profile)%n",
                    CLIENT, host, port, DurationConverter.format(timeout));
            return ExitCodes.SESSION_FAILED;
        } catch (UnknownHostException e) {
            err.println(CLIENT + ": unknown host " + host);
            return ExitCodes.NETWORK;
        } catch (ConnectException e) {
            err.printf("%s: cannot connect to %s:%d: %s%n", CLIENT, host, port, e.getMessage());
            return ExitCodes.NETWORK;
        } catch (IOException e) {
            err.printf("%s: connection to %s:%d failed: %s%n", CLIENT, host, port, e.getMessage());
            return ExitCodes.NETWORK;
        } catch (IllegalArgumentException e) {
            err.println(CLIENT + ": " + e.getMessage());
            return ExitCodes.SESSION_FAILED;
        }
    }

    static int server(CommandLine commandLine, LabOptions options, InetAddress bindAddress, int port,
                      Duration handshakeTimeout, Duration idleTimeout, int maxConnections) throws InterruptedException {
        LabProfile profile = options.toProfile(commandLine);
        Optional<LabKey> key = options.loadKey(commandLine, SERVER);
        PrintWriter err = commandLine.getErr();
        LabServerConfig config;
        try {
            config = new LabServerConfig(bindAddress, port, profile, key, handshakeTimeout, idleTimeout,
                    maxConnections, new SystemRandomBytes(), line -> {
                        synchronized (err) {
                            err.println(line);
                            err.flush();
                        }
                    });
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        LabServer server;
        try {
            server = LabServer.start(config);
        } catch (IOException e) {
            err.println(SERVER + ": " + e.getMessage());
            return ExitCodes.NETWORK;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println(SERVER + ": stopped");
            err.flush();
            stopped.countDown();
        }, "secho-lab-shutdown"));
        err.printf("%s: listening on %s:%d, lab profile: %s (Ctrl+C stops)%n", SERVER, bindAddress.getHostAddress(),
                server.port(), profile.describe());
        err.flush();
        stopped.await();
        return ExitCodes.SUCCESS;
    }
}
