package io.secho.conformance.faults;

import io.secho.alert.AlertCode;
import io.secho.alert.AlertMessage;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.crypto.Modp2048Group;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.echo.EchoTransform;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Finished;
import io.secho.handshake.ServerHello;
import io.secho.handshake.Suite;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.net.GracefulClose;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordNonce;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import org.bouncycastle.math.ec.rfc7748.X25519;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Secho server with one deliberate mistake, built from the reference library's parts the way an
 * implementer would assemble them. Test code: it exists to prove that the harness catches the mistake.
 */
final class FaultyServer implements AutoCloseable {
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static final byte[] FIXED_KEY = Arrays.copyOf("the lab's fixed 256-bit key......".getBytes(StandardCharsets.US_ASCII), 32);

    private final Fault fault;
    private final PreSharedKey psk;
    private final ServerSocket listener;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-server");
        thread.setDaemon(true);
        return thread;
    });
    private final SystemRandomBytes random = new SystemRandomBytes();
    /** A correct server aborts a peer that stopped reading (REQ-LIM-7); so does this one, whatever its fault. */
    private final java.util.concurrent.ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "faulty-server-watchdog");
                thread.setDaemon(true);
                return thread;
            });

    FaultyServer(Fault fault, PreSharedKey psk) throws IOException {
        this.fault = fault;
        this.psk = psk;
        this.listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        workers.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The state of one connection that the faults need to see. */
    private final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        SessionSecrets secrets;
        RecordSealer sealer;
        RecordOpener opener;
        long sent;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        Frame read(java.util.Set<FrameType> allowed) throws IOException, ProtocolException {
            if (fault == Fault.ONE_READ_IS_ONE_FRAME) {
                byte[] buffer = new byte[65536];
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EndOfStreamException(false, "closed");
                }
                // One read is taken for one whole frame: whatever else came is lost, a partial frame is an error.
                return new FrameReader(new ByteArrayInputStream(buffer, 0, n), Direction.CLIENT_TO_SERVER).read(allowed);
            }
            return new FrameReader(in, Direction.CLIENT_TO_SERVER).read(allowed);
        }

        void send(Frame frame) throws IOException {
            java.util.concurrent.ScheduledFuture<?> abort = watchdog.schedule(() -> GracefulClose.closeQuietly(socket),
                    IDLE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                out.write(frame.encode());
                out.flush();
            } finally {
                abort.cancel(false);
            }
        }

        void sendRecord(InnerType type, byte[] payload) throws IOException {
            byte[] nonce;
            AesGcm aead;
            switch (fault) {
                case RANDOM_NONCES_SHARED_KEY -> {
                    aead = new AesGcm(FIXED_KEY);
                    nonce = random.nextBytes(FrameLimits.NONCE_LENGTH);
                }
                case COUNTER_NONCE_FIXED_KEY -> {
                    aead = new AesGcm(FIXED_KEY);
                    nonce = RecordNonce.of(new byte[FrameLimits.SALT_LENGTH], sent);
                }
                case SAME_NONCE_BOTH_DIRECTIONS -> {
                    aead = new AesGcm(secrets.serverToClient().key());
                    nonce = RecordNonce.of(secrets.clientToServer().salt(), sent);
                }
                default -> {
                    send(sealer.seal(type, payload));
                    sent++;
                    return;
                }
            }
            send(RecordSealer.sealWithNonce(aead, nonce, type.code(), payload));
            sent++;
        }
    }

    private void serve(Socket socket) {
        Connection connection;
        try {
            socket.setTcpNoDelay(true);
            connection = new Connection(socket);
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
            return;
        }
        try {
            if (fault != Fault.NO_HANDSHAKE_TIMEOUT) {
                socket.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            }
            handshake(connection);
            socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            echoLoop(connection);
        } catch (ProtocolException e) {
            fail(connection, e.alert());
        } catch (SocketTimeoutException e) {
            fail(connection, AlertCode.TIMEOUT);
        } catch (PeerAlertException | IOException e) {
            GracefulClose.closeQuietly(socket);
        }
    }

    private void handshake(Connection connection) throws IOException, ProtocolException, PeerAlertException {
        Frame helloFrame = connection.read(EnumSet.of(FrameType.CLIENT_HELLO, FrameType.ALERT));
        if (helloFrame.type() == FrameType.ALERT) {
            throw AlertMessage.received(helloFrame);
        }
        ClientHello.Accepted accepted = ClientHello.decodeAsServer(helloFrame.body(), EnumSet.allOf(Suite.class));
        Suite suite = accepted.suite();
        byte[] privateKey = random.nextBytes(32);
        byte[] share;
        byte[] secret;
        byte[] peer = accepted.hello().keyShare();
        switch (suite) {
            case X25519 -> {
                share = new byte[32];
                X25519.generatePublicKey(privateKey, 0, share, 0);
                secret = new byte[32];
                boolean nonZero = X25519.calculateAgreement(privateKey, 0, peer, 0, secret, 0);
                if (!nonZero && fault != Fault.ACCEPTS_INVALID_SHARES) {
                    throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, "all-zero secret");
                }
            }
            case MODP2048 -> {
                BigInteger x = new BigInteger(1, privateKey);
                share = Modp2048Group.encode(Modp2048Group.G.modPow(x, Modp2048Group.P));
                BigInteger y = new BigInteger(1, peer);
                if (fault != Fault.ACCEPTS_INVALID_SHARES) {
                    io.secho.crypto.Modp2048KeyExchange.validatePeerShare(peer);
                }
                secret = Modp2048Group.encode(y.mod(Modp2048Group.P).modPow(x, Modp2048Group.P));
            }
            default -> {
                share = new byte[0];
                secret = psk.bytes();
            }
        }
        Frame serverHello = new ServerHello(suite, random.nextBytes(32), share).toFrame();
        SessionSecrets secrets = KeySchedule.derive(secret, helloFrame.encode(), serverHello.encode());
        Frame serverFinished = new Finished(secrets.serverVerifyData()).toFrame();
        connection.out.write(serverHello.encode());
        connection.send(serverFinished);
        Frame finishedFrame = connection.read(EnumSet.of(FrameType.FINISHED, FrameType.ALERT));
        if (finishedFrame.type() == FrameType.ALERT) {
            throw AlertMessage.received(finishedFrame);
        }
        Finished finished = Finished.decode(finishedFrame.body());
        if (fault != Fault.SKIPS_FINISHED_CHECK) {
            byte[] th2 = KeySchedule.transcriptHash2(helloFrame.encode(), serverHello.encode(), serverFinished.encode());
            finished.verify(KeySchedule.clientVerifyData(secrets, th2), "client");
        }
        connection.secrets = secrets;
        connection.sealer = new RecordSealer(secrets.serverToClient(), Direction.SERVER_TO_CLIENT);
        connection.opener = new RecordOpener(secrets.clientToServer());
    }

    private void echoLoop(Connection connection) throws IOException, ProtocolException, PeerAlertException {
        while (true) {
            Frame frame = connection.read(EnumSet.of(FrameType.RECORD, FrameType.ALERT));
            if (frame.type() == FrameType.ALERT) {
                throw AlertMessage.received(frame);
            }
            InnerPlaintext request = open(connection, frame);
            switch (request.type()) {
                case CLOSE -> {
                    connection.sendRecord(InnerType.CLOSE, new byte[0]);
                    GracefulClose.halfCloseDrainAndClose(connection.socket, Duration.ofMillis(500));
                    return;
                }
                case ALERT -> throw new PeerAlertException(request.payload()[0], true);
                default -> connection.sendRecord(InnerType.DATA, upperCase(request.payload()));
            }
        }
    }

    private InnerPlaintext open(Connection connection, Frame frame) throws ProtocolException, IOException {
        switch (fault) {
            case NO_TAG_CHECK, ECHO_BEFORE_TAG_CHECK -> {
                byte[] unchecked = decryptWithoutTag(connection.secrets.clientToServer().key(), frame);
                try {
                    return connection.opener.open(frame);
                } catch (ProtocolException e) {
                    if (e.alert() != AlertCode.BAD_RECORD_MAC) {
                        throw e;
                    }
                    byte[] payload = Arrays.copyOfRange(unchecked, 1, unchecked.length);
                    if (fault == Fault.NO_TAG_CHECK) {
                        return new InnerPlaintext(InnerType.DATA, payload, 0);
                    }
                    connection.sendRecord(InnerType.DATA, upperCase(payload));
                    throw e;
                }
            }
            case ACCEPTS_REPLAY_AND_SKIP -> {
                byte[] body = frame.body();
                try {
                    byte[] plaintext = new AesGcm(connection.secrets.clientToServer().key()).open(
                            Arrays.copyOfRange(body, 0, 12), frame.header(), Arrays.copyOfRange(body, 12, body.length));
                    InnerType type = InnerType.fromCode(plaintext[0]).orElseThrow(
                            () -> new ProtocolException(AlertCode.DECODE_ERROR, "inner type"));
                    byte[] payload = Arrays.copyOfRange(plaintext, 1, plaintext.length);
                    if ((type == InnerType.CLOSE && payload.length != 0) || (type == InnerType.ALERT && payload.length != 1)) {
                        throw new ProtocolException(AlertCode.DECODE_ERROR, "inner payload length");
                    }
                    return new InnerPlaintext(type, payload, 0);
                } catch (AEADBadTagException e) {
                    throw new ProtocolException(AlertCode.BAD_RECORD_MAC, "tag");
                }
            }
            default -> {
                return connection.opener.open(frame);
            }
        }
    }

    private byte[] upperCase(byte[] request) throws ProtocolException {
        String text = EchoTransform.decodeStrictUtf8(request);
        return switch (fault) {
            case DEFAULT_LOCALE_TR -> text.toUpperCase(Locale.forLanguageTag("tr-TR")).getBytes(StandardCharsets.UTF_8);
            case ASCII_ONLY_UPPERCASE -> {
                StringBuilder upper = new StringBuilder();
                text.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - 32 : c)));
                yield upper.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> EchoTransform.apply(request);
        };
    }

    /** What a careless implementation does: GCM's counter mode alone, starting at block 2, no tag. */
    private static byte[] decryptWithoutTag(byte[] key, Frame frame) {
        byte[] body = frame.body();
        byte[] iv = Arrays.copyOf(Arrays.copyOfRange(body, 0, 12), 16);
        iv[15] = 2;
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return ctr.doFinal(body, 12, Math.max(1, body.length - 12 - 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fail(Connection connection, AlertCode alert) {
        Socket socket = connection.socket;
        try {
            if (fault == Fault.PLAINTEXT_ERROR_MESSAGE && connection.secrets != null) {
                connection.out.write(("ERROR: " + alert.wireName() + "\n").getBytes(StandardCharsets.US_ASCII));
            } else if (connection.secrets != null) {
                connection.sendRecord(InnerType.ALERT, AlertMessage.encode(alert));
            } else {
                connection.send(AlertMessage.plaintextFrame(alert));
            }
            connection.out.flush();
            switch (fault) {
                case STAYS_OPEN_AFTER_ALERT -> {
                    socket.setSoTimeout(0);
                    while (connection.in.read(new byte[4096]) >= 0) {
                        // keeps the connection open, reading and ignoring, until the peer leaves
                    }
                    GracefulClose.closeQuietly(socket);
                }
                case RESET_AFTER_ALERT -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                default -> GracefulClose.halfCloseDrainAndClose(socket, Duration.ofMillis(500));
            }
        } catch (IOException e) {
            GracefulClose.closeQuietly(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        workers.shutdownNow();
        watchdog.shutdownNow();
    }
}
