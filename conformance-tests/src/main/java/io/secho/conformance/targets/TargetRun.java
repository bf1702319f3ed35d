package io.secho.conformance.targets;

import io.secho.alert.AlertCode;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.crypto.InsecureDeterministicRandomBytes;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Suite;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the harness against one target: the address, the embedded reference server when no
 * external target was named, and which suites the target offers (probed once, on first need).
 */
public final class TargetRun implements AutoCloseable {
    /**
     * The embedded server's handshake timeout: short, so the timeout cases take seconds, not ten; long enough
     * that a handshake on a loaded two-core machine never runs into it.
     */
    public static final Duration EMBEDDED_HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);
    /** Short too, for the idle timeout cases; no other case leaves a session silent this long. */
    public static final Duration EMBEDDED_IDLE_TIMEOUT = Duration.ofSeconds(5);

    private final TargetConfig config;
    private final InetSocketAddress address;
    private final Optional<SechoServer> embedded;
    private Optional<ImageTarget> image = Optional.empty();
    private final Optional<PreSharedKey> psk;
    private final Duration handshakeTimeout;
    private final Optional<Duration> idleTimeout;
    private Map<Suite, SuiteSupport> support;

    private TargetRun(TargetConfig config, InetSocketAddress address, Optional<SechoServer> embedded,
                      Optional<PreSharedKey> psk, Duration handshakeTimeout, Optional<Duration> idleTimeout) {
        this.config = config;
        this.address = address;
        this.embedded = embedded;
        this.psk = psk;
        this.handshakeTimeout = handshakeTimeout;
        this.idleTimeout = idleTimeout;
    }

    public static TargetRun start(TargetConfig config) throws IOException {
        if (config.image().isPresent()) {
            ImageTarget started = ImageTarget.start(config.image().get(), ImageTarget.DEFAULT_PORT, config.psk());
            TargetRun run = new TargetRun(config, started.address(), Optional.empty(), config.psk(),
                    config.handshakeTimeout(), config.idleTimeout());
            run.image = Optional.of(started);
            return run;
        }
        if (config.external().isPresent()) {
            InetSocketAddress unresolved = config.external().get();
            InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve target host '" + unresolved.getHostString() + "'");
            }
            return new TargetRun(config, address, Optional.empty(), config.psk(), config.handshakeTimeout(),
                    config.idleTimeout());
        }
        PreSharedKey key = config.psk().orElseGet(() -> PreSharedKey.of(
                InsecureDeterministicRandomBytes.fromLabel("secho-conformance embedded psk " + config.seed())
                        .nextBytes(PreSharedKey.LENGTH)));
        SechoServer server = SechoServer.start(ServerConfig.builder()
                .port(0)
                .psk(key)
                .handshakeTimeout(EMBEDDED_HANDSHAKE_TIMEOUT)
                .idleTimeout(EMBEDDED_IDLE_TIMEOUT)
                .log(line -> { })
                .build());
        return new TargetRun(config, new InetSocketAddress("127.0.0.1", server.port()), Optional.of(server),
                Optional.of(key), EMBEDDED_HANDSHAKE_TIMEOUT, Optional.of(EMBEDDED_IDLE_TIMEOUT));
    }

    public TargetConfig config() {
        return config;
    }

    public InetSocketAddress address() {
        return address;
    }

    public Optional<PreSharedKey> psk() {
        return psk;
    }

    /** The handshake timeout the target is expected to enforce (at most the spec's 30 s). */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The idle timeout the target is said to enforce, if the user said it. */
    public Optional<Duration> idleTimeout() {
        return idleTimeout;
    }

    public String describe() {
        if (image.isPresent()) {
            return "image " + config.image().orElse("?") + " at " + address.getHostString() + ":" + address.getPort();
        }
        return embedded.isPresent()
                ? "embedded reference server on 127.0.0.1:" + address.getPort()
                : address.getHostString() + ":" + address.getPort();
    }

    /** Probes every suite once (one connection each); later calls return the same answer. */
    public synchronized Map<Suite, SuiteSupport> suiteSupport() {
        if (support == null) {
            Map<Suite, SuiteSupport> found = new EnumMap<>(Suite.class);
            for (Suite suite : Suite.values()) {
                found.put(suite, probe(suite));
            }
            support = found;
        }
        return support;
    }

    private SuiteSupport probe(Suite suite) {
        if (!config.suites().contains(suite)) {
            return new SuiteSupport(SuiteSupport.Status.NOT_TESTABLE, "not selected (--suite)");
        }
        if (suite == Suite.PSK && psk.isEmpty()) {
            return new SuiteSupport(SuiteSupport.Status.NOT_TESTABLE, "no pre-shared key given (--psk-file)");
        }
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel(
                "secho-conformance probe " + config.seed() + " " + suite);
        try (TestConnection connection = TestConnection.open(address, new Trace(), config.ioTimeout())) {
            byte[] clientRandom = random.nextBytes(ClientHello.RANDOM_LENGTH);
            byte[] share = suite.newKeyExchange(random, psk).publicShare();
            connection.send(new ClientHello(suite, clientRandom, share).toFrame(), "probe");
            Frame first = connection.readFrame("ServerHello or alert");
            if (first.type() == FrameType.SERVER_HELLO) {
                return new SuiteSupport(SuiteSupport.Status.OFFERED, "ServerHello received");
            }
            if (first.type() == FrameType.ALERT && first.length() == 1
                    && (first.body()[0] & 0xff) == AlertCode.UNSUPPORTED_SUITE.code()) {
                return new SuiteSupport(SuiteSupport.Status.NOT_OFFERED, "the target answered unsupported_suite");
            }
            return new SuiteSupport(SuiteSupport.Status.INCONCLUSIVE, "the target answered " + Decoded.describeFrame(first));
        } catch (ConnectionEndedException e) {
            return new SuiteSupport(SuiteSupport.Status.INCONCLUSIVE, e.getMessage());
        } catch (IOException e) {
            return new SuiteSupport(SuiteSupport.Status.INCONCLUSIVE, e.getMessage());
        }
    }

    @Override
    public void close() {
        embedded.ifPresent(SechoServer::close);
        image.ifPresent(ImageTarget::close);
    }
}
