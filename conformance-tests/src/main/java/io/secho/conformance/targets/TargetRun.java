package io.secho.conformance.targets;

import io.secho.conformance.net.ByteText;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Decoded;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.HandshakeProblem;
import io.secho.conformance.net.Observed;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InsecureDeterministicRandomBytes;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * One run of the harness against one target: the address, the embedded reference server when no
 * external target was named, and the preflight (which suites complete a handshake, whether the target
 * serves connections at all, whether it serves two at once), done once before the first case.
 */
public final class TargetRun implements AutoCloseable {
    /**
     * The embedded server's handshake timeout, the reference's default: no case waits it out (the timeout cases
     * have a server of their own, below), so it can be long enough that a handshake on a loaded two-core machine
     * never runs into it.
     */
    public static final Duration EMBEDDED_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Long too: a pause of a loaded machine in the middle of a trickled record must not end the session. */
    public static final Duration EMBEDDED_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The timeouts of the second embedded server, which only the cases that wait them out ({@link
     * io.secho.conformance.WaitsOutTimeout}) talk to: short, so that the run lasts about as long as its other
     * cases; those cases allow the same slack whatever the timeouts.
     */
    public static final Duration TIMEOUT_CASES_HANDSHAKE_TIMEOUT = Duration.ofMillis(1500);
    public static final Duration TIMEOUT_CASES_IDLE_TIMEOUT = Duration.ofMillis(1500);
    /**
     * Low enough that the connection-limit case opens few connections, high enough that the other cases,
     * which it never runs beside, never reach it.
     */
    public static final int EMBEDDED_MAX_CONNECTIONS = 64;
    private static final byte[] PREFLIGHT_MESSAGE = "preflight".getBytes(StandardCharsets.UTF_8);
    /** Cases hold a permit while they run: all of them at once, or one when the target serves one at a time. */
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private final TargetConfig config;
    private final Optional<InetSocketAddress> address;
    private final Optional<String> startFailure;
    private final Optional<EmbeddedReferenceServer> embedded;
    private final Optional<ImageTarget> image;
    private final Optional<PreSharedKey> psk;
    private final Duration handshakeTimeout;
    private final Optional<Duration> idleTimeout;
    private final Optional<Integer> maxConnections;
    /** The embedded run's server for the cases that wait out its timeouts; empty for any other target. */
    private final Optional<TargetRun> timeoutCases;
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "secho-case-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private Preflight preflight;
    private Semaphore casePermits;

    private TargetRun(TargetConfig config, Optional<InetSocketAddress> address, Optional<String> startFailure,
                      Optional<EmbeddedReferenceServer> embedded, Optional<ImageTarget> image, Optional<PreSharedKey> psk,
                      Duration handshakeTimeout, Optional<Duration> idleTimeout, Optional<Integer> maxConnections,
                      Optional<TargetRun> timeoutCases) {
        this.config = config;
        this.address = address;
        this.startFailure = startFailure;
        this.embedded = embedded;
        this.image = image;
        this.psk = psk;
        this.handshakeTimeout = handshakeTimeout;
        this.idleTimeout = idleTimeout;
        this.maxConnections = maxConnections;
        this.timeoutCases = timeoutCases;
    }

    /**
     * Starts the embedded server or the image, or resolves the external target. A target that cannot be
     * started or resolved makes a run whose every case is BLOCKED with the reason, not an exception.
     *
     * @throws IOException only when the embedded reference server cannot start: the harness is broken then
     */
    public static TargetRun start(TargetConfig config) throws IOException {
        if (config.image().isPresent() && config.startedImage().isPresent()) {
            // The command line started the container and stops it; this run only uses it.
            InetSocketAddress started = config.startedImage().get();
            return new TargetRun(config, Optional.of(new InetSocketAddress(started.getHostString(), started.getPort())),
                    Optional.empty(), Optional.empty(), Optional.empty(), config.psk(), config.handshakeTimeout(),
                    config.idleTimeout(), config.maxConnections(), Optional.empty());
        }
        if (config.image().isPresent()) {
            try {
                ImageTarget started = ImageTarget.start(config.imageSpec().orElseThrow(), config.psk());
                return new TargetRun(config, Optional.of(started.address()), Optional.empty(), Optional.empty(),
                        Optional.of(started), config.psk(), config.handshakeTimeout(), config.idleTimeout(),
                        config.maxConnections(), Optional.empty());
            } catch (IOException e) {
                return failed(config, e.getMessage());
            }
        }
        if (config.external().isPresent()) {
            InetSocketAddress unresolved = config.external().get();
            InetSocketAddress resolved = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
            if (resolved.isUnresolved()) {
                return failed(config, "cannot resolve target host '" + unresolved.getHostString() + "'");
            }
            return new TargetRun(config, Optional.of(resolved), Optional.empty(), Optional.empty(), Optional.empty(),
                    config.psk(), config.handshakeTimeout(), config.idleTimeout(), config.maxConnections(),
                    Optional.empty());
        }
        PreSharedKey key = config.psk().orElseGet(() -> PreSharedKey.of(
                InsecureDeterministicRandomBytes.fromLabel("secho-conformance embedded psk " + config.seed())
                        .nextBytes(PreSharedKey.LENGTH)));
        TargetRun timeoutCases = embedded(config, key, TIMEOUT_CASES_HANDSHAKE_TIMEOUT, TIMEOUT_CASES_IDLE_TIMEOUT,
                Optional.empty());
        try {
            return embedded(config, key, EMBEDDED_HANDSHAKE_TIMEOUT, EMBEDDED_IDLE_TIMEOUT, Optional.of(timeoutCases));
        } catch (IOException | RuntimeException e) {
            timeoutCases.close();
            throw e;
        }
    }

    /** A reference server on a free loopback port, with these timeouts, and the run that tests it. */
    private static TargetRun embedded(TargetConfig config, PreSharedKey key, Duration handshakeTimeout,
                                      Duration idleTimeout, Optional<TargetRun> timeoutCases) throws IOException {
        EmbeddedReferenceServer server = EmbeddedReferenceServer.start(key, handshakeTimeout, idleTimeout,
                EMBEDDED_MAX_CONNECTIONS);
        return new TargetRun(config, Optional.of(new InetSocketAddress("127.0.0.1", server.port())), Optional.empty(),
                Optional.of(server), Optional.empty(), Optional.of(key), handshakeTimeout, Optional.of(idleTimeout),
                Optional.of(EMBEDDED_MAX_CONNECTIONS), timeoutCases);
    }

    private static TargetRun failed(TargetConfig config, String why) {
        return new TargetRun(config, Optional.empty(), Optional.of(why), Optional.empty(), Optional.empty(),
                config.psk(), config.handshakeTimeout(), config.idleTimeout(), config.maxConnections(), Optional.empty());
    }

    public TargetConfig config() {
        return config;
    }

    /**
     * The run a case that waits out the target's timeouts uses: the embedded run's second server, with short
     * timeouts; this run itself for any other target, whose timeouts the user gave.
     */
    public TargetRun forTimeoutCases() {
        return timeoutCases.orElse(this);
    }

    /** The target's address; only called by cases, which never run when the target could not be started. */
    public InetSocketAddress address() {
        return address.orElseThrow(() -> new IllegalStateException("no target address: " + startFailure.orElse("?")));
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

    /** The target's connection limit, if the user said it (the embedded server's own otherwise). */
    public Optional<Integer> maxConnections() {
        return maxConnections;
    }

    /** Closes a case's connections when its time limit passes. */
    public ScheduledExecutorService watchdogs() {
        return watchdogs;
    }

    public String describe() {
        if (config.image().isPresent()) {
            return "image " + config.image().get() + address.map(a -> " at " + a.getHostString() + ":" + a.getPort())
                    .orElse("");
        }
        if (embedded.isPresent()) {
            return "embedded reference server on 127.0.0.1:" + address().getPort();
        }
        return config.external().map(a -> a.getHostString() + ":" + a.getPort()).orElse("?");
    }

    /** What the reports record about the target, the preflight's findings included (it runs now if it has not). */
    public TargetDescription description() {
        TargetDescription.Kind kind = config.image().isPresent() ? TargetDescription.Kind.IMAGE
                : embedded.isPresent() ? TargetDescription.Kind.EMBEDDED : TargetDescription.Kind.ADDRESS;
        return new TargetDescription(kind, address.or(config::external).map(TargetDescription::hostPort),
                config.image(), Optional.of(preflight()));
    }

    /** The permits cases take while they run: one at a time when the target serves one at a time. */
    public synchronized Semaphore casePermits() {
        preflight();
        return casePermits;
    }

    /** Probes the target once (a few connections); later calls return the same findings. */
    public synchronized Preflight preflight() {
        if (preflight == null) {
            preflight = startFailure.map(why -> new Preflight(Map.of(), Optional.of(why), false))
                    .orElseGet(this::probeTarget);
            casePermits = new Semaphore(preflight.oneAtATime() ? 1 : UNLIMITED, true);
        }
        return preflight;
    }

    private Preflight probeTarget() {
        Map<Suite, CompletableFuture<Probe>> running = new EnumMap<>(Suite.class);
        for (Suite suite : Suite.values()) {
            running.put(suite, CompletableFuture.supplyAsync(() -> probe(suite)));
        }
        Map<Suite, Probe> probes = new EnumMap<>(Suite.class);
        running.forEach((suite, future) -> probes.put(suite, future.join()));
        Map<Suite, SuiteSupport> suites = new EnumMap<>(Suite.class);
        probes.forEach((suite, probe) -> suites.put(suite, probe.support()));
        Optional<String> unusable = unusable(probes);
        Optional<Suite> working = Arrays.stream(Suite.values()).filter(s -> suites.get(s).working()).findFirst();
        boolean oneAtATime = unusable.isEmpty() && working.isPresent() && servesOneAtATime(working.get());
        return new Preflight(suites, unusable, oneAtATime);
    }

    /** What one suite's probe saw: the support found, and how the target answered (for "is it Secho at all"). */
    private record Probe(SuiteSupport support, Answer answer) {
    }

    /** How the target answered a valid ClientHello, coarsely. */
    private enum Answer { SECHO, NOT_SECHO, SILENT, NOTHING, NOT_PROBED }

    private Probe probe(Suite suite) {
        if (!config.suites().contains(suite)) {
            return new Probe(new SuiteSupport(SuiteSupport.Status.NOT_SELECTED, false, "not selected (--suite)"),
                    Answer.NOT_PROBED);
        }
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel(
                "secho-conformance preflight " + config.seed() + " " + suite);
        Trace trace = new Trace();
        TestConnection connection;
        try {
            connection = TestConnection.open(address(), trace, config.ioTimeout());
        } catch (IOException e) {
            return broken(Answer.NOTHING, e.getMessage());
        }
        try (connection) {
            byte[] clientRandom = random.nextBytes(ClientHello.RANDOM_LENGTH);
            KeyExchange exchange = suite.newKeyExchange(random, psk.isPresent() ? psk : Optional.of(
                    PreSharedKey.of(new byte[PreSharedKey.LENGTH])));
            Frame hello = new ClientHello(suite, clientRandom, exchange.publicShare()).toFrame();
            connection.send(hello, "preflight ClientHello " + suite);
            Frame first;
            try {
                first = connection.readFrame("a ServerHello or an alert");
            } catch (ConnectionEndedException e) {
                return classify(e);
            }
            if (first.type() == FrameType.ALERT && first.length() == 1
                    && (first.body()[0] & 0xff) == AlertCode.UNSUPPORTED_SUITE.code()) {
                return new Probe(new SuiteSupport(SuiteSupport.Status.NOT_OFFERED, false,
                        "not offered (the target answered unsupported_suite)"), Answer.SECHO);
            }
            if (first.type() == FrameType.ALERT && first.length() == 1
                    && AlertCode.fromCode(first.body()[0] & 0xff).isPresent()) {
                return broken(Answer.SECHO, "a valid ClientHello was answered with " + Decoded.describeFrame(first)
                        + " instead of a ServerHello");
            }
            if (first.type() != FrameType.SERVER_HELLO || !looksLikeServerHello(first)) {
                // Only a ServerHello or an alert answers a ClientHello; anything else, even with a frame's type
                // byte (random bytes have one now and then, a reflector sends the ClientHello back), is no Secho.
                return broken(Answer.NOT_SECHO, "a valid ClientHello was answered with " + Decoded.describeFrame(first)
                        + " [" + ByteText.describe(first.encode()) + "]"
                        + " instead of a ServerHello or an alert");
            }
            if (suite == Suite.PSK && psk.isEmpty()) {
                return new Probe(new SuiteSupport(SuiteSupport.Status.NO_PSK_FILE, true,
                        "offered (ServerHello received), but no session can be tested without --psk-file"),
                        Answer.SECHO);
            }
            return establish(suite, connection, exchange, clientRandom, hello, first);
        }
    }

    private Probe establish(Suite suite, TestConnection connection, KeyExchange exchange, byte[] clientRandom,
                            Frame hello, Frame serverHello) {
        Session session;
        try {
            session = ClientFlight.afterServerHello(connection, suite, exchange, clientRandom, hello, serverHello, true)
                    .finish();
        } catch (HandshakeProblem e) {
            return new Probe(new SuiteSupport(SuiteSupport.Status.BROKEN, true, "the handshake did not complete: "
                    + e.getMessage()), Answer.SECHO);
        }
        // A record in answer is enough: whether it opens, and what it says, is for the cases to judge (a server
        // with broken nonces must fail the nonce cases, not block them).
        session.sendData(PREFLIGHT_MESSAGE);
        try {
            Frame reply = connection.readFrame("a record in answer to the first data record");
            if (reply.type() != FrameType.RECORD) {
                return new Probe(new SuiteSupport(SuiteSupport.Status.BROKEN, true, "the handshake completed, but the "
                        + "first data record was answered with " + Decoded.describeFrame(reply)), Answer.SECHO);
            }
            session.sendClose();
            return new Probe(new SuiteSupport(SuiteSupport.Status.WORKING, true, "a handshake completed, and the "
                    + "first data record was answered with a record"), Answer.SECHO);
        } catch (ConnectionEndedException e) {
            return new Probe(new SuiteSupport(SuiteSupport.Status.BROKEN, true, "the handshake completed, but the "
                    + "first data record got no record in answer: " + e.received()), Answer.SECHO);
        }
    }

    /** A ServerHello body that at least starts as one: version 0x0001. */
    private static boolean looksLikeServerHello(Frame frame) {
        byte[] body = frame.body();
        return body.length >= 2 && body[0] == 0x00 && body[1] == 0x01;
    }

    private static Probe classify(ConnectionEndedException e) {
        Observed observed = e.observed();
        if (observed.empty()) {
            if (observed.ending() == Ending.OPEN_AT_TIME_LIMIT) {
                return broken(Answer.SILENT, "no answer to a valid ClientHello (" + observed.describe() + ")");
            }
            return broken(Answer.NOTHING, "the connection was " + (observed.ending() == Ending.RESET ? "reset"
                    : "closed") + " without a byte in answer to a valid ClientHello");
        }
        return broken(Answer.NOT_SECHO, "a valid ClientHello was answered with bytes that are no Secho frame: "
                + observed.describe());
    }

    private static Probe broken(Answer answer, String detail) {
        return new Probe(new SuiteSupport(SuiteSupport.Status.BROKEN, false, detail), answer);
    }

    /**
     * Why no case can run, when no probe saw a Secho frame: the target served no connection, never
     * answered, or speaks something else.
     */
    private Optional<String> unusable(Map<Suite, Probe> probes) {
        List<Probe> probed = probes.values().stream().filter(p -> p.answer() != Answer.NOT_PROBED)
                .collect(Collectors.toList());
        if (probed.isEmpty() || probed.stream().anyMatch(p -> p.answer() == Answer.SECHO)) {
            return Optional.empty();
        }
        if (probed.stream().anyMatch(p -> p.answer() == Answer.NOT_SECHO)) {
            return Optional.of("the target does not speak Secho v1");
        }
        if (probed.stream().anyMatch(p -> p.answer() == Answer.SILENT)) {
            return Optional.of("the target never answered a ClientHello");
        }
        return Optional.of("no connection was served");
    }

    /**
     * A session is held open while a second one is tried; if only the release of the first lets the second
     * through, the target serves one connection at a time.
     */
    private boolean servesOneAtATime(Suite suite) {
        List<TestConnection> held = new ArrayList<>();
        try {
            Optional<TestConnection> first = echoedSession(suite, "held");
            if (first.isEmpty()) {
                return false;
            }
            held.add(first.get());
            Optional<TestConnection> second = echoedSession(suite, "second");
            if (second.isPresent()) {
                held.add(second.get());
                return false;
            }
            first.get().close();
            Optional<TestConnection> afterRelease = echoedSession(suite, "after release");
            afterRelease.ifPresent(held::add);
            return afterRelease.isPresent();
        } finally {
            held.forEach(TestConnection::close);
        }
    }

    private Optional<TestConnection> echoedSession(Suite suite, String label) {
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel(
                "secho-conformance preflight concurrency " + config.seed() + " " + label);
        TestConnection connection;
        try {
            connection = TestConnection.open(address(), new Trace(), config.ioTimeout());
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            Session session = ClientFlight.start(connection, suite, psk, random).finish();
            session.echo(PREFLIGHT_MESSAGE);
            return Optional.of(connection);
        } catch (HandshakeProblem | ReceivedSomethingElse e) {
            connection.close();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        watchdogs.shutdownNow();
        embedded.ifPresent(EmbeddedReferenceServer::close);
        timeoutCases.ifPresent(TargetRun::close);
        image.ifPresent(ImageTarget::close);
    }
}
