package io.secho.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One lab connection as the lab's programs use it: a message is one write, and whatever one read of up
 * to 9999 bytes returns is taken for one message. That is the lab protocol's missing framing, kept on
 * purpose so that we talk to lab programs as they expect; spec/lab-profile.md lists it as LAB-W5.
 */
final class LabChannel implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public LabChannel(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** One write, flushed at once, so that it leaves as one segment on a quiet connection. */
    public void send(byte[] message) throws IOException {
        if (message.length == 0 || message.length > LabProfile.MAX_READ) {
            throw new IllegalArgumentException("a lab message must be 1.." + LabProfile.MAX_READ
                    + " bytes (a lab peer reads at most that much at once), was " + message.length);
        }
        out.write(message);
        out.flush();
    }

    /** The plaintext end marker, 0x0a, as the lab's client sends it before closing. */
    public void sendEnd() throws IOException {
        out.write(LabProfile.END_MARKER);
        out.flush();
    }

    /**
     * One read, like the lab's {@code recv(9999)}.
     *
     * @return what that read returned; empty at the end of the stream
     * @throws java.net.SocketTimeoutException when nothing came within the limit
     */
    public Optional<byte[]> receive(Duration limit) throws IOException {
        socket.setSoTimeout((int) Math.max(1, limit.toMillis()));
        byte[] buffer = new byte[LabProfile.MAX_READ];
        int n = in.read(buffer);
        return n < 0 ? Optional.empty() : Optional.of(Arrays.copyOf(buffer, n));
    }

    public static boolean isEndMarker(byte[] message) {
        return message.length == 1 && message[0] == LabProfile.END_MARKER;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
