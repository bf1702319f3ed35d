package io.secho.conformance.net;

import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;

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

/**
 * The harness's end of one TCP connection. Every read has a deadline, every byte is traced, and the
 * end of the connection is reported as what it was: FIN, reset, or still open at the limit.
 */
public final class TestConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Trace trace;
    private final Duration ioTimeout;

    private TestConnection(Socket socket, Trace trace, Duration ioTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.trace = trace;
        this.ioTimeout = ioTimeout;
    }

    public static TestConnection open(InetSocketAddress address, Trace trace, Duration ioTimeout) throws IOException {
        return open(address, trace, ioTimeout, 0);
    }

    /**
     * @param receiveBufferBytes a small receive buffer (set before connecting, so the window is small from the
     *                           start) makes a server's writes stall soon when the harness stops reading; 0 keeps
     *                           the system's default
     */
    public static TestConnection open(InetSocketAddress address, Trace trace, Duration ioTimeout, int receiveBufferBytes)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) ioTimeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage(), e);
        }
        trace.note("connected to " + address.getHostString() + ":" + address.getPort() + " from local port "
                + socket.getLocalPort());
        return new TestConnection(socket, trace, ioTimeout);
    }

    public Trace trace() {
        return trace;
    }

    public Duration ioTimeout() {
        return ioTimeout;
    }

    public void send(byte[] bytes, String what) throws IOException {
        trace.sent(what, bytes);
        out.write(bytes);
        out.flush();
    }

    public void send(Frame frame, String what) throws IOException {
        send(frame.encode(), what);
    }

    /** One TCP write per byte, with a pause so that the writes really travel as separate segments. */
    public void sendOneBytePerWrite(byte[] bytes, String what) throws IOException {
        trace.sent(what + ", one byte per write", bytes);
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            pause(Duration.ofMillis(1));
        }
    }

    /** Reads exactly one frame, as a correct client would, or reports what came instead. */
    public Frame readFrame(String expected) throws IOException {
        long deadline = System.nanoTime() + ioTimeout.toNanos();
        byte[] header = readExactly(FrameLimits.HEADER_LENGTH, deadline, expected);
        int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        FrameType type = FrameType.fromCode(header[0] & 0xff).orElse(null);
        if (type == null) {
            trace.received("frame of unknown type", header);
            throw new IOException(String.format("expected %s, got a frame of unknown type 0x%02x", expected,
                    header[0] & 0xff));
        }
        byte[] body = readExactly(length, deadline, expected);
        Frame frame = new Frame(type, body);
        trace.received(type.name().toLowerCase(java.util.Locale.ROOT) + " frame", frame.encode());
        return frame;
    }

    /**
     * Reads until the server ends the connection or the limit passes. Whatever arrives is returned; a
     * connection still open at the limit is reported as such, never as closed.
     */
    public Observed readUntilEnd(Duration limit) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        Ending ending;
        while (true) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                ending = Ending.OPEN_AT_TIME_LIMIT;
                break;
            }
            socket.setSoTimeout((int) leftMillis);
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    ending = Ending.FIN;
                    break;
                }
                received.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                ending = Ending.OPEN_AT_TIME_LIMIT;
                break;
            } catch (SocketException e) {
                ending = Ending.RESET;
                break;
            }
        }
        Observed observed = new Observed(received.toByteArray(), ending, (System.nanoTime() - start) / 1_000_000);
        trace.note("until the end: " + observed.describe());
        return observed;
    }

    /** Sends FIN: the server sees the end of the client's stream, the harness can still read. */
    public void halfClose() throws IOException {
        trace.note("C->S FIN (half-close)");
        socket.shutdownOutput();
    }

    /** Ends the connection with a TCP reset, as a crashing client would. */
    public void reset() throws IOException {
        trace.note("C->S RST (abortive close)");
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Whatever the server sends next, from one read of at most {@code max} bytes: for the lab profile,
     * which has no frames, so that the harness decides from the content when a reply is complete. The
     * caller traces what it assembles.
     *
     * @throws ConnectionEndedException if the connection ended, or nothing came within the limit
     */
    public byte[] readSome(int max, Duration limit, String expected) throws IOException {
        byte[] buffer = new byte[max];
        int n = readBefore(buffer, 0, max, System.nanoTime() + limit.toNanos(), expected);
        return Arrays.copyOf(buffer, n);
    }

    private byte[] readExactly(int length, long deadline, String expected) throws IOException {
        byte[] result = new byte[length];
        int filled = 0;
        while (filled < length) {
            filled += readBefore(result, filled, length - filled, deadline, expected);
        }
        return result;
    }

    /**
     * One read into {@code buffer} at {@code filled}; the bytes before it are what came so far.
     *
     * @return how many bytes the read gave, at least one
     * @throws ConnectionEndedException with what came so far, when the connection ends or the deadline passes first
     */
    private int readBefore(byte[] buffer, int filled, int length, long deadline, String expected) throws IOException {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        Ending ending;
        if (leftMillis <= 0) {
            ending = Ending.OPEN_AT_TIME_LIMIT;
        } else {
            socket.setSoTimeout((int) leftMillis);
            try {
                int n = in.read(buffer, filled, length);
                if (n > 0) {
                    return n;
                }
                ending = Ending.FIN;
            } catch (SocketTimeoutException e) {
                ending = Ending.OPEN_AT_TIME_LIMIT;
            } catch (SocketException e) {
                ending = Ending.RESET;
            }
        }
        Observed observed = new Observed(Arrays.copyOf(buffer, filled), ending, 0);
        trace.note("while waiting for " + expected + ": " + observed.describe());
        throw new ConnectionEndedException(expected, observed);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
