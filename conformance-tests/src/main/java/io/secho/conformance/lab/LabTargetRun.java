package io.secho.conformance.lab;

import io.secho.conformance.IoProblems;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.SystemRandomBytes;
import io.secho.conformance.targets.TargetDescription;
import io.secho.lab.LabClient;
import io.secho.lab.LabClientConfig;
import io.secho.lab.LabKey;
import io.secho.lab.LabProtocolException;
import io.secho.lab.LabServer;
import io.secho.lab.LabServerConfig;
import io.secho.lab.LabVariant;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/** One lab run against one target: an external lab server, or an embedded reference lab server. */
public final class LabTargetRun implements AutoCloseable {
    /** Short, so that a case that leaves a connection silent does not hold a worker for long. */
    private static final Duration EMBEDDED_TIMEOUT = Duration.ofSeconds(5);

    private final LabTargetConfig config;
    private final InetSocketAddress address;
    private final Optional<LabKey> key;
    private final Optional<LabServer> embedded;
    private final LabRunProgress progress = new LabRunProgress();

    private LabTargetRun(LabTargetConfig config, InetSocketAddress address, Optional<LabKey> key,
                         Optional<LabServer> embedded) {
        this.config = config;
        this.address = address;
        this.key = key;
        this.embedded = embedded;
    }

    public static LabTargetRun start(LabTargetConfig config) throws IOException {
        if (config.external().isPresent()) {
            InetSocketAddress unresolved = config.external().get();
            InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve target host '" + unresolved.getHostString() + "'");
            }
            return new LabTargetRun(config, address, config.key(), Optional.empty());
        }
        Optional<LabKey> key = config.profile().variant() == LabVariant.DH ? Optional.empty()
                : Optional.of(config.key().orElseGet(() -> LabKey.of(InsecureDeterministicRandomBytes.fromLabel(
                        "secho-conformance embedded lab key " + config.seed()).nextBytes(LabKey.AES_256_LENGTH))));
        LabServer server = LabServer.start(LabServerConfig.loopback(0, config.profile(), key)
                .withTimeouts(EMBEDDED_TIMEOUT, EMBEDDED_TIMEOUT));
        return new LabTargetRun(config, new InetSocketAddress("127.0.0.1", server.port()), key, Optional.of(server));
    }

    /**
     * Whether the external target accepts connections, asked as a polite lab client asks: a whole session
     * ended with 0x0a. A bare connect and close would look to the server like a client that left without
     * the marker, which freezes many lab servers before the first case runs (LAB-W4).
     *
     * @return why the target cannot be reached; empty when it accepts connections, whatever it then does
     */
    public static Optional<String> checkReachable(LabTargetConfig config) {
        InetSocketAddress target = config.external().orElseThrow(() -> new IllegalArgumentException("no target"));
        LabClientConfig client = new LabClientConfig(target.getHostString(), target.getPort(), config.profile(),
                config.key(), config.ioTimeout(), new SystemRandomBytes()::nextBytes);
        try (LabClient session = LabClient.connect(client)) {
            return Optional.empty();
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            return Optional.of("cannot connect to " + target.getHostString() + ":" + target.getPort() + ": "
                    + IoProblems.ofConnection(e));
        } catch (IOException | LabProtocolException e) {
            // It accepted the connection: what it did next is for the cases to judge.
            return Optional.empty();
        }
    }

    public LabTargetConfig config() {
        return config;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The sec variant's fixed key (the embedded server's own when no key file was given). */
    public Optional<LabKey> key() {
        return key;
    }

    /** What the run has learnt about the server so far, for the cases after. */
    LabRunProgress progress() {
        return progress;
    }

    public boolean embedded() {
        return embedded.isPresent();
    }

    /** What the reports record about the target: the lab profile probes no suites, so there is no preflight. */
    public TargetDescription description() {
        return new TargetDescription(embedded() ? TargetDescription.Kind.EMBEDDED : TargetDescription.Kind.ADDRESS,
                Optional.of(TargetDescription.hostPort(config.external().orElse(address))),
                Optional.empty(), Optional.empty());
    }

    public String protocol() {
        return "Secho lab profile (" + config.profile().describe() + ")";
    }

    @Override
    public void close() {
        embedded.ifPresent(LabServer::close);
    }
}
