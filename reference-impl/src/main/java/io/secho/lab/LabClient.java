package io.secho.lab;

import io.secho.crypto.RandomBytes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The reference lab client: talks to a lab server as the lab's {@code Client_sec.py} and
 * {@code Client_dh.py} do, message by message, and ends with the 0x0a marker.
 */
public final class LabClient implements AutoCloseable {
    /**
     * When our key was the last thing sent, nothing tells us the server has read it; the lab's clients
     * wait for a person to type. Without that pause our first record could reach the server in the same
     * read as our key, which a lab server cannot take apart (no framing, LAB-W5).
     */
    public static final Duration KEY_SETTLE_TIME = Duration.ofMillis(150);

    private final LabChannel channel;
    private final LabProfile profile;
    private final LabCipher cipher;
    private final RandomBytes random;
    private final Duration timeout;
    private final String handshake;
    private boolean ended;

    private LabClient(LabChannel channel, LabClientConfig config, LabHandshake.Result result) {
        this.channel = channel;
        this.profile = config.profile();
        this.cipher = result.cipher();
        this.random = config.random();
        this.timeout = config.timeout();
        this.handshake = result.description();
    }

    /**
     * Connects and, in the dh variant, swaps keys.
     *
     * @throws LabProtocolException if the server's key is unusable
     * @throws SocketTimeoutException if the server sent no key in time
     */
    public static LabClient connect(LabClientConfig config) throws IOException, LabProtocolException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(config.host(), config.port()), (int) config.timeout().toMillis());
            LabChannel channel = new LabChannel(socket);
            LabHandshake.Result result = LabHandshake.run(channel, LabHandshake.Role.CLIENT, config.profile(),
                    config.key(), config.random(), config.timeout());
            if (result.weSentLast()) {
                pause(KEY_SETTLE_TIME);
            }
            return new LabClient(channel, config, result);
        } catch (IOException | LabProtocolException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** How the session key came about, for the user (never the key). */
    public String handshake() {
        return handshake;
    }

    public String echo(String message) throws IOException, LabProtocolException {
        return new String(echo(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * Sends one message as one record and reads the reply with one read.
     *
     * @throws LabProtocolException if the server closed instead, or its reply does not open
     * @throws SocketTimeoutException if no reply came in time
     */
    public byte[] echo(byte[] message) throws IOException, LabProtocolException {
        if (message.length == 0) {
            throw new IllegalArgumentException("the lab protocol cannot carry an empty message");
        }
        channel.send(cipher.seal(random, message));
        byte[] reply = channel.receive(timeout).orElseThrow(() -> new LabProtocolException(
                "the server closed the connection instead of answering"));
        if (profile.plaintextReplies()) {
            return reply;
        }
        try {
            return cipher.open(reply);
        } catch (LabProtocolException e) {
            throw new LabProtocolException("the server's reply does not decrypt (" + e.getMessage() + "); check "
                    + "the key, --aad and --nonce-length" + (profile.variant() == LabVariant.DH ? " and --hkdf-info" : "")
                    + ", or whether the server replies in plaintext (--plaintext-replies)", e);
        }
    }

    /** Sends the end marker, as the lab's client does, then closes. */
    @Override
    public void close() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            channel.sendEnd();
        } finally {
            channel.close();
        }
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server to read our key", e);
        }
    }
}
