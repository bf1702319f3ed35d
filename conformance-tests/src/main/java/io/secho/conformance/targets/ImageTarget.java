package io.secho.conformance.targets;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.Hex;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A target shipped as a Docker image: started with Testcontainers, judged ready only when it answers a
 * ClientHello (an open port is not enough), and stopped at the end of the run. The image receives the
 * pre-shared key, when there is one, in the environment variable SECHO_PSK.
 *
 * <p>The image must be present in the local engine: the harness never pulls, because where no registry is
 * reachable a pull retries for minutes before it fails.
 */
public final class ImageTarget implements AutoCloseable {
    /** The end of a failed container's log, where the reason usually is. */
    private static final int LOG_TAIL_LINES = 20;
    private static final Duration PROBE_IO_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_PAUSE_MILLIS = 200;
    /** Shorter values (a port number, "1") are too common in a log to be told apart from a secret. */
    private static final int MIN_REDACTED_LENGTH = 8;
    private static final int MAX_REASON_LENGTH = 300;

    private final ServerContainer container;
    private final ImageSpec spec;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ImageTarget(ServerContainer container, ImageSpec spec) {
        this.container = container;
        this.spec = spec;
    }

    /**
     * Starts the image and waits until it answers a ClientHello.
     *
     * @throws IOException with a message for a user: no Docker engine, the image is not present, or it did not
     *                     answer in time (with the end of its log)
     */
    public static ImageTarget start(ImageSpec spec, Optional<PreSharedKey> psk) throws IOException {
        requirePresent(dockerClient(), spec.name());
        ServerContainer container = new ServerContainer(spec.name())
                .withExposedPorts(spec.port())
                .withEnv(spec.environment())
                .waitingFor(new AnswersClientHello(spec.port()).withStartupTimeout(spec.startupTimeout()));
        if (!spec.arguments().isEmpty()) {
            container.withCommand(spec.arguments().toArray(String[]::new));
        }
        List<String> secrets = new ArrayList<>(spec.environment().values());
        psk.ifPresent(key -> {
            String hex = Hex.encode(key.bytes());
            container.withEnv(ImageSpec.PSK_VARIABLE, hex);
            secrets.add(hex);
            secrets.add(hex.toUpperCase(Locale.ROOT));
        });
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            String why = container.exitCode.map(code -> "the container exited with code " + code + " before it answered")
                    .orElseGet(() -> reason(e, secrets));
            String log = container.log.map(text -> logTail(text, secrets))
                    .orElse("\n  (the container was removed before its log could be read)");
            throw new IOException("image " + spec.name() + " did not answer a ClientHello on container port "
                    + spec.port() + ": " + why + log);
        }
        container.started = true;
        return new ImageTarget(container, spec);
    }

    /** The image is present in the local engine, or the reason it is not usable. */
    private static void requirePresent(DockerClient client, String image) throws IOException {
        try {
            client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IOException("image " + image + " is not present in the local Docker engine, and the harness "
                    + "never pulls: build it, or docker pull it first (docker image ls lists what is present)");
        } catch (DockerException | IllegalArgumentException e) {
            throw new IOException("cannot use image " + image + ": " + e.getMessage());
        }
    }

    private static DockerClient dockerClient() throws IOException {
        EngineCheck.require(() -> DockerClientFactory.instance().isDockerAvailable(), EngineCheck.LIMIT, System.getenv());
        return DockerClientFactory.instance().client();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(container.getHost(), container.getMappedPort(spec.port()));
    }

    /** For the run's heading: which container answers where. */
    public String describe() {
        InetSocketAddress address = address();
        return spec.describe() + ": container " + container.getContainerId().substring(0, 12) + " answers on "
                + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.stop();
        }
    }

    /** The last lines of the container's log, with the key and any long variable value blanked out. */
    private static String logTail(String text, List<String> secrets) {
        String log = text;
        for (String secret : secrets) {
            if (secret.length() >= MIN_REDACTED_LENGTH) {
                log = log.replace(secret, "<hidden>");
            }
        }
        List<String> lines = Arrays.stream(log.split("\r?\n")).filter(line -> !line.isBlank()).collect(Collectors.toList());
        if (lines.isEmpty()) {
            return "\n  (the container logged nothing)";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        return "\n  the last " + tail.size() + " line(s) of the container's log:\n"
                + tail.stream().map(line -> "  | " + line).collect(Collectors.joining("\n"));
    }

    /**
     * Why the start failed, in a user's terms. Testcontainers' own messages can hold the whole container
     * description, its environment (the key) included, so only their first line is shown, with the secrets
     * blanked out, and the one that does dump it is replaced.
     */
    private static String reason(Throwable e, List<String> secrets) {
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NotReady) {
                return cause.getMessage();
            }
            root = cause;
        }
        if (root.getClass().getSimpleName().equals("ConditionTimeoutException")) {
            return "Docker did not publish the container's port in time (is the container still starting?)";
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        for (String secret : secrets) {
            message = message.replace(secret, "<hidden>");
        }
        return "the container did not start: " + (message.length() > MAX_REASON_LENGTH
                ? message.substring(0, MAX_REASON_LENGTH) + "..." : message);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * Keeps what a failed start leaves behind, for the user: Testcontainers stops and removes the container
     * before its start() throws, so its exit code and log are read just before that.
     */
    private static final class ServerContainer extends GenericContainer<ServerContainer> {
        private volatile boolean started;
        private volatile Optional<Long> exitCode = Optional.empty();
        private volatile Optional<String> log = Optional.empty();

        ServerContainer(String image) {
            // A plain name, not a DockerImageName: Testcontainers then never pulls, and an image ID works too.
            super(CompletableFuture.completedFuture(image));
        }

        @Override
        public void stop() {
            if (!started && getContainerId() != null && log.isEmpty()) {
                try {
                    InspectContainerResponse.ContainerState state = getDockerClient()
                            .inspectContainerCmd(getContainerId()).exec().getState();
                    if (!Boolean.TRUE.equals(state.getRunning())) {
                        exitCode = Optional.ofNullable(state.getExitCodeLong());
                    }
                    log = Optional.of(getLogs());
                } catch (DockerException | IllegalStateException e) {
                    // Gone already (the JVM is stopping, and Testcontainers' own hook removed it): nothing to keep.
                }
            }
            super.stop();
        }
    }

    /** The wait's own verdict, worded for the user: shown as it is. */
    private static final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReady(String message) {
            super(message);
        }
    }

    /** Ready means: a ClientHello gets a ServerHello or unsupported_suite, not just a TCP accept. */
    private static final class AnswersClientHello extends AbstractWaitStrategy {
        private final int port;

        AnswersClientHello(int port) {
            this.port = port;
        }

        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            String last = "no attempt yet";
            while (System.nanoTime() < deadline) {
                if (!waitStrategyTarget.isRunning()) {
                    throw new NotReady("the container stopped before it answered");
                }
                InetSocketAddress address = new InetSocketAddress(waitStrategyTarget.getHost(),
                        waitStrategyTarget.getMappedPort(port));
                try (TestConnection connection = TestConnection.open(address, new Trace(), PROBE_IO_TIMEOUT)) {
                    InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("readiness");
                    connection.send(new ClientHello(Suite.X25519, random.nextBytes(32),
                            Suite.X25519.newKeyExchange(random, Optional.empty()).publicShare()).toFrame(), "readiness probe");
                    Frame answer = connection.readFrame("ServerHello or alert");
                    if (answer.type() == FrameType.SERVER_HELLO || (answer.type() == FrameType.ALERT
                            && answer.length() == 1 && (answer.body()[0] & 0xff) == AlertCode.UNSUPPORTED_SUITE.code())) {
                        return;
                    }
                    last = "answered " + answer;
                } catch (IOException e) {
                    last = e.getMessage();
                }
                try {
                    Thread.sleep(PROBE_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NotReady("interrupted while waiting for the container to answer");
                }
            }
            throw new NotReady("no answer to a ClientHello within " + seconds(startupTimeout)
                    + " (--image-startup-timeout); the last try: " + last);
        }
    }
}
