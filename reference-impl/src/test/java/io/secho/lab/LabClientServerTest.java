package io.secho.lab;

import io.secho.crypto.SystemRandomBytes;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference lab client and server over loopback, in every knob combination; the server's robustness. */
@Timeout(60)
class LabClientServerTest {
    private static final LabKey KEY = LabKey.of(Hex.decode("00112233445566778899aabbccddeeff"));
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    static Stream<LabProfile> profiles() {
        LabProfile sec = LabProfile.defaults(LabVariant.SEC);
        LabProfile dh = LabProfile.defaults(LabVariant.DH);
        return Stream.of(sec, sec.withNonceLength(16), sec.withAad("fixed".getBytes(StandardCharsets.US_ASCII)),
                sec.withPlaintextReplies(true), dh, dh.withServerSendsKeyFirst(true),
                dh.withKeyEncoding(LabProfile.KeyEncoding.DER), dh.withKeyFormat(LabProfile.KeyFormat.X942),
                dh.withHkdfInfo("my info").withNonceLength(16).withAad(new byte[] {1, 2, 3}),
                dh.withPlaintextReplies(true));
    }

    private static Optional<LabKey> keyFor(LabProfile profile) {
        return profile.variant() == LabVariant.SEC ? Optional.of(KEY) : Optional.empty();
    }

    private static LabServer start(LabProfile profile, List<String> log) throws IOException {
        return LabServer.start(LabServerConfig.loopback(0, profile, keyFor(profile))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withLog(log::add));
    }

    private static LabClient client(LabServer server, LabProfile profile) throws IOException, LabProtocolException {
        return LabClient.connect(new LabClientConfig("127.0.0.1", server.port(), profile, keyFor(profile), TIMEOUT,
                new SystemRandomBytes()));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void clientAndServerEcho(LabProfile profile) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (LabServer server = start(profile, log)) {
            try (LabClient client = client(server, profile)) {
                assertEquals("HELLO", client.echo("hello"));
                assertEquals("STRASSE ÉTÉ", client.echo("straße été"));
            }
            awaitLog(log, "the client sent the end marker");
            assertTrue(log.get(0).contains("2 message(s) echoed"), log.toString());
        }
    }

    @Test
    void aClientWithTheWrongAadIsToldWhatToCheck() throws Exception {
        LabProfile profile = LabProfile.defaults(LabVariant.SEC);
        try (LabServer server = start(profile.withAad(new byte[] {9}), new ArrayList<>());
             LabClient client = client(server, profile)) {
            LabProtocolException e = assertThrows(LabProtocolException.class, () -> client.echo("hi"));
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
        }
        try (LabServer server = start(profile.withPlaintextReplies(true), new ArrayList<>());
             LabClient client = client(server, profile)) {
            LabProtocolException e = assertThrows(LabProtocolException.class, () -> client.echo("hi"));
            assertTrue(e.getMessage().contains("--plaintext-replies"), e.getMessage());
        }
    }

    @Test
    void serverOutlivesAbruptDisconnectsForgedRecordsAndGarbage() throws Exception {
        LabProfile profile = LabProfile.defaults(LabVariant.SEC);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (LabServer server = start(profile, log)) {
            // Gone without the end marker: FIN, then a reset.
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.getOutputStream().write(new LabCipher(KEY.bytes(), profile).seal(new SystemRandomBytes(),
                        "x".getBytes(StandardCharsets.UTF_8)));
                assertTrue(socket.getInputStream().read(new byte[100]) > 0);
            }
            Socket reset = new Socket(InetAddress.getLoopbackAddress(), server.port());
            reset.setSoLinger(true, 0);
            reset.close();
            // A forged tag and bytes that are no record: no echo, the connection ends.
            byte[] forged = new LabCipher(KEY.bytes(), profile).seal(new SystemRandomBytes(),
                    "forged".getBytes(StandardCharsets.UTF_8));
            forged[forged.length - 1] ^= 0x40;
            assertEquals(-1, sendAndRead(server, forged));
            assertEquals(-1, sendAndRead(server, "garbage".getBytes(StandardCharsets.US_ASCII)));
            // A silent client is timed out, and holds up nobody meanwhile.
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                try (LabClient client = client(server, profile)) {
                    assertEquals("STILL HERE", client.echo("still here"));
                }
                awaitLog(log, "idle for 2000 ms");
                assertEquals(-1, silent.getInputStream().read(), "the server closes a connection it timed out");
            }
            String all = String.join("\n", log);
            for (String expected : new String[] {"left without the end marker", "bad record", "nothing echoed"}) {
                assertTrue(all.contains(expected), "log lacks '" + expected + "':\n" + all);
            }
            assertTrue(!all.contains("forged") && !all.contains("STILL"), "the log must not show contents:\n" + all);
        }
    }

    @Test
    void dhServerRefusesAKeyOfAnotherGroupAndGoesOn() throws Exception {
        LabProfile profile = LabProfile.defaults(LabVariant.DH);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (LabServer server = start(profile, log)) {
            assertEquals(-1, sendAndRead(server, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            try (LabClient client = client(server, profile)) {
                assertEquals("OK", client.echo("ok"));
            }
            awaitLog(log, "bad key exchange");
        }
    }

    /** Sends bytes in one write and returns what one read gives: -1 when the server closed without a word. */
    private static int sendAndRead(LabServer server, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read(new byte[LabProfile.MAX_READ]);
        }
    }

    private static void awaitLog(List<String> log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (log) {
                if (log.stream().anyMatch(line -> line.contains(text))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with '" + text + "' within " + TIMEOUT.toSeconds() + " s: " + log);
    }
}
