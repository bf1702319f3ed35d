package io.secho.conformance.lab;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.net.ByteText;
import io.secho.conformance.net.ConnectionEndedException;
import io.secho.conformance.net.Ending;
import io.secho.conformance.net.TestConnection;
import io.secho.conformance.peer.EchoRule;
import io.secho.conformance.peer.Hex;
import io.secho.conformance.requirements.Req;
import io.secho.lab.LabCipher;
import io.secho.lab.LabClient;
import io.secho.lab.LabDh;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabProtocolException;
import io.secho.lab.LabVariant;

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
    /**
     * How long the run's first session listens before it speaks. A server that sends first does so as soon
     * as it accepts; a second is ample on a loaded machine, and it is spent once per run.
     */
    static final Duration FIRST_WORD_WAIT = Duration.ofSeconds(1);
    /** Every other session only looks whether something is already there: it costs nothing. */
    private static final Duration ALREADY_THERE = Duration.ofMillis(1);

    private final LabContext context;
    private final TestConnection connection;
    private final LabCipher cipher;
    private final Optional<DhSession> dh;
    private final boolean listenedFirst;
    private boolean ended;

    /** The dh variant's exchange as it happened: our key pair and the server's public key. */
    record DhSession(LabDh ours, LabDh.PeerKey theirs) {
        /** The session key under another HKDF info: for the checklist, which tries the common ones offline. */
        LabCipher cipher(String info, LabProfile profile) {
            return new LabCipher(ours.deriveKey(theirs, info.getBytes(StandardCharsets.UTF_8)), profile);
        }
    }

    private LabPeer(LabContext context, TestConnection connection, LabCipher cipher, Optional<DhSession> dh,
                    boolean listenedFirst) {
        this.context = context;
        this.connection = connection;
        this.cipher = cipher;
        this.dh = dh;
        this.listenedFirst = listenedFirst;
    }

    /**
     * Connects and agrees on the session key.
     *
     * @param firstContact listen {@link #FIRST_WORD_WAIT} before speaking, to learn whether the server speaks first
     * @throws LabSessionProblem when no session starts, saying what was seen and which option it points to
     */
    static LabPeer open(LabContext context, TestConnection connection, boolean firstContact) {
        LabProfile profile = context.profile();
        boolean serverFirst = profile.variant() == LabVariant.DH && profile.serverSendsKeyFirst();
        boolean listened = firstContact && !serverFirst;
        if (!serverFirst) {
            refuseFirstWord(context, connection, firstContact ? min(FIRST_WORD_WAIT, context.ioTimeout()) : ALREADY_THERE);
        }
        if (profile.variant() == LabVariant.SEC) {
            LabKey key = context.target().key().orElseThrow(() -> new IllegalStateException(
                    "a sec run without a key: LabTargetConfig should have refused it"));
            return new LabPeer(context, connection, new LabCipher(key.bytes(), profile), Optional.empty(),
                    listened);
        }
        // The reference lab classes take the reference's randomness type: a method reference adapts the harness's.
        LabDh ours = LabDh.generate(context.random()::nextBytes);
        byte[] encoded = ours.encodedPublicKey(profile.keyFormat(), profile.keyEncoding());
        String what = "our DH public key (" + profile.keyEncoding() + " " + profile.keyFormat().title() + ")";
        if (!serverFirst && !connection.send(encoded, what)) {
            throw new LabSessionProblem(LabSessionProblem.Kind.OTHER, "the server took no key: "
                    + connection.sendFailure().orElse("?"));
        }
        LabDh.PeerKey theirs = readKey(context, connection, serverFirst);
        if (serverFirst) {
            if (!connection.send(encoded, what)) {
                throw new LabSessionProblem(LabSessionProblem.Kind.KEY_REFUSED, "the server sent its key but took "
                        + "none: " + connection.sendFailure().orElse("?"));
            }
            // As the reference client does: give the server time to read our key on its own.
            pause(LabClient.KEY_SETTLE_TIME);
            refuseClosedAfterKey(context, connection);
        }
        DhSession session = new DhSession(ours, theirs);
        return new LabPeer(context, connection, session.cipher(profile.hkdfInfo(), profile), Optional.of(session),
                listened);
    }

    /**
     * A client speaks first in the lab protocol, unless told that the server sends its key first. Bytes that
     * come before we sent any are a server that speaks first: our first message would be read together with
     * its key, or taken for its answer, and every case after would blame the server for our mistake.
     */
    private static void refuseFirstWord(LabContext context, TestConnection connection, Duration listen) {
        if (!connection.awaitInput(listen)) {
            return;
        }
        // Whatever it sends, until it pauses: a key is written at once, a byte at a time is no lab server.
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < LabProfile.MAX_READ) {
            try {
                received.writeBytes(connection.readSome(LabProfile.MAX_READ, QUIET, "nothing before we speak"));
            } catch (ConnectionEndedException e) {
                if (received.size() == 0) {
                    throw new LabSessionProblem(LabSessionProblem.Kind.OTHER, "the server ended the connection "
                            + "before we sent anything: " + e.observed().describe());
                }
                break;
            }
        }
        byte[] first = received.toByteArray();
        context.trace().received("bytes before we sent anything", first);
        boolean dh = context.profile().variant() == LabVariant.DH;
        String advice = dh ? "it sends its key first: run with " + LabProfileOptions.SERVER_SENDS_KEY_FIRST
                : "a sec server never speaks first: is it the dh variant (" + LabProfileOptions.VARIANT + " dh "
                + LabProfileOptions.SERVER_SENDS_KEY_FIRST + ")?";
        throw new LabSessionProblem(LabSessionProblem.Kind.SPOKE_FIRST, "the server spoke first: " + describeKeyOrBytes(first) + " came before we sent "
                + "anything; " + advice);
    }

    /**
     * When the server sent its key first, nothing says it could read ours, except that a server that cannot
     * usually closes at once: better said now, naming the key form, than as a record that got no echo.
     */
    private static void refuseClosedAfterKey(LabContext context, TestConnection connection) {
        if (!connection.awaitInput(ALREADY_THERE)) {
            return;
        }
        LabProfile profile = context.profile();
        try {
            byte[] unexpected = connection.readSome(LabProfile.MAX_READ, QUIET, "nothing after our key");
            context.trace().received("bytes after our key, before our first record", unexpected);
        } catch (ConnectionEndedException e) {
            throw new LabSessionProblem(LabSessionProblem.Kind.KEY_REFUSED, "the server ended the connection after "
                    + "our key (" + profile.keyEncoding().name() + " " + profile.keyFormat().title() + "): "
                    + e.observed().describe() + "; it could not read it? try " + LabProfileOptions.KEY_ENCODING + " "
                    + other(profile.keyEncoding()) + " or " + LabProfileOptions.KEY_FORMAT + " "
                    + other(profile.keyFormat()));
        }
    }

    /** Reads until the bytes make a key, the server stops sending, or the time limit passes. */
    private static LabDh.PeerKey readKey(LabContext context, TestConnection connection, boolean serverFirst) {
        String expected = "the server's DH public key";
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + context.ioTimeout().toNanos();
        while (true) {
            try {
                received.writeBytes(connection.readSome(LabProfile.MAX_READ, wait(received.size(), deadline), expected));
            } catch (ConnectionEndedException e) {
                byte[] bytes = received.toByteArray();
                if (bytes.length == 0) {
                    throw new LabSessionProblem(serverFirst ? LabSessionProblem.Kind.OTHER
                            : LabSessionProblem.Kind.KEY_REFUSED, noKey(context, e.observed().ending()
                            == Ending.OPEN_AT_TIME_LIMIT ? context.noAnswer() : e.observed().describe(), serverFirst));
                }
                context.trace().received("bytes that are no key", bytes);
                throw new LabSessionProblem(LabSessionProblem.Kind.OTHER, "instead of a DH public key in RFC 3526 group 14 (PEM or DER, PKCS#3 or "
                        + "X9.42): " + describeKeyOrBytes(bytes) + (context.profile().plaintextReplies() ? ""
                        : "; is it the sec variant (" + LabProfileOptions.VARIANT + " sec " + LabProfileOptions.KEY_FILE
                        + " FILE)?"));
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

    private static String noKey(LabContext context, String what, boolean serverFirst) {
        if (serverFirst) {
            return "no DH public key from the server: " + what + "; it did not send its key first (drop "
                    + LabProfileOptions.SERVER_SENDS_KEY_FIRST + " if it waits for the client's key)";
        }
        LabProfile profile = context.profile();
        return "no DH public key after ours (" + profile.keyEncoding().name() + " " + profile.keyFormat().title()
                + "): " + what + "; a server that cannot read our key says nothing or closes (try "
                + LabProfileOptions.KEY_ENCODING + " " + other(profile.keyEncoding()) + " or " + LabProfileOptions.KEY_FORMAT
                + " " + other(profile.keyFormat()) + "), and a sec server never answers a key";
    }

    private static String other(LabProfile.KeyEncoding encoding) {
        return encoding == LabProfile.KeyEncoding.PEM ? "der" : "pem";
    }

    private static String other(LabProfile.KeyFormat format) {
        return format == LabProfile.KeyFormat.PKCS3 ? "x942" : "pkcs3";
    }

    /** A DH key in words (its form), or the bytes as the report shows bytes. */
    static String describeKeyOrBytes(byte[] bytes) {
        try {
            return "a DH public key (" + LabDh.decodePublicKey(bytes).describe() + ", " + bytes.length + " bytes)";
        } catch (LabProtocolException e) {
            return ByteText.describe(bytes);
        }
    }

    /** The whole remaining time for the first bytes; then the quiet period, or less. */
    private static Duration wait(int receivedSoFar, long deadline) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return receivedSoFar == 0 || left.compareTo(QUIET) < 0 ? left : QUIET;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public TestConnection connection() {
        return connection;
    }

    public LabCipher cipher() {
        return cipher;
    }

    /** This session listened before speaking, and nothing came: the server does not speak first. */
    boolean listenedFirst() {
        return listenedFirst;
    }

    /** The dh variant's exchange; empty in the sec variant. */
    Optional<DhSession> dh() {
        return dh;
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
            throw context.failWith(Req.LAB_R1, "to send " + what, connection.sendFailure().orElse("?"), what);
        }
    }

    /** Sends the record in two writes, {@code pause} apart: the second part leaves as its own segment. */
    public void sendInTwoWrites(byte[] bytes, int cut, Duration pause, String what) {
        send(Arrays.copyOf(bytes, cut), what + ", part 1 of 2");
        pause(pause);
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

    /**
     * The echo on the way to a case's probe: BLOCKS the case, without evidence, unless the reply is the echo.
     * A case's probe means nothing on a session whose plain echo does not work.
     */
    public void firstEcho(String text) {
        LabReply reply = exchange(text);
        if (!isEcho(reply, text)) {
            throw new CaseBlocked(LabRunProgress.FIRST_ECHO_FAILED, LabRunProgress.FIRST_CASE, "instead of the echo of \""
                    + text + "\": " + (reply.silent() ? context.noAnswer() : reply.describe()));
        }
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

    /** Fails the case, saying what came instead, unless the reply is the echo of the text; evidence if it is. */
    public void requireEcho(LabReply reply, String text) {
        String expected = "the echo \"" + upper(text) + "\" (Python's str.upper() of \"" + text + "\")";
        if (reply.empty()) {
            throw context.failWith(Req.LAB_R4, expected, reply.silent() ? context.noAnswer()
                    : reply.describe() + ": the server ended the connection instead of answering", "record \"" + text + "\"");
        }
        Optional<byte[]> opened = open(reply);
        if (opened.isEmpty()) {
            throw context.failWith(Req.LAB_R3, expected + ", sealed under the session key", reply.describe()
                    + ": does not decrypt" + (context.profile().plaintextReplies() ? "" : " (a plaintext reply? then "
                    + LabProfileOptions.PLAINTEXT_REPLIES + "; else check the key, " + LabProfileOptions.AAD + ", "
                    + LabProfileOptions.NONCE_LENGTH
                    + (context.profile().variant() == LabVariant.DH ? ", " + LabProfileOptions.HKDF_INFO : "") + ")"),
                    "record \"" + text + "\"");
        }
        if (!Arrays.equals(opened.get(), utf8(upper(text)))) {
            throw context.failWith(Req.LAB_R4, expected, "\"" + new String(opened.get(), StandardCharsets.UTF_8)
                    + "\" (" + Hex.encode(opened.get()) + ")", "record \"" + text + "\"");
        }
        context.evidence("the echo of \"" + text + "\" is \"" + upper(text) + "\"");
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
        return opened(cipher, reply.bytes());
    }

    /** The record's plaintext under the cipher given, if it opens. */
    static Optional<byte[]> opened(LabCipher cipher, byte[] record) {
        try {
            return Optional.of(cipher.open(record));
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
        return EchoRule.upperCase(text);
    }
}
