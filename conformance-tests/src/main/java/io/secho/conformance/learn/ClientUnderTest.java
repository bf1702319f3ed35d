package io.secho.conformance.learn;

import io.secho.cli.SechoCli;
import io.secho.conformance.clients.ClientCommand;
import io.secho.conformance.clients.ClientProcess;
import io.secho.conformance.peer.Suite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The client a learning run starts once per query, by the client contract of spec Section 17.2: the placeholders
 * filled, the query's lines on standard input, then the stream closed. Either a command ({@code --client-command},
 * run through {@link ClientProcess}, killed with its whole process tree when the query ends) or the reference
 * client in the harness's own JVM ({@code --client-reference} without a JVM start per query).
 */
public sealed interface ClientUnderTest permits ClientUnderTest.Command, ClientUnderTest.InProcessReference {
    /**
     * Starts one run against the test server at {@code host:port}.
     *
     * @throws IOException when the command cannot be started
     */
    Running start(String host, int port, Suite suite, Path pskFile, List<String> lines) throws IOException;

    /** What reports call the client. */
    String description();

    /** One run of the client. */
    interface Running {
        /** Ends the run now: the process tree killed, or the in-process client given a bounded time to finish. */
        void stop();
    }

    /** A client command, as for every client case ({@code --client-command}, or the reference's command). */
    record Command(ClientCommand command) implements ClientUnderTest {
        @Override
        public Running start(String host, int port, Suite suite, Path pskFile, List<String> lines) throws IOException {
            ClientProcess process = ClientProcess.start(command.resolve(host, port, suite.wireName(), pskFile), lines);
            // A limit of zero from its start: whatever still runs is killed with every process it started.
            return () -> process.await(Duration.ZERO);
        }

        @Override
        public String description() {
            return command.description();
        }
    }

    /**
     * The reference client's command line run by {@link SechoCli#execute} on a thread of the harness: the same
     * code and arguments as {@link ClientCommand#reference()}, without a JVM start per query.
     *
     * @param timeout the client's {@code --timeout}, its wait for the server (REQ-LIM-8)
     * @param endWait how long {@link Running#stop()} waits for the client to finish after the connection ended
     */
    record InProcessReference(String timeout, Duration endWait) implements ClientUnderTest {
        public static InProcessReference standard() {
            return new InProcessReference(ClientCommand.REFERENCE_TIMEOUT, Duration.ofSeconds(5));
        }

        @Override
        public Running start(String host, int port, Suite suite, Path pskFile, List<String> lines) {
            ClientCommand arguments = new ClientCommand(ClientCommand.referenceClientArguments(timeout), description());
            String[] args = arguments.resolve(host, port, suite.wireName(), pskFile).toArray(String[]::new);
            StringBuilder input = new StringBuilder();
            lines.forEach(line -> input.append(line).append('\n'));
            byte[] stdin = input.toString().getBytes(StandardCharsets.UTF_8);
            Thread client = new Thread(() -> SechoCli.execute(args, new ByteArrayInputStream(stdin),
                    new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), Map.of()),
                    "secho-learn-reference-client");
            client.setDaemon(true);
            client.start();
            return () -> {
                try {
                    client.join(endWait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        @Override
        public String description() {
            return "the reference client, in-process (" + ClientCommand.REFERENCE_MAIN + " client, --timeout " + timeout
                    + ")";
        }
    }
}
