package io.secho.server;

import io.secho.alert.AlertCode;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.record.InnerPlaintext;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.EnumSet;
import java.util.Optional;

/** A hand-driven client socket for tests that send what a correct client never would. */
final class RawPeer implements AutoCloseable {
    enum Ending { FIN, RESET, STILL_OPEN }

    /** Everything the server sent until the connection ended, and how it ended. */
    record Observed(byte[] bytes, Ending ending) {
        Frame onlyFrame() {
            try {
                FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes), Direction.SERVER_TO_CLIENT);
                Frame frame = reader.read(EnumSet.allOf(FrameType.class));
                if (bytes.length != frame.encode().length) {
                    throw new AssertionError("expected one frame, got " + bytes.length + " bytes");
                }
                return frame;
            } catch (Exception e) {
                throw new AssertionError("server output is not one frame: " + io.secho.wire.Hex.encode(bytes), e);
            }
        }
    }

    final Socket socket;
    private final InputStream in;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    void send(Frame frame) throws IOException {
        send(frame.encode());
    }

    Frame readFrame() throws Exception {
        socket.setSoTimeout(5000);
        return new FrameReader(in, Direction.SERVER_TO_CLIENT).read(EnumSet.allOf(FrameType.class));
    }

    /** Reads until FIN, reset or the time limit; a time-out is reported as such, never as a close. */
    Observed readUntilEnd(int timeoutMillis) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buffer = new byte[4096];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return new Observed(received.toByteArray(), Ending.STILL_OPEN);
            }
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return new Observed(received.toByteArray(), Ending.FIN);
                }
                received.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return new Observed(received.toByteArray(), Ending.STILL_OPEN);
            } catch (SocketException e) {
                return new Observed(received.toByteArray(), Ending.RESET);
            }
        }
    }

    /** A client handshake done by hand, leaving the record layer to the test. */
    Established handshake(Suite suite, Optional<PreSharedKey> psk) throws Exception {
        ClientHandshake handshake = new ClientHandshake(suite, psk, new SystemRandomBytes());
        send(handshake.clientHello());
        handshake.onServerHello(readFrame());
        HandshakeResult result = handshake.onServerFinished(readFrame());
        send(result.clientFinishedFrame());
        return new Established(result,
                new RecordSealer(result.secrets().clientToServer(), Direction.CLIENT_TO_SERVER),
                new RecordOpener(result.secrets().serverToClient()));
    }

    record Established(HandshakeResult result, RecordSealer sealer, RecordOpener opener) {
        /** Opens the single encrypted alert the server sent and returns its code. */
        AlertCode encryptedAlert(Frame frame) throws Exception {
            InnerPlaintext inner = opener.open(frame);
            if (inner.type() != io.secho.record.InnerType.ALERT) {
                throw new AssertionError("expected an encrypted alert, got " + inner);
            }
            return AlertCode.fromCode(inner.payload()[0] & 0xff).orElseThrow();
        }
    }

    static AlertCode plaintextAlert(Frame frame) {
        if (frame.type() != FrameType.ALERT || frame.length() != 1) {
            throw new AssertionError("expected a plaintext alert frame, got " + frame);
        }
        return AlertCode.fromCode(frame.body()[0] & 0xff).orElseThrow();
    }

    static int recordOverhead() {
        return FrameLimits.RECORD_OVERHEAD;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
