package io.secho.conformance.targets;

import io.secho.alert.AlertCode;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.crypto.InsecureDeterministicRandomBytes;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Suite;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import io.secho.wire.Hex;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A target shipped as a Docker image: started with Testcontainers, judged ready only when it answers a
 * ClientHello (an open port is not enough), and stopped at the end of the run. The image receives the
 * pre-shared key, when there is one, in the environment variable SECHO_PSK.
 */
public final class ImageTarget implements AutoCloseable {
    public static final int DEFAULT_PORT = 8443;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final GenericContainer<?> container;

    private ImageTarget(GenericContainer<?> container) {
        this.container = container;
    }

    /**
     * @throws IOException with a message for a user when Docker is missing or the image does not start
     */
    public static ImageTarget start(String image, int port, Optional<PreSharedKey> psk) throws IOException {
        GenericContainer<?> container;
        try {
            container = new GenericContainer<>(DockerImageName.parse(image)).withExposedPorts(port)
                    .waitingFor(new AnswersClientHello(port).withStartupTimeout(STARTUP_TIMEOUT));
            psk.ifPresent(key -> container.withEnv("SECHO_PSK", Hex.encode(key.bytes())));
            container.start();
        } catch (IllegalStateException e) {
            throw new IOException("cannot start image " + image + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new IOException("image " + image + " did not become ready: " + rootMessage(e), e);
        }
        return new ImageTarget(container);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(container.getHost(), container.getMappedPort(container.getExposedPorts().get(0)));
    }

    public String logs() {
        return container.getLogs();
    }

    @Override
    public void close() {
        container.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
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
                InetSocketAddress address = new InetSocketAddress(waitStrategyTarget.getHost(),
                        waitStrategyTarget.getMappedPort(port));
                try (TestConnection connection = TestConnection.open(address, new Trace(), Duration.ofSeconds(2))) {
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
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new IllegalStateException("no answer to a ClientHello within " + startupTimeout.toSeconds()
                    + " s; last attempt: " + last);
        }
    }
}
