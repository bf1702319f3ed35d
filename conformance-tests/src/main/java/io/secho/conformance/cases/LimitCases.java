package io.secho.conformance.cases;

import io.secho.alert.AlertCode;
import io.secho.conformance.CaseContext;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Endings;
import io.secho.conformance.Level;
import io.secho.conformance.net.ClientFlight;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.Observed;
import io.secho.conformance.net.Session;
import io.secho.conformance.net.TestConnection;
import io.secho.record.InnerType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import static io.secho.conformance.cases.Messages.utf8;

/** Timeouts, and one connection's behaviour never stopping the others. */
@DisplayName("Timeouts and limits")
@ExtendWith(ConformanceExtension.class)
class LimitCases {
    /** Slack on top of the target's handshake timeout before the harness calls it missing. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    private static void expectTimeoutAlert(CaseContext context, TestConnection connection, String sent) throws IOException {
        Duration limit = context.target().handshakeTimeout().plus(SLACK);
        Observed observed = connection.readUntilEnd(limit);
        byte[] expected = {0x04, 0x00, 0x01, (byte) AlertCode.TIMEOUT.code()};
        byte[] bytes = observed.bytes();
        byte[] tail = bytes.length >= 4 ? Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length) : bytes;
        if (!Arrays.equals(tail, expected) || observed.ending() != Ending.FIN) {
            throw context.fail("plaintext alert timeout (04 00 01 0b) within the handshake timeout ("
                    + context.target().handshakeTimeout().toMillis() + " ms + " + SLACK.toMillis() + " ms slack), then FIN",
                    observed.describe(), sent);
        }
        context.trace().note("timeout alert after " + observed.millis() + " ms");
    }

    @Test
    @Timeout(45)
    @DisplayName("a silent client gets the plaintext timeout alert within the handshake timeout")
    @ConformanceCase(id = "LIM-001", requirements = {"REQ-LIM-1", "REQ-LIM-2", "REQ-ALERT-11"},
            endings = "plaintext alert timeout, then FIN, within the handshake timeout")
    void silentClient(CaseContext context) throws IOException {
        TestConnection connection = context.connect();
        context.trace().note("sending nothing");
        expectTimeoutAlert(context, connection, "nothing");
    }

    @Test
    @Timeout(45)
    @DisplayName("a client that stops after its ClientHello gets the timeout alert (the clock runs until the Finished)")
    @ConformanceCase(id = "LIM-002", requirements = {"REQ-LIM-1"},
            endings = "ServerHello and Finished, then plaintext alert timeout, then FIN")
    void stalledBeforeFinished(CaseContext context) throws IOException {
        ClientFlight.Pending pending = context.startHandshake(context.anySuite());
        context.trace().note("not sending the client Finished");
        expectTimeoutAlert(context, pending.connection(), "ClientHello only");
    }

    @Test
    @DisplayName("while one connection stalls in the middle of a frame, others are served")
    @ConformanceCase(id = "LIM-003", requirements = {"REQ-LIM-5"})
    void stalledConnectionDoesNotBlockOthers(CaseContext context) throws IOException {
        Session stalled = context.handshake(context.anySuite());
        byte[] record = stalled.seal(InnerType.DATA, utf8("never finished")).encode();
        stalled.connection().send(Arrays.copyOf(record, 5), "5 bytes of a record, then silence");
        TestConnection partialHello = context.connect();
        partialHello.send(new byte[] {0x01, 0x00}, "2 bytes of a ClientHello header, then silence");
        context.assertStillServing();
    }

    @Test
    @Timeout(60)
    @DisplayName("an established session left silent gets the encrypted timeout alert after the idle timeout")
    @ConformanceCase(id = "LIM-004", requirements = {"REQ-LIM-3"},
            endings = "one encrypted alert timeout, then FIN, after the idle timeout")
    void idleTimeout(CaseContext context) throws IOException {
        Duration idle = context.target().idleTimeout().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(idle != null,
                "the target's idle timeout is unknown: give --idle-timeout to check it (the spec default is 300 s)");
        org.junit.jupiter.api.Assumptions.assumeTrue(idle.compareTo(Duration.ofSeconds(40)) <= 0,
                "idle timeout " + idle.toSeconds() + " s is longer than this case waits (40 s)");
        Session session = context.handshake(context.anySuite());
        context.echo(session, "then silence");
        context.trace().note("silent for up to " + idle.plus(SLACK).toMillis() + " ms");
        Observed observed = session.connection().readUntilEnd(idle.plus(SLACK));
        java.util.List<io.secho.wire.Frame> frames = observed.frames();
        String content = observed.describe();
        boolean ok = observed.ending() == Ending.FIN && frames.size() == 1 && observed.trailingBytes().length == 0
                && alertCode(session, frames.get(0)) == AlertCode.TIMEOUT.code();
        if (!ok) {
            throw context.fail("one encrypted alert timeout within " + idle.toMillis() + " ms + " + SLACK.toMillis()
                    + " ms slack, then FIN", content, "nothing after one echo");
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("a client that sends but never reads is cut off once the server's output has stalled for the idle timeout")
    @ConformanceCase(id = "LIM-005", requirements = {"REQ-LIM-7"}, level = Level.SHOULD,
            endings = "the connection ends (FIN or reset) within the idle timeout after the server's writes stall")
    void nonReadingClientIsCutOff(CaseContext context) throws Exception {
        Duration idle = context.target().idleTimeout().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(idle != null,
                "the target's idle timeout is unknown: give --idle-timeout to check it (the spec default is 300 s)");
        org.junit.jupiter.api.Assumptions.assumeTrue(idle.compareTo(Duration.ofSeconds(20)) <= 0,
                "idle timeout " + idle.toSeconds() + " s is longer than this case waits (20 s)");
        // A tiny receive window: the server's writes stall after its first replies, whatever the machine's load.
        Session session = context.startHandshake(context.connect(SMALL_RECEIVE_BUFFER), context.anySuite(),
                context.psk()).finish();
        // Each request expands threefold, and the flood is larger than the socket buffers between us, so our
        // writes stall too; a server that gives up shows as our write failing.
        byte[] request = utf8("\u0390".repeat(4096));
        int requests = 1000;
        java.io.ByteArrayOutputStream flood = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < requests; i++) {
            flood.writeBytes(session.seal(InnerType.DATA, request).encode());
        }
        java.util.concurrent.atomic.AtomicReference<IOException> cutOff = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                session.connection().send(flood.toByteArray(), requests + " requests of 8 KiB, never reading a reply");
            } catch (IOException e) {
                cutOff.set(e);
            }
        }, "LIM-005-writer");
        writer.setDaemon(true);
        long start = System.nanoTime();
        writer.start();
        Duration limit = idle.plus(Duration.ofSeconds(4));
        context.trace().note("not reading; waiting up to " + limit.toMillis() + " ms for the server to give up");
        writer.join(limit.toMillis());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (cutOff.get() != null) {
            context.trace().note("the server cut the connection after " + millis + " ms: " + cutOff.get().getMessage());
            return;
        }
        // The flood went through or is still blocked: a server that gave up has closed by now, one that waits has not.
        Observed observed = session.connection().readUntilEnd(Duration.ofSeconds(3));
        if (observed.ending() == Ending.OPEN_AT_TIME_LIMIT) {
            throw context.fail("the server to abort the connection after its output stalled for the idle timeout ("
                    + idle.toMillis() + " ms)", "still open " + millis + " ms after the flood began; it had sent "
                    + observed.bytes().length + " more bytes when read", requests + " requests of 8 KiB, no reads");
        }
        context.trace().note("the server ended the connection: " + observed.ending().description());
    }

    private static int alertCode(Session session, io.secho.wire.Frame frame) {
        try {
            io.secho.record.InnerPlaintext inner = session.open(frame, "an encrypted alert");
            return inner.type() == InnerType.ALERT ? inner.payload()[0] & 0xff : -1;
        } catch (io.secho.conformance.net.ReceivedSomethingElse e) {
            return -1;
        }
    }
}
