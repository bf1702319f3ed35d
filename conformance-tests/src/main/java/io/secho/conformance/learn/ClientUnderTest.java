package io.secho.conformance.learn;

import io.secho.conformance.clients.ClientCommand;
import io.secho.conformance.clients.ClientProcess;
import io.secho.conformance.peer.Suite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The client a learning run starts once per query, by the client contract of spec Section 17.2: the placeholders
 * filled, the query's lines on standard input, then the stream closed. Either a command ({@code --client-command},
 * run through {@link ClientProcess}, killed with its whole process tree when the query ends) or the reference
 * client, or a test's client, on a thread of the harness's own JVM ({@code --client-reference} without a JVM start
 * per query).
 */
public sealed interface ClientUnderTest permits ClientUnderTest.Command, ClientUnderTest.InProcess {
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
     * A client run on a thread of the harness: the reference client ({@link #reference}) without a JVM start per
     * query, or a test's own client. {@link Running#stop()} waits at most {@code endWait} for it to finish after
     * the connection ended (it is a daemon thread: one that does not finish holds no JVM open).
     *
     * @param session the client: it connects to host:port and reads its lines from the stream it is given
     */
    record InProcess(String description, Session session, Duration endWait) implements ClientUnderTest {
        /** How long a stopped in-process client may take to see the connection's end and return. */
        public static final Duration DEFAULT_END_WAIT = Duration.ofSeconds(5);

        /** One run of an in-process client, as the contract runs a command: its standard input given. */
        @FunctionalInterface
        public interface Session {
            void run(String host, int port, Suite suite, Path pskFile, InputStream stdin) throws Exception;
        }

        public InProcess {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(endWait, "endWait");
        }

        @Override
        public Running start(String host, int port, Suite suite, Path pskFile, List<String> lines) {
            StringBuilder input = new StringBuilder();
            lines.forEach(line -> input.append(line).append('\n'));
            InputStream stdin = new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8));
            Thread client = new Thread(() -> {
                try {
                    session.run(host, port, suite, pskFile, stdin);
                } catch (Exception failed) {
                    // A client's failure shows in what it sent; the model judges that, not how it ended.
                }
            }, "secho-learn-client");
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
    }
}
