package io.secho.conformance.net;

import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The harness's end of one TCP connection. Every read has a deadline (its own, capped by the case's
 * hard limit), every byte is traced, the end of the connection is reported as what it was (FIN, reset,
 * or still open at the limit), and whatever a server sends, at most {@link #KEEP_BYTES} of it is kept.
 *
 * <p>Sending never throws: a server that resets or closes while the harness writes is a behaviour to
 * observe, not a harness failure. The failure is traced and kept ({@link #sendFailure()}), and the next
 * read reports how the connection ended.
 */
public final class TestConnection implements AutoCloseable {
    /** The most of a server's output one connection keeps; the rest is counted, then reading stops. */
    public static final int KEEP_BYTES = 64 * 1024;
    /** After bytes that cannot start a frame, how long the harness collects more of them to show. */
    private static final Duration NOT_A_FRAME_GRACE = Duration.ofMillis(200);
    private static final int NOT_A_FRAME_SHOWN = 1024;

    private final Socket socket;
    private final InputStream in;
    /** How a read time-out ends the wait set by the last {@link #waitBefore}. */
    private Ending timeoutEnding = Ending.OPEN_AT_TIME_LIMIT;
    /** A byte {@link #awaitInput} read to see that one came; the next read returns it first. */
    private int pending = -1;
    private final OutputStream out;
    private final Trace trace;
    private final Duration ioTimeout;
    private final CaseClock clock;
    private volatile String sendFailure;
    /** A write failed with a reset: the kernel reports a reset once, so a read after it sees only EOF. */
    private volatile boolean resetWhileSending;

    private TestConnection(Socket socket, Trace trace, Duration ioTimeout, CaseClock clock) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.trace = trace;
        this.ioTimeout = ioTimeout;
        this.clock = clock;
    }

    /** A connection outside any case (suite probes, readiness checks): bounded by {@code ioTimeout} alone. */
    public static TestConnection open(InetSocketAddress address, Trace trace, Duration ioTimeout) throws IOException {
        return open(address, trace, ioTimeout, CaseClock.unbounded(), 0);
    }

    /**
     * @param receiveBufferBytes a small receive buffer (set before connecting, so the window is small from the
     *                           start) makes a server's writes stall soon when the harness stops reading; 0 keeps
     *                           the system's default
     * @throws IOException when no connection can be made; the message says to what and why
     */
    public static TestConnection open(InetSocketAddress address, Trace trace, Duration ioTimeout, CaseClock clock,
                                      int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.setTcpNoDelay(true);
            int connectMillis = (int) Math.max(1, clock.cap(ioTimeout).toMillis());
            socket.connect(address, connectMillis);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage(), e);
        }
        trace.note("connected to " + address.getHostString() + ":" + address.getPort() + " from local port "
                + socket.getLocalPort());
        return new TestConnection(socket, trace, ioTimeout, clock);
    }

    public Trace trace() {
        return trace;
    }

    public Duration ioTimeout() {
        return ioTimeout;
    }

    /** False once the harness has closed or reset this connection itself. */
    public boolean open() {
        return !socket.isClosed();
    }

    /** Why a send failed, the first time one did: the server reset or closed the connection meanwhile. */
    public Optional<String> sendFailure() {
        return Optional.ofNullable(sendFailure);
    }

    /** Writes the bytes; returns false, having traced why, when the connection no longer takes them. */
    public boolean send(byte[] bytes, String what) {
        trace.sent(what, bytes);
        return write(bytes, 0, bytes.length);
    }

    public boolean send(Frame frame, String what) {
        return send(frame.encode(), what);
    }

    /** One TCP write per byte, with a pause so that the writes really travel as separate segments. */
    public boolean sendOneBytePerWrite(byte[] bytes, String what) {
        trace.sent(what + ", one byte per write", bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (!write(bytes, i, 1)) {
                return false;
            }
            pause(Duration.ofMillis(1));
        }
        return true;
    }

    /**
     * Writes from a thread of its own, so that the case can read meanwhile even when the server stops
     * reading (the write then blocks until the case ends and its connections are closed).
     *
     * @param halfCloseAfter send FIN once everything is written
     * @return the writer, for a case that must know when it is done
     */
    public Thread sendInBackground(byte[] bytes, String what, boolean halfCloseAfter) {
        trace.sent(what + ", written in the background" + (halfCloseAfter ? ", then FIN" : ""), bytes);
        Thread writer = new Thread(() -> {
            if (write(bytes, 0, bytes.length) && halfCloseAfter) {
                halfClose();
            }
        }, "secho-background-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private boolean write(byte[] bytes, int offset, int length) {
        if (sendFailure != null) {
            return false;
        }
        try {
            out.write(bytes, offset, length);
            out.flush();
            return true;
        } catch (IOException e) {
            String why = socket.isClosed() && clock.passed() ? "the case's time limit passed while the harness was "
                    + "still writing (the server stopped reading)" : describeWriteFailure(e);
            sendFailure = why;
            trace.note("could not send: " + why);
            return false;
        }
    }

    private String describeWriteFailure(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("reset") || message.contains("broken pipe")) {
            resetWhileSending = true;
        }
        if (message.contains("reset")) {
            return "the server reset the connection";
        }
        if (message.contains("broken pipe")) {
            return "the server had closed the connection (broken pipe)";
        }
        return "the connection failed: " + e.getMessage();
    }

    /** Reads exactly one frame, as a correct client would, or reports what came instead. */
    public Frame readFrame(String expected) throws ConnectionEndedException {
        long start = System.nanoTime();
        long deadline = start + ioTimeout.toNanos();
        byte[] header = readExactly(new byte[0], FrameLimits.HEADER_LENGTH, start, deadline, expected);
        int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        Optional<FrameType> type = FrameType.fromCode(header[0] & 0xff);
        if (type.isEmpty()) {
            Observed observed = collectAfterNonFrame(header);
            trace.received("bytes that are no frame", observed.bytes());
            throw ConnectionEndedException.notAFrame(expected, observed);
        }
        byte[] body = readExactly(header, length, start, deadline, expected);
        Frame frame = new Frame(type.get(), body);
        trace.received(type.get().name().toLowerCase(Locale.ROOT) + " frame", frame.encode());
        return frame;
    }

    /**
     * Reads until the server ends the connection, the limit passes, or it has sent more than
     * {@link #KEEP_BYTES}. A connection still open at the limit is reported as such, never as closed.
     */
    public Observed readUntilEnd(Duration limit) {
        return readUntilEnd(limit, KEEP_BYTES);
    }

    /**
     * @param enough once the server has sent more than this, the verdict is decided: reading stops
     *               ({@link Ending#STILL_SENDING}); capped at {@link #KEEP_BYTES}
     */
    public Observed readUntilEnd(Duration limit, int enough) {
        int stopAfter = Math.min(enough, KEEP_BYTES);
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        Ending ending;
        while (true) {
            Optional<Ending> expired = waitBefore(deadline);
            if (expired.isPresent()) {
                ending = expired.get();
                break;
            }
            try {
                int n = read(chunk, 0, Math.min(chunk.length, stopAfter + 1 - received.size()));
                if (n < 0) {
                    ending = endOfStream();
                    break;
                }
                received.write(chunk, 0, n);
                if (received.size() > stopAfter) {
                    ending = Ending.STILL_SENDING;
                    break;
                }
            } catch (SocketTimeoutException e) {
                ending = timeoutEnding;
                break;
            } catch (IOException e) {
                ending = endingOf(e);
                break;
            }
        }
        Observed observed = new Observed(received.toByteArray(), ending, (System.nanoTime() - start) / 1_000_000);
        trace.note("until the end: " + observed.describe());
        return observed;
    }

    /**
     * Waits until the server sends a byte or ends the connection, without consuming anything: for cases
     * that trickle bytes and must stop as soon as the server says something.
     *
     * @return true when a byte came or the connection ended; false when the limit passed first
     */
    public boolean awaitInput(Duration limit) {
        if (pending >= 0) {
            return true;
        }
        Optional<Ending> expired = waitBefore(System.nanoTime() + limit.toNanos());
        if (expired.isPresent()) {
            return expired.get() != Ending.OPEN_AT_TIME_LIMIT && expired.get() != Ending.CASE_TIME_LIMIT;
        }
        try {
            if (pending < 0) {
                int next = in.read();
                if (next < 0) {
                    return true;
                }
                pending = next;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends FIN: the server sees the end of the client's stream, the harness can still read. */
    public void halfClose() {
        trace.note("C->S FIN (half-close)");
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            trace.note("the half-close failed: " + e.getMessage());
        }
    }

    /** Ends the connection with a TCP reset, as a crashing client would. */
    public void reset() {
        trace.note("C->S RST (abortive close)");
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            trace.note("the reset failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing is left to read or send on a connection the harness is done with.
        }
    }

    /**
     * Whatever the server sends next, from one read of at most {@code max} bytes: for the lab profile,
     * which has no frames, so that the harness decides from the content when a reply is complete. The
     * caller traces what it assembles.
     *
     * @throws ConnectionEndedException if the connection ended, or nothing came within the limit
     */
    public byte[] readSome(int max, Duration limit, String expected) throws ConnectionEndedException {
        byte[] buffer = new byte[max];
        long start = System.nanoTime();
        int n = readBefore(buffer, 0, max, start, start + limit.toNanos(), expected);
        return Arrays.copyOf(buffer, n);
    }

    private byte[] readExactly(byte[] before, int length, long start, long deadline, String expected)
            throws ConnectionEndedException {
        byte[] result = Arrays.copyOf(before, before.length + length);
        int filled = before.length;
        while (filled < result.length) {
            filled += readBefore(result, filled, result.length - filled, start, deadline, expected);
        }
        return Arrays.copyOfRange(result, before.length, result.length);
    }

    /**
     * One read into {@code buffer} at {@code filled}; the bytes before it are what came so far.
     *
     * @return how many bytes the read gave, at least one
     * @throws ConnectionEndedException with what came so far, when the connection ends or the deadline passes first
     */
    private int readBefore(byte[] buffer, int filled, int length, long start, long deadline, String expected)
            throws ConnectionEndedException {
        Optional<Ending> ending = waitBefore(deadline);
        if (ending.isEmpty()) {
            try {
                int n = read(buffer, filled, length);
                if (n > 0) {
                    return n;
                }
                ending = Optional.of(endOfStream());
            } catch (SocketTimeoutException e) {
                ending = Optional.of(timeoutEnding);
            } catch (IOException e) {
                ending = Optional.of(endingOf(e));
            }
        }
        Observed observed = new Observed(Arrays.copyOf(buffer, filled), ending.get(),
                (System.nanoTime() - start) / 1_000_000);
        trace.note("while waiting for " + expected + ": " + observed.describe());
        throw new ConnectionEndedException(expected, observed);
    }

    /** One read, the byte {@link #awaitInput} kept first. */
    private int read(byte[] buffer, int offset, int length) throws IOException {
        if (pending >= 0 && length > 0) {
            buffer[offset] = (byte) pending;
            pending = -1;
            return 1;
        }
        return in.read(buffer, offset, length);
    }

    /**
     * Sets the read timeout to what is left before {@code deadline} and the case's limit.
     *
     * @return the ending to report when no time is left
     */
    private Optional<Ending> waitBefore(long deadline) {
        Duration wanted = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        Duration left = clock.cap(wanted);
        // When the case's limit is what shortens this wait, a time-out here is the case's limit passing.
        timeoutEnding = left.compareTo(wanted) < 0 ? Ending.CASE_TIME_LIMIT : Ending.OPEN_AT_TIME_LIMIT;
        if (left.toMillis() <= 0) {
            return Optional.of(timeoutEnding);
        }
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left.toMillis()));
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.of(endingOf(e));
        }
    }

    /** EOF: an orderly FIN, unless a write already met the server's reset. */
    private Ending endOfStream() {
        return resetWhileSending ? Ending.RESET : Ending.FIN;
    }

    /** After a read failed: a reset by the server, or the case's watchdog closing the socket at the limit. */
    private Ending endingOf(IOException e) {
        if (socket.isClosed()) {
            if (clock.passed()) {
                return Ending.CASE_TIME_LIMIT;
            }
            throw new IllegalStateException("a case read from a connection it had closed itself", e);
        }
        return Ending.RESET;
    }

    /** The bytes after a header that is none, for the message: what a non-Secho server was saying. */
    private Observed collectAfterNonFrame(byte[] header) {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        shown.writeBytes(header);
        long start = System.nanoTime();
        long deadline = start + NOT_A_FRAME_GRACE.toNanos();
        byte[] chunk = new byte[NOT_A_FRAME_SHOWN];
        Ending ending = Ending.NOT_READ_FURTHER;
        while (shown.size() < NOT_A_FRAME_SHOWN) {
            Optional<Ending> expired = waitBefore(deadline);
            if (expired.isPresent()) {
                ending = expired.get() == Ending.CASE_TIME_LIMIT ? expired.get() : Ending.NOT_READ_FURTHER;
                break;
            }
            try {
                int n = read(chunk, 0, NOT_A_FRAME_SHOWN - shown.size());
                if (n < 0) {
                    ending = Ending.FIN;
                    break;
                }
                shown.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                ending = endingOf(e);
                break;
            }
        }

        return new Observed(shown.toByteArray(), ending, (System.nanoTime() - start) / 1_000_000);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
