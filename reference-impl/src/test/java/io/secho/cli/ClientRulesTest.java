package io.secho.cli;

import io.secho.alert.AlertCode;
import io.secho.client.ScriptedServer;
import io.secho.crypto.PreSharedKey;
import io.secho.record.InnerType;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client rules of the spec as the reference client's user meets them (standard input one message a line,
 * standard output one reply a line, the exit status), against a scripted server that misbehaves on purpose and
 * writes down what the client sent and how it ended the connection.
 */
@Timeout(120)
class ClientRulesTest {
    /** More than the client's read buffer (8 KiB): unread bytes are left in the kernel when the client ends. */
    private static final byte[] STRAY_BYTES = new byte[32 * 1024];
    private static final String NL = System.lineSeparator();

    private static CliRun client(ScriptedServer server, String stdin, String... options) {
        List<String> args = new ArrayList<>(List.of("client", "--port", String.valueOf(server.port()),
                "--suite", "x25519", "--timeout", "5s"));
        args.addAll(Arrays.asList(options));
        CliRun run = CliRun.withInput(stdin, args.toArray(String[]::new));
        run.assertNoJavaNames();
        return run;
    }

    /** Runs the client against the script; checks its exit status, its standard output and what the server saw. */
    private static CliRun session(ScriptedServer.Script script, String stdin, int exitCode, String out,
                                  List<String> seen, String... options) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            CliRun run = client(server, stdin, options);
            assertEquals(exitCode, run.exitCode(), run.err());
            assertEquals(out, run.out(), run.err());
            assertEquals(seen, server.seen(), run.err());
            return run;
        }
    }

    @Test
    void everyLineIsSentAndEveryReplyPrintedOnItsOwnLineWithEachSuite(@TempDir Path dir) throws Exception {
        String key = "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";
        Path keyFile = Files.writeString(dir.resolve("secho.key"), key + "\n");
        try (SechoServer server = SechoServer.start(ServerConfig.builder().port(0).psk(PreSharedKey.fromHex(key))
                .log(line -> { }).build())) {
            for (String suite : new String[] {"x25519", "modp2048", "psk"}) {
                CliRun run = CliRun.withInput("hello\nstraße\n\u0390 ﬁ\n", "client", "--port",
                        String.valueOf(server.port()), "--suite", suite, "--psk-file", keyFile.toString());
                assertEquals(0, run.exitCode(), suite + ": " + run.err());
                assertEquals("HELLO" + NL + "STRASSE" + NL + "\u0399\u0308\u0301 FI" + NL, run.out(), suite);
            }
        }
    }

    /** REQ-CLOSE-9: a data record nobody asked for is unexpected_message, and it is never printed. */
    @Test
    void aDataRecordWithNoRequestOutstandingIsUnexpected() throws Exception {
        CliRun run = session(c -> {
            c.handshake().next();
            c.send(c.data("A"), c.data("NOBODY ASKED"));
            c.untilEnd();
        }, "a\nb\n", 1, "A" + NL,
                List.of("data:a", "alert:unexpected_message", "FIN"));
        assertTrue(run.err().contains("no request was outstanding"), run.err());
    }

    /** REQ-CLOSE-9, after the client's own Close. */
    @Test
    void aDataRecordAfterTheClientsCloseIsUnexpected() throws Exception {
        session(c -> {
            c.answerFirst();
            c.send(c.data("AFTER CLOSE"), c.close());
            c.untilEnd();
        }, "a\n", 1, "A" + NL,
                List.of("data:a", "close", "alert:unexpected_message", "FIN"));
    }

    /** REQ-CLOSE-10: the server's Close in place of a reply. */
    @Test
    void aCloseInsteadOfAReplyIsUnexpected() throws Exception {
        session(c -> {
            c.handshake().next();
            c.send(c.close());
            c.untilEnd();
        }, "a\n", 1, "",
                List.of("data:a", "alert:unexpected_message", "FIN"));
    }

    /** REQ-CLOSE-10: a Close after the last reply but before the client's own is no clean end either. */
    @Test
    void aCloseBeforeTheClientsOwnIsUnexpectedEvenAfterTheLastReply() throws Exception {
        CliRun run = session(c -> {
            c.handshake().next();
            c.send(c.data("A"), c.close());
            c.untilEnd();
        }, "a\n", 1, "A" + NL,
                List.of("data:a", "alert:unexpected_message", "FIN"));
        assertTrue(run.err().contains("the server sent Close before the client did"), run.err());
    }

    /** REQ-ECHO-13, REQ-ECHO-12: a reply that is not UTF-8 gets bad_payload and is not printed. */
    @ParameterizedTest
    @ValueSource(strings = {"c328", "c080", "eda080", "f4908080", "ff", "e282"})
    void aReplyThatIsNotUtf8GetsBadPayloadAndIsNotPrinted(String payload) throws Exception {
        session(c -> {
            c.answerFirst();
            c.send(c.record(InnerType.DATA, Hex.decode(payload)));
            c.untilEnd();
        }, "a\nb\n", 1, "A" + NL,
                List.of("data:a", "data:b", "alert:bad_payload", "FIN"));
    }

    /** REQ-CLOSE-12 after an encrypted alert: FIN, drain, close; never a reset, however much input is unread. */
    @Test
    void afterTheServersAlertTheClientEndsWithFinNotReset() throws Exception {
        session(c -> {
            c.handshake().next();
            c.send(c.alert(AlertCode.INTERNAL_ERROR), STRAY_BYTES);
            c.untilEnd();
        }, "a\n", 1, "",
                List.of("data:a", "FIN"));
    }

    /** REQ-CLOSE-12 after a plaintext alert in place of the ServerHello. */
    @Test
    void afterAPlaintextAlertInTheHandshakeTheClientEndsWithFinNotReset() throws Exception {
        session(c -> {
            c.clientHello();
            c.send(Hex.decode("04000103"), STRAY_BYTES);
            c.untilEnd();
        }, "a\n", 1, "",
                List.of("frame:CLIENT_HELLO", "FIN"));
    }

    /** REQ-CLOSE-12 after the server's Close: the session is clean, and bytes after the Close are drained. */
    @Test
    void afterTheServersCloseTheClientEndsWithFinAndExitsZero() throws Exception {
        session(c -> {
            c.answerFirst();
            c.send(c.close(), STRAY_BYTES);
            c.untilEnd();
        }, "a\n", 0, "A" + NL,
                List.of("data:a", "close", "FIN"));
    }

    /** REQ-CLOSE-6, REQ-CLOSE-7: EOF where the server's Close was due is a failure; nothing is sent. */
    @Test
    void finInsteadOfTheServersCloseIsATruncation() throws Exception {
        CliRun run = session(c -> {
            c.answerFirst();
            c.finish();
            c.untilEnd();
        }, "a\n", 1, "A" + NL,
                List.of("data:a", "close", "FIN"));
        assertTrue(run.err().contains("without Close"), run.err());
    }

    @Test
    void finInsideAReplyIsATruncationAndNothingIsPrinted() throws Exception {
        session(c -> {
            c.handshake().next();
            c.send(Arrays.copyOf(c.data("A"), 10));
            c.finish();
            c.untilEnd();
        }, "a\n", 1, "",
                List.of("data:a", "FIN"));
    }

    /** REQ-LIM-8: no reply in time: the encrypted alert timeout, FIN, no Close, exit 1. */
    @Test
    void noReplyInTimeEndsTheConnectionWithoutAClose() throws Exception {
        CliRun run = session(c -> {
            c.handshake().next();
            c.untilEnd();
        }, "a\n", 1, "", List.of("data:a", "alert:timeout", "FIN"), "--timeout", "1s");
        assertTrue(run.err().matches("(?s).*no answer from 127\\.0\\.0\\.1:\\d+ within 1s \\(waiting for the "
                + "server's reply\\).*"), run.err());
    }

    /** REQ-LIM-8: no server Finished in time: the plaintext alert timeout, FIN, no client Finished. */
    @Test
    void noServerFinishedInTimeEndsTheConnectionWithAPlaintextAlert() throws Exception {
        session(c -> {
            c.serverHello(false);
            c.untilEnd();
        }, "a\n", 1, "", List.of("plaintext-alert:timeout", "FIN"), "--timeout", "1s");
    }

    /** REQ-LIM-8: no Close after the client's Close: FIN (Close stays the last record sent), exit 1. */
    @Test
    void noCloseInTimeIsAFailure() throws Exception {
        CliRun run = session(c -> {
            c.handshake().next();
            c.send(c.data("A"));
            c.untilEnd();
        }, "a\n", 1, "A" + NL, List.of("data:a", "close", "FIN"), "--timeout", "1s");
        assertTrue(run.err().contains("(waiting for the server's Close)"), run.err());
    }

    @Test
    void aTimeoutAboveThirtySecondsIsAUsageError() {
        CliRun.run("client", "--port", "1", "--timeout", "31s", "--message", "x")
                .assertUsageError("timeout must be at most 30s");
    }
}
