package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.Level;
import io.secho.conformance.WaitsOutTimeout;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.Observed;
import io.secho.conformance.net.ReceivedSomethingElse;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static io.secho.conformance.cases.Messages.utf8;

/**
 * Timeouts, and one connection's behaviour never stopping the others. Each case that waits out a timeout is a
 * class of its own ({@link WaitsOutTimeout}): JUnit hands out whole classes to idle workers first, so those
 * waits all start at once, while the cases of one class start only as workers come free.
 */
@DisplayName("Timeouts and limits")
@ExtendWith(ConformanceExtension.class)
class LimitCases {
    /** Slack on top of the target's timeout before the harness calls the alert missing. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    /** What a case adds to its own time limit beyond the longest wait it plans. */
    private static final Duration CASE_MARGIN = Duration.ofSeconds(10);
    private static final int SMALL_RECEIVE_BUFFER = 4096;
    private static final byte[] TIMEOUT_ALERT = {0x04, 0x00, 0x01, (byte) AlertCode.TIMEOUT.code()};
    /** The server's flight may come before a handshake timeout alert: read past it. */
    private static final int FLIGHT_AND_ALERT = 2048;
    /** Longest idle timeout LIM-004 and LIM-008 wait out; LIM-005 floods for at most its own limit. */
    private static final Duration MAX_IDLE_CHECKED = Duration.ofSeconds(40);
    private static final Duration MAX_IDLE_FLOODED = Duration.ofSeconds(20);
    private static final long MIB = 1 << 20;
    /** Beyond every socket buffer a loopback pair can grow (Linux autotunes receive buffers up to 32 MiB by default). */
    private static final long MAX_FLOOD_BYTES = 128 * MIB;
    /** About 1 MiB per write, so the trace holds a line per MiB, not one per request. */
    private static final int FLOOD_CHUNK_REQUESTS = 128;

    /**
     * The connection's end must be the plaintext timeout alert as the last 4 bytes, then FIN, before
     * {@code deadlineNanos}. Frames before it may only be the server's flight: a second alert is not allowed
     * (REQ-ALERT-3), nor anything else Table 14 does not list.
     */
    private static void expectTimeoutAlert(CaseContext context, TestConnection connection, long deadlineNanos,
                                           String expected, String sent) {
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        Observed observed = connection.readUntilEnd(left, FLIGHT_AND_ALERT);
        byte[] bytes = observed.bytes();
        byte[] tail = bytes.length >= 4 ? Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length) : bytes;
        List<Frame> frames = observed.frames();
        boolean onlyFlightBefore = !frames.isEmpty() && observed.trailingBytes().length == 0
                && frames.subList(0, frames.size() - 1).stream()
                        .allMatch(f -> f.type() == FrameType.SERVER_HELLO || f.type() == FrameType.FINISHED);
        if (!Arrays.equals(tail, TIMEOUT_ALERT) || !onlyFlightBefore || observed.ending() != Ending.FIN) {
            throw context.fail(expected, Endings.describeContent(observed, null), sent);
        }
        context.evidence("plaintext timeout alert, then FIN, " + observed.millis() + " ms into the wait");
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class SilentClientCases {
        @Test
        @DisplayName("a silent client gets the plaintext timeout alert within the handshake timeout")
        @ConformanceCase(id = "LIM-001", requirements = {Req.LIM_1, Req.LIM_2, Req.ALERT_11},
                endings = "plaintext alert timeout, then FIN, within the handshake timeout")
        void silentClient(CaseContext context) {
            Duration timeout = context.target().handshakeTimeout();
            context.allowUpTo(timeout.plus(SLACK).plus(CASE_MARGIN));
            TestConnection connection = context.connect();
            context.trace().note("sending nothing");
            expectTimeoutAlert(context, connection, System.nanoTime() + timeout.plus(SLACK).toNanos(),
                    "plaintext alert timeout (04 00 01 0b) within the handshake timeout (" + timeout.toMillis() + " ms + "
                            + SLACK.toMillis() + " ms slack), then FIN", "nothing");
        }
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class StalledBeforeFinishedCases {
        @Test
        @DisplayName("a client that stops after its ClientHello gets the timeout alert (the clock runs until the Finished)")
        @ConformanceCase(id = "LIM-002", requirements = {Req.LIM_1},
                endings = "ServerHello and Finished, then plaintext alert timeout, then FIN")
        void stalledBeforeFinished(CaseContext context) {
            Duration timeout = context.target().handshakeTimeout();
            context.allowUpTo(timeout.plus(SLACK).plus(CASE_MARGIN));
            long start = System.nanoTime();
            ClientFlight.Pending pending = context.startHandshake(context.anySuite());
            context.trace().note("not sending the client Finished");
            expectTimeoutAlert(context, pending.connection(), start + timeout.plus(SLACK).toNanos(),
                    "plaintext alert timeout (04 00 01 0b) within the handshake timeout (" + timeout.toMillis() + " ms + "
                            + SLACK.toMillis() + " ms slack), then FIN", "ClientHello only");
        }
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class HandshakeTimerFromAcceptCases {
        @Test
        @DisplayName("the handshake timer starts at accept: a ClientHello sent late does not restart it")
        @ConformanceCase(id = "LIM-006", requirements = {Req.LIM_1},
                endings = "plaintext alert timeout (after the server's flight, or before it), then FIN, by the handshake "
                        + "timeout counted from accept")
        void handshakeTimerStartsAtAccept(CaseContext context) {
            Duration timeout = context.target().handshakeTimeout();
            // Sent at 0.9 of the timeout: a timer started by the ClientHello fires no sooner than 1.9 timeouts after
            // accept, a correct one after one; the case waits one timeout plus the slack, at most 0.8 of one.
            Duration delay = Duration.ofMillis(timeout.toMillis() * 9 / 10);
            Duration eightTenths = Duration.ofMillis(timeout.toMillis() * 8 / 10);
            Duration allowed = timeout.plus(eightTenths.compareTo(SLACK) < 0 ? eightTenths : SLACK);
            context.allowUpTo(allowed.plus(CASE_MARGIN));
            Suite suite = context.anySuite();
            long accepted = System.nanoTime();
            TestConnection connection = context.connect();
            long deadline = accepted + allowed.toNanos();
            if (connection.awaitInput(delay)) {
                // The server spoke before any ClientHello: only its timeout may explain that, and a timer that fires
                // before a ClientHello cannot have been started by one.
                expectTimeoutAlert(context, connection, deadline, "nothing before the ClientHello but, at the handshake "
                        + "timeout, the plaintext timeout alert then FIN", "nothing yet");
                return;
            }
            connection.send(new ClientHello(suite, context.random().nextBytes(32),
                    suite.newKeyExchange(context.random(), context.psk()).publicShare()).toFrame(),
                    "ClientHello " + suite + ", " + delay.toMillis() + " ms after connecting; then nothing");
            expectTimeoutAlert(context, connection, deadline, "the plaintext timeout alert within " + allowed.toMillis()
                    + " ms of accept (the handshake timeout " + timeout.toMillis() + " ms counts from accept, not from "
                    + "the ClientHello), then FIN", "ClientHello " + delay.toMillis() + " ms after connecting");
        }
    }

    /**
     * Sends the bytes one at a time, {@code interval} apart, and stops at the first sign of the server (a
     * byte, or the end of the connection), or at the deadline.
     */
    private static void trickle(TestConnection connection, byte[] bytes, Duration interval, long deadlineNanos,
                                String what) {
        connection.trace().note("sending " + what + " one byte every " + interval.toMillis() + " ms");
        for (int i = 0; i < bytes.length && System.nanoTime() < deadlineNanos; i++) {
            connection.send(new byte[] {bytes[i]}, what + ", byte " + i);
            Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
            if (connection.awaitInput(interval.compareTo(left) < 0 ? interval : left)) {
                return;
            }
        }
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class HandshakeTimerPartialFramesCases {
        @Test
        @DisplayName("the handshake timer is not restarted by partial frames: a ClientHello trickled byte by byte times out")
        @ConformanceCase(id = "LIM-007", requirements = {Req.LIM_1},
                endings = "plaintext alert timeout, then FIN, by the handshake timeout counted from accept")
        void handshakeTimerIgnoresPartialFrames(CaseContext context) {
            Duration timeout = context.target().handshakeTimeout();
            // The ClientHello keeps trickling until the deadline, so a timer that partial frames restart cannot fire
            // before it: the slack can be as generous as for LIM-001.
            Duration allowed = timeout.plus(SLACK);
            context.allowUpTo(allowed.plus(CASE_MARGIN));
            Suite suite = context.anySuite();
            byte[] hello = new ClientHello(suite, context.random().nextBytes(32),
                    suite.newKeyExchange(context.random(), context.psk()).publicShare()).toFrame().encode();
            long accepted = System.nanoTime();
            TestConnection connection = context.connect();
            long deadline = accepted + allowed.toNanos();
            trickle(connection, hello, Duration.ofMillis(Math.max(1, timeout.toMillis() / 10)), deadline,
                    "ClientHello " + suite);
            expectTimeoutAlert(context, connection, deadline, "the plaintext timeout alert within " + allowed.toMillis()
                    + " ms of accept while the ClientHello is still incomplete (bytes of a frame do not restart the "
                    + "handshake timer), then FIN", "a ClientHello one byte every " + timeout.toMillis() / 10 + " ms");
        }
    }

    @Test
    @DisplayName("while one connection stalls in the middle of a frame, others are served")
    @ConformanceCase(id = "LIM-003", requirements = {Req.LIM_5})
    void stalledConnectionDoesNotBlockOthers(CaseContext context) {
        Session stalled = context.establish();
        byte[] record = stalled.seal(InnerType.DATA, utf8("never finished")).encode();
        stalled.connection().send(Arrays.copyOf(record, 5), "5 bytes of a record, then silence");
        TestConnection partialHello = context.connect();
        partialHello.send(new byte[] {0x01, 0x00}, "2 bytes of a ClientHello header, then silence");
        context.expectStillServed("while one session stalls in a record and another in a ClientHello header");
    }

    private static Duration requireIdleTimeout(CaseContext context, Duration longest) {
        Duration idle = context.target().idleTimeout().orElseThrow(() -> CaseSkipped.needsOption("--idle-timeout D",
                "the target's idle timeout; the spec's default is 300 s"));
        if (idle.compareTo(longest) > 0) {
            throw new CaseSkipped("the idle timeout " + idle.toSeconds() + " s is longer than this case waits ("
                    + longest.toSeconds() + " s)");
        }
        return idle;
    }

    /** One encrypted timeout alert and nothing else, then FIN, before the deadline. */
    private static void expectIdleTimeoutAlert(CaseContext context, Session session, long deadlineNanos, String expected,
                                               String sent) {
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        Observed observed = session.connection().readUntilEnd(left, FLIGHT_AND_ALERT);
        List<Frame> frames = observed.frames();
        boolean ok = observed.ending() == Ending.FIN && frames.size() == 1 && observed.trailingBytes().length == 0
                && alertCode(session, frames.get(0)) == AlertCode.TIMEOUT.code();
        if (!ok) {
            throw context.fail(expected, Endings.describeContent(observed, session), sent);
        }
        context.evidence("one encrypted timeout alert, then FIN, " + observed.millis() + " ms into the wait");
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class IdleTimeoutCases {
        @Test
        @DisplayName("an established session left silent gets the encrypted timeout alert after the idle timeout")
        @ConformanceCase(id = "LIM-004", requirements = {Req.LIM_3},
                endings = "one encrypted alert timeout, then FIN, after the idle timeout")
        void idleTimeout(CaseContext context) {
            Duration idle = requireIdleTimeout(context, MAX_IDLE_CHECKED);
            context.allowUpTo(idle.plus(SLACK).plus(CASE_MARGIN));
            Session session = context.establish();
            context.warmUp(session, "then silence");
            long lastFrame = System.nanoTime();
            context.trace().note("silent for up to " + idle.plus(SLACK).toMillis() + " ms");
            expectIdleTimeoutAlert(context, session, lastFrame + idle.plus(SLACK).toNanos(), "one encrypted alert timeout "
                    + "within " + idle.toMillis() + " ms + " + SLACK.toMillis() + " ms slack, then FIN", "nothing after one echo");
        }
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class IdleTimerPartialFramesCases {
        @Test
        @DisplayName("the idle timer is not restarted by partial frames: a record trickled byte by byte times out")
        @ConformanceCase(id = "LIM-008", requirements = {Req.LIM_3},
                endings = "one encrypted alert timeout, then FIN, by the idle timeout counted from the last complete frame")
        void idleTimerIgnoresPartialFrames(CaseContext context) {
            Duration idle = requireIdleTimeout(context, MAX_IDLE_CHECKED);
            // The record keeps trickling until the deadline: a timer that partial frames restart cannot fire before it.
            Duration allowed = idle.plus(SLACK);
            context.allowUpTo(allowed.plus(CASE_MARGIN));
            Session session = context.establish();
            context.warmUp(session, "the last complete frame");
            long lastFrame = System.nanoTime();
            byte[] record = session.seal(InnerType.DATA, utf8("trickled, never complete, ".repeat(4))).encode();
            long deadline = lastFrame + allowed.toNanos();
            trickle(session.connection(), record, Duration.ofMillis(Math.max(1, idle.toMillis() / 8)), deadline,
                    "a record");
            expectIdleTimeoutAlert(context, session, deadline, "one encrypted alert timeout within " + allowed.toMillis()
                    + " ms of the last complete frame while a record is still incomplete (bytes of a frame do not "
                    + "restart the idle timer), then FIN", "a record one byte every " + idle.toMillis() / 8 + " ms");
        }
    }

    @DisplayName("Timeouts and limits")
    @ExtendWith(ConformanceExtension.class)
    @WaitsOutTimeout
    static final class NonReadingClientCases {
        @Test
        @DisplayName("a client that sends but never reads is cut off once the server's output has stalled for the idle timeout")
        @ConformanceCase(id = "LIM-005", requirements = {Req.LIM_7}, level = Level.SHOULD,
                endings = "the connection ends (FIN or reset) within the idle timeout after the server's writes stall")
        void nonReadingClientIsCutOff(CaseContext context) throws InterruptedException {
            Duration idle = requireIdleTimeout(context, MAX_IDLE_FLOODED);
            // The server's output stalls only once its send buffer is full, which a loaded machine takes seconds to
            // reach; a SHOULD case can afford to wait twice the idle timeout and more.
            Duration limit = idle.multipliedBy(2).plus(CASE_MARGIN);
            context.allowUpTo(limit.plus(SLACK).plus(CASE_MARGIN));
            // A tiny receive window: the server's writes stall after its first replies, whatever the machine's load.
            Session session = context.startHandshake(context.connect(SMALL_RECEIVE_BUFFER), context.anySuite(),
                    context.psk()).finish();
            // Nothing is read meanwhile: a read would let the server's output flow again. The kernel buffers between two
            // loopback sockets grow to tens of megabytes, so no fixed flood is sure to stall the server: the writer goes
            // on until its writes block, the server ends the connection, or the bound is reached.
            byte[] request = utf8("\u0390".repeat(4096));
            AtomicLong requests = new AtomicLong();
            long start = System.nanoTime();
            Thread writer = new Thread(() -> flood(session, request, requests), "LIM-005-writer");
            writer.setDaemon(true);
            writer.start();
            context.trace().note("not reading; waiting up to " + limit.toMillis() + " ms for the server to give up");
            writer.join(limit.toMillis());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (session.connection().sendFailure().isPresent()) {
                context.evidence("the server cut the connection after " + millis + " ms and " + requests.get()
                        + " requests: " + session.connection().sendFailure().get());
                return;
            }
            String expected = "the server to abort the connection after its output stalled for the idle timeout ("
                    + idle.toMillis() + " ms)";
            String sent = requests.get() + " requests of 8 KiB, no reads";
            if (writer.isAlive()) {
                throw context.fail(expected, "still open " + millis + " ms after the flood began: the harness's writes "
                        + "were still blocked, the server neither read them nor ended the connection", sent);
            }
            // The server took the whole flood: it must have dropped its replies, or ended the connection since.
            Observed observed = session.connection().readUntilEnd(SLACK);
            if (!observed.ending().closedByServer()) {
                throw context.fail(expected, "the server took all " + requests.get() + " requests (" + MAX_FLOOD_BYTES / MIB
                        + " MiB) and was still sending " + millis
                        + " ms after the flood began (" + observed.total() + " bytes when read)", sent);
            }
            context.evidence("the server ended the connection: " + observed.ending().description());
        }
    }

    /** Writes requests a chunk at a time until a write fails or the bound is reached; blocks while the server stalls. */
    private static void flood(Session session, byte[] request, AtomicLong requests) {
        for (long bytes = 0; bytes < MAX_FLOOD_BYTES; ) {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            for (int i = 0; i < FLOOD_CHUNK_REQUESTS; i++) {
                chunk.writeBytes(session.seal(InnerType.DATA, request).encode());
            }
            if (!session.connection().send(chunk.toByteArray(), FLOOD_CHUNK_REQUESTS
                    + " requests of 8 KiB, never reading a reply")) {
                return;
            }
            bytes += chunk.size();
            requests.addAndGet(FLOOD_CHUNK_REQUESTS);
        }
    }

    private static int alertCode(Session session, Frame frame) {
        try {
            InnerPlaintext inner = session.open(frame, "an encrypted alert");
            return inner.type() == InnerType.ALERT && inner.payload().length == 1 ? inner.payload()[0] & 0xff : -1;
        } catch (ReceivedSomethingElse e) {
            return -1;
        }
    }

    /**
     * One connection's misbehaviour; after it, a fresh connection must be served (REQ-LIM-5). Each waits
     * until the server has ended the connection (or the I/O limit), then closes its side: the abuse is over,
     * and what is judged is whether the server goes on serving, not whether it serves two at once (LIM-003).
     */
    enum Abuse {
        BAD_VERSION(1, "a ClientHello of version 0x0002 (plaintext alert)") {
            @Override
            TestConnection commit(CaseContext context) {
                return sent(context, new ClientHello(0x0002, Suite.X25519.code(), context.random().nextBytes(32),
                        context.random().nextBytes(32)).toFrame().encode());
            }
        },
        RECORD_BEFORE_HELLO(2, "a record as the first frame") {
            @Override
            TestConnection commit(CaseContext context) {
                return sent(context, new Frame(FrameType.RECORD, context.random().nextBytes(40)).encode());
            }
        },
        OVERSIZED_HEADER(3, "a ClientHello header announcing 1025 bytes") {
            @Override
            TestConnection commit(CaseContext context) {
                return sent(context, Frame.header(FrameType.CLIENT_HELLO.code(), 1025));
            }
        },
        UNKNOWN_FRAME_TYPE(4, "a frame of unknown type 0x06") {
            @Override
            TestConnection commit(CaseContext context) {
                return sent(context, new byte[] {0x06, 0x00, 0x01, 0x00});
            }
        },
        WRONG_FINISHED(5, "a client Finished with a wrong MAC (plaintext alert)") {
            @Override
            TestConnection commit(CaseContext context) {
                ClientFlight.Pending pending = context.startHandshake(context.anySuite());
                pending.connection().send(Bits.invertByte(pending.clientFinished(), 0), description());
                return pending.connection();
            }
        },
        FORGED_RECORD(6, "a record with a forged tag (encrypted alert)") {
            @Override
            TestConnection commit(CaseContext context) {
                Session session = context.establish();
                Frame record = session.seal(InnerType.DATA, utf8("forged"));
                session.connection().send(Bits.invertByte(record, record.length() - 1), description());
                return session.connection();
            }
        },
        ILL_FORMED_UTF8(7, "a record with ill-formed UTF-8 (bad_payload)") {
            @Override
            TestConnection commit(CaseContext context) {
                Session session = context.establish();
                session.sendData(new byte[] {(byte) 0xc0, (byte) 0x80});
                return session.connection();
            }
        },
        FIN_MID_RECORD(8, "half a record, then FIN") {
            @Override
            TestConnection commit(CaseContext context) {
                Session session = context.establish();
                byte[] record = session.seal(InnerType.DATA, utf8("half of me")).encode();
                session.connection().send(Arrays.copyOf(record, record.length / 2), description());
                session.connection().halfClose();
                return session.connection();
            }
        },
        RESET_MID_RECORD(9, "half a record, then a reset") {
            @Override
            TestConnection commit(CaseContext context) {
                Session session = context.establish();
                byte[] record = session.seal(InnerType.DATA, utf8("half of me")).encode();
                session.connection().send(Arrays.copyOf(record, record.length / 2), description());
                session.connection().reset();
                return session.connection();
            }
        },
        RESET_AFTER_REQUEST(10, "a request, then a reset before the reply is read") {
            @Override
            TestConnection commit(CaseContext context) {
                Session session = context.establish();
                session.sendData(utf8("reply to no one"));
                session.connection().reset();
                return session.connection();
            }
        },
        CLIENT_ALERT(11, "a plaintext alert from the client") {
            @Override
            TestConnection commit(CaseContext context) {
                ClientFlight.Pending pending = context.startHandshake(context.anySuite());
                pending.connection().send(new byte[] {0x04, 0x00, 0x01, 0x05}, description());
                return pending.connection();
            }
        };

        /** The N of LIM-010.N: fixed here, not the constant's position, so that a new abuse renumbers none. */
        private final int number;
        private final String description;

        Abuse(int number, String description) {
            this.number = number;
            this.description = description;
        }

        String description() {
            return description;
        }

        /** Misbehaves on a connection of its own; returns it for the case to see out. */
        abstract TestConnection commit(CaseContext context);

        /** A new connection with the bytes sent on it. */
        TestConnection sent(CaseContext context, byte[] bytes) {
            TestConnection connection = context.connect();
            connection.send(bytes, description);
            return connection;
        }
    }

    static Stream<Arguments> abuses() {
        return Arrays.stream(Abuse.values())
                .map(abuse -> Arguments.of("LIM-010." + abuse.number, "after " + abuse.description(), abuse));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("abuses")
    @DisplayName("after one connection's misbehaviour, a fresh connection is served")
    @ConformanceCase(id = "LIM-010", requirements = {Req.LIM_5})
    void servedAfterAbuse(String id, String what, Abuse abuse, CaseContext context) {
        TestConnection abused = abuse.commit(context);
        if (abused.open()) {
            abused.readUntilEnd(context.ioTimeout());
            abused.close();
        }
        context.expectStillServed(what);
    }
}
