package io.secho.conformance.lab.clients;

import io.secho.conformance.clients.ClientRunner;
import io.secho.conformance.clients.server.ClientEnding;
import io.secho.conformance.clients.server.RunClock;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.net.Trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The lab test server of one run of a lab client: it listens on a free port of 127.0.0.1, accepts the client's one
 * connection and serves it as spec/lab-profile.md says a lab server does, with the run's knobs (dh: the key
 * exchange, in the order {@code --server-sends-key-first} says; every record opened with the session key and
 * answered with its text upper-cased, sealed under a fresh random nonce, or in plaintext with
 * {@code --plaintext-replies}; the end marker 0x0a closes the session), except where the run's
 * {@link LabServerScript} says otherwise. A record that does not open ends the session, as the reference lab
 * server ends it: the connection is closed without a word.
 *
 * <p>Unlike a lab server it does not take one read for one message: it knows the messages the client was given,
 * so it reads each record up to the length that message needs, and what it reports is the client's doing, not the
 * network's. Every wait ends when the client has exited (its connection ends with it) or the run's limit passes.
 */
final class LabTestServer implements ClientRunner.Listening {
    /** After some bytes of a record, this long without more ends it (a client whose record is shorter). */
    private static final long QUIET_NANOS = 500_000_000L;
    /** After a lone 0x0a, this long without more makes it the end marker rather than a record's first byte. */
    private static final long MARKER_QUIET_NANOS = 300_000_000L;
    private static final int SLICE_MILLIS = 50;
    /** A lab peer reads at most this much at once (LAB-R1): no record or key is longer. */
    private static final int MAX_READ = 9999;
    private static final byte END_MARKER = 0x0a;

    private final ServerSocket listening;
    private volatile Socket connection;

    private LabTestServer(ServerSocket listening) {
        this.listening = listening;
    }

    static LabTestServer listen() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
        listening.setSoTimeout(SLICE_MILLIS);
        return new LabTestServer(listening);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return listening.getLocalPort();
    }

    /** Serves one connection on a thread of its own; the future completes when the session is over. */
    CompletableFuture<LabSession> serve(LabKnobs knobs, List<String> messages, LabServerScript script,
                                        SeededBytes random, Trace trace, RunClock clock) {
        CompletableFuture<LabSession> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            LabSession session = new LabSession();
            try {
                new Serving(knobs, messages, script, random, trace, clock, session).run();
                done.complete(session);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, "secho-lab-test-server");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException ignored) {
            // Closing a listening socket has nothing to report.
        }
        Socket open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Already closed by the session.
            }
        }
    }

    /** Why waiting is over, if it is, in the words of a lab session. */
    private static Optional<LabSession.Ending> over(RunClock clock) {
        return clock.over().map(ending -> ending == ClientEnding.OPEN_AT_LIMIT ? LabSession.Ending.OPEN_AT_LIMIT
                : LabSession.Ending.OPEN_AFTER_EXIT);
    }

    /** What one read of the client's next message gave. */
    private record Item(byte[] bytes, boolean endMarker, Optional<LabSession.Ending> then) {
        static Item ended(LabSession.Ending ending) {
            return new Item(new byte[0], false, Optional.of(ending));
        }

        boolean hasBytes() {
            return bytes.length > 0 && !endMarker;
        }
    }

    /** One session: the state of the serving thread. */
    private final class Serving {
        private final LabKnobs knobs;
        private final List<String> messages;
        private final LabServerScript script;
        private final SeededBytes random;
        private final Trace trace;
        private final RunClock clock;
        private final LabSession session;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Serving(LabKnobs knobs, List<String> messages, LabServerScript script, SeededBytes random, Trace trace,
                RunClock clock, LabSession session) {
            this.knobs = knobs;
            this.messages = messages;
            this.script = script;
            this.random = random;
            this.trace = trace;
            this.clock = clock;
            this.session = session;
        }

        void run() {
            Optional<Socket> accepted = accept();
            if (accepted.isEmpty()) {
                session.ending = LabSession.Ending.NEVER_CONNECTED;
                trace.note("the client never connected");
                return;
            }
            socket = accepted.get();
            connection = socket;
            session.connected = true;
            session.connectedAfterMillis = clock.elapsedMillis();
            trace.note("the client connected from port " + socket.getPort());
            try (Socket open = socket) {
                open.setTcpNoDelay(true);
                in = open.getInputStream();
                out = open.getOutputStream();
                Optional<byte[]> key = sessionKey();
                if (key.isPresent()) {
                    serveRecords(key.get());
                }
            } catch (IOException e) {
                session.ending = isReset(e) ? LabSession.Ending.RESET : LabSession.Ending.FIN;
                trace.note("the connection failed: " + (isReset(e) ? "TCP reset" : e.getMessage()));
            }
        }

        private Optional<Socket> accept() {
            while (over(clock).isEmpty()) {
                try {
                    return Optional.of(listening.accept());
                } catch (SocketTimeoutException e) {
                    // Look at the clock again.
                } catch (IOException e) {
                    // Closed: the run is over.
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }

        /** sec: the fixed key; dh: the key exchange (LAB-R2). Empty when the client's key did not come. */
        private Optional<byte[]> sessionKey() throws IOException {
            if (!knobs.dh()) {
                return Optional.of(knobs.key().orElseThrow(() -> new IllegalStateException(
                        "a sec run without a key: LabClientTarget should have refused it")));
            }
            LabDhKey ours = LabDhKey.generate(random);
            byte[] encoded = ours.encoded(knobs.x942Key(), knobs.derKey());
            String what = "the test server's DH public key (" + (knobs.derKey() ? "DER " : "PEM ")
                    + (knobs.x942Key() ? "X9.42" : "PKCS#3") + ")";
            if (knobs.serverSendsKeyFirst()) {
                write(encoded, what + ", sent first");
            }
            Optional<BigInteger> theirs = readClientKey();
            if (theirs.isEmpty()) {
                return Optional.empty();
            }
            if (!knobs.serverSendsKeyFirst()) {
                write(encoded, what);
            }
            return Optional.of(ours.sessionKey(theirs.get(), knobs.hkdfInfo()));
        }

        /** Reads until the bytes make a key, the client stops sending, or the session ends. */
        private Optional<BigInteger> readClientKey() throws IOException {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[MAX_READ];
            String refused = "nothing";
            while (true) {
                int n = read(buffer, MAX_READ - got.size(), got.size() == 0 ? Long.MAX_VALUE : QUIET_NANOS);
                if (n > 0) {
                    got.write(buffer, 0, n);
                    try {
                        LabDhKey.Received key = LabDhKey.decode(got.toByteArray());
                        trace.sent("the client's DH public key (" + key.form() + ")", got.toByteArray());
                        session.clientKey = Optional.of(key.form());
                        return Optional.of(key.y());
                    } catch (LabDhKey.Refused notYet) {
                        refused = notYet.getMessage();
                        if (got.size() < MAX_READ) {
                            continue;
                        }
                    }
                }
                byte[] bytes = got.toByteArray();
                if (bytes.length > 0) {
                    trace.sent("bytes that are no DH public key", bytes);
                }
                LabSession.Ending ending = n < 0 ? LabSession.Ending.FIN : over(clock)
                        .orElse(LabSession.Ending.CLOSED_BY_SERVER);
                String then = ending == LabSession.Ending.FIN ? "the client closed the connection (FIN)"
                        : ending == LabSession.Ending.CLOSED_BY_SERVER ? "nothing more for " + QUIET_NANOS / 1_000_000
                        + " ms" : ending.description();
                session.keyProblem = Optional.of(bytes.length == 0 ? "nothing came; " + then
                        : bytes.length + " bytes that are no DH public key in group 14 (" + refused + "); " + then);
                session.ending = ending;
                return Optional.empty();
            }
        }

        private void serveRecords(byte[] key) throws IOException {
            for (int index = 0; index < messages.size(); index++) {
                int expected = knobs.recordLength(messages.get(index).getBytes(StandardCharsets.UTF_8).length);
                Item item = next(expected);
                if (!item.hasBytes()) {
                    end(item);
                    return;
                }
                LabSession.Exchange exchange = answer(index, item.bytes(), expected, key);
                session.exchanges.add(exchange);
                if (exchange.problem().isPresent()) {
                    // As the reference lab server does: that connection is closed without a word.
                    trace.note("the test server closes the connection: record " + (index + 1) + " "
                            + exchange.problem().get());
                    session.ending = LabSession.Ending.CLOSED_BY_SERVER;
                    return;
                }
                if (item.then().isPresent()) {
                    session.ending = item.then().get();
                    return;
                }
            }
            // Every message answered: the end marker is due.
            Item last = next(1);
            if (last.hasBytes()) {
                session.stray = Optional.of(last.bytes());
                trace.sent("bytes where the end marker was due", last.bytes());
                session.ending = last.then().orElse(LabSession.Ending.CLOSED_BY_SERVER);
                return;
            }
            end(last);
        }

        private void end(Item item) {
            if (item.endMarker()) {
                trace.sent("the end marker", new byte[] {END_MARKER});
                trace.note("the test server closes the session, as a lab server does after the end marker");
                session.ending = LabSession.Ending.END_MARKER;
                return;
            }
            session.ending = item.then().orElse(LabSession.Ending.CLOSED_BY_SERVER);
            trace.note("the client's side: " + session.ending.description());
        }

        /** Opens the record and sends the reply; an exchange with a problem when it does not open. */
        private LabSession.Exchange answer(int index, byte[] record, int expected, byte[] key) throws IOException {
            String name = "record " + (index + 1);
            trace.sent(name + " (" + HexFormat.of().formatHex(Arrays.copyOf(record,
                    Math.min(record.length, knobs.nonceLength()))) + " is its nonce)", record);
            Optional<byte[]> opened = LabGcm.open(key, knobs.nonceLength(), record, knobs.aad());
            if (opened.isEmpty()) {
                String length = record.length == expected ? "" : "; it is " + record.length + " bytes, where the message "
                        + "as a record with " + knobs.nonceLength() + "-byte nonce is " + expected;
                String problem = record.length < knobs.nonceLength() + LabGcm.TAG_LENGTH
                        ? "is too short to be a record" + length
                        : "does not open under the session key with a " + knobs.nonceLength() + "-byte nonce and "
                        + (knobs.aad().length == 0 ? "no AAD" : "AAD " + HexFormat.of().formatHex(knobs.aad())) + length;
                return new LabSession.Exchange(index, record, Optional.empty(), Optional.of(problem), Optional.empty());
            }
            Optional<String> text = strictUtf8(opened.get());
            if (text.isEmpty()) {
                return new LabSession.Exchange(index, record, opened, Optional.of("opens to bytes that are not UTF-8"),
                        Optional.empty());
            }
            trace.note(name + " opens to \"" + text.get() + "\"");
            String upper = text.get().toUpperCase(Locale.ROOT);
            byte[] plaintext = upper.getBytes(StandardCharsets.UTF_8);
            LabSession.Reply reply;
            if (knobs.plaintextReplies()) {
                reply = new LabSession.Reply(plaintext, upper, Optional.empty(), "in plaintext (--plaintext-replies)");
            } else {
                boolean newline = script.newlineFirst(index);
                byte[] nonce = newline ? newlineNonce() : freshNonce();
                byte[] sealed = LabGcm.seal(key, nonce, plaintext, knobs.aad());
                String deviation = "";
                if (newline) {
                    deviation = "under a nonce whose first byte is 0x0a";
                }
                if (script.forges(index)) {
                    int bit = script.forgedBit();
                    sealed[sealed.length - LabGcm.TAG_LENGTH + bit / 8] ^= (byte) (1 << (bit % 8));
                    deviation = "with bit " + bit + " of its tag flipped (forged)";
                }
                reply = new LabSession.Reply(sealed, upper, Optional.of(nonce), deviation);
            }
            write(reply.bytes(), "reply to " + name + ": \"" + upper + "\"" + (reply.deviation().isEmpty() ? ""
                    : " " + reply.deviation()));
            return new LabSession.Exchange(index, record, opened, Optional.empty(), Optional.of(reply));
        }

        /** A random nonce whose first byte is not 0x0a: that nonce is LAB-W3's own probe. */
        private byte[] freshNonce() {
            byte[] nonce;
            do {
                nonce = random.next(knobs.nonceLength());
            } while (nonce[0] == END_MARKER);
            return nonce;
        }

        /** A random nonce that begins and ends with 0x0a, as LAB-008 sends one to servers. */
        private byte[] newlineNonce() {
            byte[] nonce = random.next(knobs.nonceLength());
            nonce[0] = END_MARKER;
            nonce[nonce.length - 1] = END_MARKER;
            return nonce;
        }

        private void write(byte[] bytes, String what) throws IOException {
            trace.received(what, bytes);
            out.write(bytes);
            out.flush();
        }

        /**
         * The client's next message: a record read up to {@code expected} bytes (and whatever came with it in the
         * same write), the end marker (a lone 0x0a, then nothing or the end), or how the session ended.
         */
        private Item next(int expected) throws IOException {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[MAX_READ];
            while (true) {
                byte[] soFar = got.toByteArray();
                boolean lone = soFar.length == 1 && soFar[0] == END_MARKER;
                if (got.size() >= expected && !lone) {
                    drainAvailable(got);
                    return new Item(got.toByteArray(), false, Optional.empty());
                }
                long wait = got.size() == 0 ? Long.MAX_VALUE : lone ? MARKER_QUIET_NANOS : QUIET_NANOS;
                int n;
                try {
                    n = read(buffer, Math.max(1, expected - got.size()), wait);
                } catch (SocketException e) {
                    if (!isReset(e)) {
                        throw e;
                    }
                    return lone || got.size() == 0 ? new Item(new byte[0], lone, Optional.of(LabSession.Ending.RESET))
                            : new Item(got.toByteArray(), false, Optional.of(LabSession.Ending.RESET));
                }
                if (n > 0) {
                    got.write(buffer, 0, n);
                    continue;
                }
                Optional<LabSession.Ending> then = n < 0 ? Optional.of(LabSession.Ending.FIN) : over(clock);
                if (got.size() == 0) {
                    return Item.ended(then.orElse(LabSession.Ending.OPEN_AFTER_EXIT));
                }
                if (lone) {
                    return new Item(new byte[0], true, then);
                }
                // A record shorter than the message needs, or one that came in parts too far apart.
                return new Item(got.toByteArray(), false, then);
            }
        }

        private void drainAvailable(ByteArrayOutputStream got) throws IOException {
            byte[] buffer = new byte[MAX_READ];
            int available;
            while (got.size() < MAX_READ && (available = in.available()) > 0) {
                int n = in.read(buffer, 0, Math.min(available, MAX_READ - got.size()));
                if (n <= 0) {
                    return;
                }
                got.write(buffer, 0, n);
            }
        }

        /**
         * One read of at most {@code max} bytes, waiting at most {@code waitNanos} and never past the clock.
         *
         * @return the count read, -1 at the end of the stream, 0 when nothing came in time
         */
        private int read(byte[] buffer, int max, long waitNanos) throws IOException {
            long start = System.nanoTime();
            while (true) {
                if (over(clock).isPresent() || System.nanoTime() - start >= waitNanos) {
                    return 0;
                }
                socket.setSoTimeout(SLICE_MILLIS);
                try {
                    return in.read(buffer, 0, Math.min(max, buffer.length));
                } catch (SocketTimeoutException e) {
                    // Look at the clock again.
                }
            }
        }
    }

    private static boolean isReset(IOException e) {
        return e instanceof SocketException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset");
    }

    /** The text, when the bytes are well-formed UTF-8: only then does decoding and encoding again give them back. */
    static Optional<String> strictUtf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) ? Optional.of(text) : Optional.empty();
    }
}
