package io.secho.conformance.lab;

import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.TestConnection;
import io.secho.echo.EchoTransform;
import io.secho.lab.LabCipher;
import io.secho.lab.LabClient;
import io.secho.lab.LabDh;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProtocolException;
import io.secho.lab.LabVariant;
import io.secho.wire.Hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The harness's side of one lab session: the connection, and the key the session agreed on. Unlike a lab
 * program it does not take one read for one message: it reads until the reply has the length it
 * expects, so that what it reports is the server's doing, not the network's.
 */
public final class LabPeer {
    /** Once some bytes of a reply have come, this long without more ends the wait for the rest. */
    static final Duration QUIET = Duration.ofMillis(300);

    private final LabContext context;
    private final TestConnection connection;
    private final LabCipher cipher;
    private boolean ended;

    private LabPeer(LabContext context, TestConnection connection, LabCipher cipher) {
        this.context = context;
        this.connection = connection;
        this.cipher = cipher;
    }

    static LabPeer open(LabContext context) {
        LabProfile profile = context.profile();
        TestConnection connection = context.connect();
        if (profile.variant() == LabVariant.SEC) {
            LabKey key = context.target().key().orElseThrow(() -> new IllegalStateException(
                    "a sec run without a key: LabTargetConfig should have refused it"));
            return new LabPeer(context, connection, new LabCipher(key.bytes(), profile));
        }
        LabDh dh = LabDh.generate(context.random());
        byte[] ours = dh.encodedPublicKey(profile.keyFormat(), profile.keyEncoding());
        String what = "our DH public key (" + profile.keyEncoding() + " " + profile.keyFormat().title() + ")";
        try {
            if (!profile.serverSendsKeyFirst()) {
                connection.send(ours, what);
            }
            LabDh.PeerKey theirs = readKey(context, connection);
            if (profile.serverSendsKeyFirst()) {
                connection.send(ours, what);
                // As the reference client does: give the server time to read our key on its own.
                Thread.sleep(LabClient.KEY_SETTLE_TIME.toMillis());
            }
            return new LabPeer(context, connection, new LabCipher(dh.deriveKey(theirs, profile.hkdfInfoBytes()), profile));
        } catch (IOException e) {
            throw context.failWith(LabRules.KEY_EXCHANGE, "the DH key exchange", e.getMessage(), what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw context.failWith(LabRules.KEY_EXCHANGE, "the DH key exchange", "interrupted", what);
        }
    }

    /** Reads until the bytes make a key, the server stops sending, or the time limit passes. */
    private static LabDh.PeerKey readKey(LabContext context, TestConnection connection) throws IOException {
        String expected = "the server's DH public key";
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + context.ioTimeout().toNanos();
        while (true) {
            try {
                received.writeBytes(connection.readSome(LabProfile.MAX_READ, wait(received.size(), deadline), expected));
            } catch (ConnectionEndedException e) {
                byte[] bytes = received.toByteArray();
                if (bytes.length == 0) {
                    throw context.failWith(LabRules.KEY_EXCHANGE, expected, e.observed().ending() == Ending.OPEN_AT_TIME_LIMIT
                            ? context.noAnswer() : e.observed().describe(), "");
                }
                context.trace().received("bytes that are no key", bytes);
                throw context.failWith(LabRules.KEY_EXCHANGE, "a DH public key in RFC 3526 group 14, PEM or DER, "
                        + "PKCS#3 or X9.42", describeNonKey(bytes), "");
            }
            byte[] bytes = received.toByteArray();
            try {
                LabDh.PeerKey key = LabDh.decodePublicKey(bytes);
                context.trace().received("server DH public key (" + key.describe() + ")", bytes);
                return key;
            } catch (LabProtocolException incompleteOrWrong) {
                // Perhaps only part of it has come: read on until the server stops sending.
            }
        }
    }

    private static String describeNonKey(byte[] bytes) {
        try {
            LabDh.decodePublicKey(bytes);
            return "a key";
        } catch (LabProtocolException e) {
            return e.getMessage() + "; received " + bytes.length + " bytes";
        }
    }

    /** The whole remaining time for the first bytes; then the quiet period, or less. */
    private static Duration wait(int receivedSoFar, long deadline) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return receivedSoFar == 0 || left.compareTo(QUIET) < 0 ? left : QUIET;
    }

    public TestConnection connection() {
        return connection;
    }

    public LabCipher cipher() {
        return cipher;
    }

    /**
     * Seals under a random nonce whose first byte is not 0x0a: that nonce is LAB-008's own test, and must
     * not make any other case depend on how a server treats it.
     */
    public byte[] seal(byte[] plaintext) {
        byte[] nonce;
        do {
            nonce = context.random().nextBytes(cipher.nonceLength());
        } while (nonce[0] == LabProfile.END_MARKER);
        return cipher.seal(nonce, plaintext);
    }

    public void send(byte[] bytes, String what) {
        if (!connection.send(bytes, what)) {
            throw context.failWith(LabRules.TRANSPORT, "to send " + what, connection.sendFailure().orElse("?"), what);
        }
    }

    /** Sends the record in two writes, {@code pause} apart: the second part leaves as its own segment. */
    public void sendInTwoWrites(byte[] bytes, int cut, Duration pause, String what) {
        send(Arrays.copyOf(bytes, cut), what + ", part 1 of 2");
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(Arrays.copyOfRange(bytes, cut, bytes.length), what + ", part 2 of 2");
    }

    /** Sends a message as one record in one write, and collects the reply. */
    public LabReply exchange(String text) {
        return exchange(seal(utf8(text)), text);
    }

    public LabReply exchange(byte[] record, String text) {
        send(record, describe(record, text));
        return awaitReply(expectedReplyLength(text), context.ioTimeout(), "the echo of \"" + text + "\"");
    }

    /** How the trace and the reports name a record the harness sends. */
    public String describe(byte[] record, String text) {
        return "record \"" + text + "\" (nonce " + Hex.encode(cipher.nonceOf(record)) + ")";
    }

    /** Sends a message, and fails the case unless the reply is its echo. */
    public byte[] echo(String text) {
        return echo(seal(utf8(text)), text);
    }

    /** Sends the record of a message, and fails the case unless the reply is its echo; returns the reply. */
    public byte[] echo(byte[] record, String text) {
        LabReply reply = exchange(record, text);
        requireEcho(reply, text);
        return reply.bytes();
    }

    /** Fails the case, saying what came instead, unless the reply is the echo of the text. */
    public void requireEcho(LabReply reply, String text) {
        String expected = "the echo \"" + upper(text) + "\" (Python's str.upper() of \"" + text + "\")";
        if (reply.empty()) {
            throw context.failWith(LabRules.ECHO, expected, reply.silent() ? context.noAnswer()
                    : reply.describe() + ": the server ended the connection instead of answering", "record \"" + text + "\"");
        }
        Optional<byte[]> opened = open(reply);
        if (opened.isEmpty()) {
            throw context.failWith(LabRules.RECORD, expected + ", sealed under the session key", reply.describe()
                    + ": does not decrypt" + (context.profile().plaintextReplies() ? "" : " (a plaintext reply? then "
                    + "--plaintext-replies; else check the key, --aad, --nonce-length"
                    + (context.profile().variant() == LabVariant.DH ? ", --hkdf-info" : "") + ")"),
                    "record \"" + text + "\"");
        }
        if (!Arrays.equals(opened.get(), utf8(upper(text)))) {
            throw context.failWith(LabRules.ECHO, expected, "\"" + new String(opened.get(), StandardCharsets.UTF_8)
                    + "\" (" + Hex.encode(opened.get()) + ")", "record \"" + text + "\"");
        }
    }

    /** True when the reply opens (or, with plaintext replies, is) the echo of the text. */
    public boolean isEcho(LabReply reply, String text) {
        return open(reply).map(bytes -> Arrays.equals(bytes, utf8(upper(text)))).orElse(false);
    }

    /** The reply's plaintext, if it has one: decrypted, or as it is when the profile has plaintext replies. */
    public Optional<byte[]> open(LabReply reply) {
        if (reply.empty()) {
            return Optional.empty();
        }
        if (context.profile().plaintextReplies()) {
            return Optional.of(reply.bytes());
        }
        try {
            return Optional.of(cipher.open(reply.bytes()));
        } catch (LabProtocolException e) {
            return Optional.empty();
        }
    }

    public int expectedReplyLength(String text) {
        int echo = utf8(upper(text)).length;
        return context.profile().plaintextReplies() ? echo : cipher.nonceLength() + echo + LabProfile.TAG_LENGTH;
    }

    /** Reads until the expected length has come, the connection ends, the server pauses, or the limit passes. */
    public LabReply awaitReply(int expectedLength, Duration limit, String what) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Optional<Ending> ending = Optional.empty();
        while (received.size() < expectedLength) {
            try {
                received.writeBytes(connection.readSome(LabProfile.MAX_READ, wait(received.size(), deadline), what));
            } catch (ConnectionEndedException e) {
                boolean paused = e.observed().ending() == Ending.OPEN_AT_TIME_LIMIT && received.size() > 0;
                ending = paused ? Optional.empty() : Optional.of(e.observed().ending());
                break;
            } catch (IOException e) {
                ending = Optional.of(Ending.RESET);
                break;
            }
        }
        LabReply reply = new LabReply(received.toByteArray(), ending, (System.nanoTime() - start) / 1_000_000);
        if (!reply.empty()) {
            context.trace().received("reply", reply.bytes());
            open(reply).ifPresent(plain -> context.trace().note("  which is \"" + new String(plain, StandardCharsets.UTF_8)
                    + "\""));
        }
        return reply;
    }

    /** Ends the session as a lab client does: the 0x0a marker, then close. Quietly, if the server has gone. */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        // A server that closed first makes this send fail quietly: the session is over either way.
        connection.send(new byte[] {LabProfile.END_MARKER}, "end marker 0x0a");
        closeQuietly();
    }

    /** The case ended the connection its own way (FIN or reset without the marker): no polite end follows. */
    public void abandon() {
        ended = true;
    }

    /** Closes without the marker: only for a connection the case has already ended its own way. */
    public void closeQuietly() {
        connection.close();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String upper(String text) {
        return EchoTransform.toUpperCase(text);
    }
}
