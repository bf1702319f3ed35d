package io.secho.conformance.learn;

import io.secho.conformance.learn.ServerAlphabet.Input;
import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.Finished;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameHeader;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameReader;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.HelloMessage;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.RandomBytes;
import io.secho.conformance.peer.RecordForge;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.peer.TrafficKeys;
import io.secho.conformance.peer.X25519KeyExchange;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import java.util.Optional;

/**
 * One TCP connection of the server mapper: each {@link #step} sends one abstract input's concrete frame and
 * reads what the server sends back until EOF, a reset, a quiet period, or the step limit. Once the
 * connection ended every further input answers {@link ServerOutputs#CLOSED} without sending.
 */
public final class ServerMapperConnection implements AutoCloseable {
    /** ASCII and lower case, so that an echo that skips the upper-casing (REQ-ECHO-9) reads as Data(wrong). */
    static final byte[] REQUEST = "secho learns".getBytes(StandardCharsets.US_ASCII);
    /** C0 80: an overlong NUL, not well-formed UTF-8 (Section 10.2, REQ-ECHO-7). */
    static final byte[] BAD_UTF8 = {(byte) 0xc0, (byte) 0x80};
    /** A bound on the events of one step besides time: a flood of small frames ends the step early. */
    static final int MAX_EVENTS = 64;
    /** The unsigned seq 2^64-1: "replayed" before any record was accepted (Table 12 step 3, REQ-REC-8). */
    private static final long LAST_SEQUENCE = -1L;

    private final ServerMapperSettings settings;
    private final RandomBytes random;
    private final Socket socket;
    private final DeadlineInput deadlineInput;
    private final PushbackInputStream in;
    private final OutputStream out;
    private final ServerReplies replies = new ServerReplies();
    /** Records sealed before any key exists use these: only the header matters to a server there. */
    private final TrafficKeys randomKeys;
    private boolean ended;
    /** The connection was reset between the connect and the first input. */
    private boolean resetOnArrival;
    private int sealedGeneration;
    /** The c2s seq of the next genuine record; advances only on records a correct receiver counts (REQ-REC-9). */
    private long nextSequence;
    private long lastAccepted = LAST_SEQUENCE;
    /** The spec's machine (not changed here), and its state while the target has answered as it says. */
    private final CompactMealy<String, String> spec;
    private Integer specState;

    ServerMapperConnection(ServerMapperSettings settings, CompactMealy<String, String> spec, RandomBytes random)
            throws IOException {
        this.settings = settings;
        this.spec = spec;
        this.specState = spec.getInitialState();
        this.random = random;
        this.randomKeys = new TrafficKeys(random.nextBytes(AesGcm.KEY_LENGTH),
                random.nextBytes(FrameLimits.SALT_LENGTH));
        this.socket = new Socket();
        try {
            socket.connect(settings.target(), Math.toIntExact(settings.connectTimeout().toMillis()));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        deadlineInput = new DeadlineInput(socket);
        in = new PushbackInputStream(deadlineInput, 1);
        OutputStream stream;
        try {
            socket.setTcpNoDelay(true);
            stream = socket.getOutputStream();
        } catch (IOException e) {
            // Accepted, then reset before the first input: that is the server's answer to it, not a failure to
            // connect (a server that resets every connection is learned, and judged, as such).
            stream = OutputStream.nullOutputStream();
            resetOnArrival = true;
        }
        out = stream;
    }

    /** Sends {@code symbol}'s concrete frame and names what came back. */
    public String step(String symbol) {
        Input input = Input.of(symbol);
        if (ended) {
            return MapperOutputs.CLOSED;
        }
        if (resetOnArrival) {
            close();
            return MapperOutputs.RESET;
        }
        followKeys();
        byte[] bytes = concrete(input);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // A write can only fail on a connection the server tore down: Table 14's reset.
            ended = true;
            return MapperOutputs.RESET;
        }
        String expected = specState == null ? null : spec.getOutput(specState, symbol);
        boolean answerOwed = expected != null && !expected.equals(MapperOutputs.NOTHING);
        String output = MapperOutputs.join(readReplies(answerOwed ? settings.answerWait() : Duration.ZERO));
        specState = output.equals(expected) ? spec.getSuccessor(specState, symbol) : null;
        return output;
    }

    /** The connection ended (FIN, reset, or the mapper gave up on it). */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        ended = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket the server may already have reset: nothing to report.
        }
    }

    private byte[] concrete(Input input) {
        return switch (input) {
            case CLIENT_HELLO_X25519, CLIENT_HELLO_MODP2048, CLIENT_HELLO_PSK ->
                    clientHello(input.helloSuite().orElseThrow());
            case CLIENT_HELLO_BAD_SHARE -> badShareHello();
            case FINISHED_RIGHT -> finished(false);
            case FINISHED_WRONG -> finished(true);
            case DATA_VALID -> {
                replies.requestSent(REQUEST);
                yield genuine(InnerType.DATA, REQUEST);
            }
            case DATA_BAD_UTF8 -> genuine(InnerType.DATA, BAD_UTF8);
            case DATA_BAD_TAG -> outOfSequence(forge(nextSequence).payload(REQUEST).flipTagBit(0)); // REQ-REC-7
            case DATA_REPLAYED -> outOfSequence(forge(lastAccepted).payload(REQUEST)); // REQ-REC-8
            case DATA_SKIPPED -> outOfSequence(forge(nextSequence + 1).payload(REQUEST)); // REQ-REC-8
            case CLOSE -> genuine(InnerType.CLOSE, new byte[0]);
            case PLAINTEXT_ALERT -> AlertMessage.plaintextFrame(AlertCode.INTERNAL_ERROR).encode();
            // REQ-ALERT-2: after the handshake an alert is a record.
            case ENCRYPTED_ALERT -> genuine(InnerType.ALERT, AlertMessage.encode(AlertCode.INTERNAL_ERROR));
        };
    }

    /** REQ-HS-1, REQ-HS-3, REQ-KEX-1: a fresh random and key exchange per hello. */
    private byte[] clientHello(Suite suite) {
        KeyExchange exchange = suite.newKeyExchange(random, settings.psk());
        byte[] frame = new ClientHello(suite, random.nextBytes(HelloMessage.RANDOM_LENGTH), exchange.publicShare())
                .toFrame().encode();
        replies.helloSent(suite, frame, exchange::sharedSecret);
        return frame;
    }

    /**
     * u = 0, whose X25519 result is all zeros for every scalar (REQ-KEX-4). A server that accepts it anyway
     * computed that all-zero secret, so the mapper can still follow it into the session it opened.
     */
    private byte[] badShareHello() {
        byte[] frame = new ClientHello(Suite.X25519, random.nextBytes(HelloMessage.RANDOM_LENGTH),
                new byte[X25519KeyExchange.SHARE_LENGTH]).toFrame().encode();
        replies.helloSent(Suite.X25519, frame, share -> new byte[X25519KeyExchange.SHARE_LENGTH]);
        return frame;
    }

    /** REQ-FIN-4 when the server's flight gave th2; 32 random bytes before that. Wrong: bit 0 flipped. */
    private byte[] finished(boolean wrong) {
        byte[] verifyData = replies.clientVerifyData().orElseGet(() -> random.nextBytes(Finished.LENGTH));
        if (wrong) {
            verifyData[0] ^= 1;
        }
        return new Finished(verifyData).toFrame().encode();
    }

    /**
     * A record a correct server refuses; it carries the request all the same, so that a server which accepts
     * it shows as "Echo" rather than as a reply nobody asked for.
     */
    private byte[] outOfSequence(RecordForge record) {
        replies.requestSent(REQUEST);
        return record.encode();
    }

    /** The next in-sequence record (REQ-REC-2): it uses up its seq, as the receiver counts it. */
    private byte[] genuine(InnerType type, byte[] payload) {
        long sequence = nextSequence;
        byte[] record = forge(sequence).innerType(type).payload(payload).encode();
        lastAccepted = sequence;
        nextSequence++;
        return record;
    }

    /** New keys (a server that accepted a second hello) start their seqs at 0 again (REQ-REC-2). */
    private void followKeys() {
        if (replies.keyGeneration() != sealedGeneration) {
            sealedGeneration = replies.keyGeneration();
            nextSequence = 0;
            lastAccepted = LAST_SEQUENCE;
        }
    }

    /** A record under the c2s keys (REQ-KS-4), or the random keys while there are none. */
    private RecordForge forge(long sequence) {
        return RecordForge.with(replies.clientToServer().orElse(randomKeys)).sequence(sequence);
    }

    /**
     * Frames until EOF, a reset, a quiet period, the step limit or {@link #MAX_EVENTS}.
     *
     * @param firstByteWait how long the first byte may take, when longer than the quiet period
     */
    private List<String> readReplies(Duration firstByteWait) {
        List<String> events = new ArrayList<>();
        long stepDeadline = System.nanoTime() + firstByteWait.toNanos() + settings.stepLimit().toNanos();
        long quiet = settings.quietPeriod().toNanos();
        FrameReader frames = new FrameReader(in);
        while (!ended) {
            if (events.size() >= MAX_EVENTS) {
                events.add(ServerOutputs.TIMEOUT);
                close();
                break;
            }
            long wait = events.isEmpty() ? Math.max(quiet, firstByteWait.toNanos()) : quiet;
            long quietDeadline = Math.min(System.nanoTime() + wait, stepDeadline);
            boolean insideFrame = false;
            try {
                deadlineInput.deadline(quietDeadline);
                int first = in.read();
                if (first < 0) {
                    events.add(MapperOutputs.FIN);
                    close();
                    break;
                }
                in.unread(first);
                insideFrame = true;
                deadlineInput.deadline(stepDeadline);
                events.add(readFrame(frames));
            } catch (SocketTimeoutException e) {
                if (insideFrame || quietDeadline == stepDeadline) {
                    // Still sending when the step limit passed (a trickle, a flood): the stream cannot be
                    // followed any further, so the mapper gives up on the connection.
                    events.add(ServerOutputs.TIMEOUT);
                    close();
                }
                break; // quiet: the server has said all it will say to this input
            } catch (EOFException e) {
                events.add(ServerOutputs.GARBAGE); // a torn frame (REQ-CLOSE-6's truncation)
                events.add(MapperOutputs.FIN);
                close();
            } catch (IOException e) {
                events.add(MapperOutputs.RESET);
                close();
            }
        }
        return events;
    }

    /** One frame: the reader's bounds hold (a u16 length, REQ-FRM-2), unknown types are read past. */
    private String readFrame(FrameReader frames) throws IOException {
        FrameHeader header = frames.readHeader().orElseThrow(() -> new EOFException("no header"));
        byte[] body = frames.readBody(header);
        Optional<FrameType> type = header.type();
        return type.map(t -> replies.classify(new Frame(t, body))).orElse(ServerOutputs.GARBAGE);
    }

    /** The socket's input with one absolute deadline for every read, however the bytes trickle in. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private long deadline;

        DeadlineInput(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        void deadline(long nanoTime) {
            deadline = nanoTime;
        }

        private void arm() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            // Rounded up: a timeout that fires early would cut a frame short and read as a quiet period.
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            return in.read(buffer, offset, length);
        }
    }
}
