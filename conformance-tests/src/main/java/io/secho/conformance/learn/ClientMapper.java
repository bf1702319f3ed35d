package io.secho.conformance.learn;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.ClientHello;
import io.secho.conformance.peer.EchoRule;
import io.secho.conformance.peer.Finished;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.Modp2048Group;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RandomBytes;
import io.secho.conformance.peer.RecordForge;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.peer.ServerHello;
import io.secho.conformance.peer.ServerSide;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.peer.TrafficKeys;
import io.secho.conformance.peer.Direction;
import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.HelloMessage;
import io.secho.conformance.peer.FrameHeader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's side of one query against a client under test: maps each abstract input of the client model
 * (spec/secho-v1-client-model.json) to concrete frames built with the harness's own peer engine, sends them, and
 * reads what the client sends back until it is quiet for the quiescence window, ends the connection (EOF) or
 * resets it; {@link ClientOutputs} names the answer. Each step is bounded in time ({@link #STEP_LIMIT_WINDOWS}
 * windows) and the query in bytes read ({@link #MAX_READ_BYTES}).
 */
final class ClientMapper {
    /** A step that keeps receiving bytes still ends after this many quiescence windows. */
    static final int STEP_LIMIT_WINDOWS = 20;
    static final long MAX_READ_BYTES = 1 << 20;
    /** The byte of the tag flipped for Data(badTag): its last bit. */
    private static final int TAG_LAST_BIT = FrameLimits.TAG_LENGTH * Byte.SIZE - 1;
    private static final int READ_BUFFER = 16 * 1024;
    /** The code of both alerts the mapper sends; any code ends the session (REQ-ALERT-8). */
    private static final AlertCode SENT_ALERT = AlertCode.INTERNAL_ERROR;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Suite suite;
    private final Optional<PreSharedKey> psk;
    private final RandomBytes random;
    private final int quietMillis;
    private final byte[] reply;
    private final byte[] clientHelloFrame;
    private final ClientHello clientHello;
    private final ClientFrameTokens tokens;
    private final ClientOutputs outputs = new ClientOutputs();
    /** Records before a ServerHello: sealed under keys of no session (their header is all that matters). */
    private final TrafficKeys strayKeys;
    private ServerSide.Flight flight;
    private byte[] serverShare;
    private RecordSealer sealer;
    private byte[] lastRecord;
    private boolean ended;
    private long readBytes;

    private ClientMapper(Socket socket, Suite suite, Optional<PreSharedKey> psk, RandomBytes random, Duration quiet,
                         String message, byte[] clientHelloFrame, ClientHello clientHello) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.suite = suite;
        this.psk = psk;
        this.random = random;
        this.quietMillis = Math.toIntExact(quiet.toMillis());
        this.reply = EchoRule.upperCase(message).getBytes(StandardCharsets.UTF_8);
        this.clientHelloFrame = clientHelloFrame;
        this.clientHello = clientHello;
        this.tokens = new ClientFrameTokens(message.getBytes(StandardCharsets.UTF_8));
        this.strayKeys = new TrafficKeys(random.nextBytes(AesGcm.KEY_LENGTH), random.nextBytes(FrameLimits.SALT_LENGTH));
    }

    /**
     * Reads the client's first frame, which must be a valid ClientHello for {@code suite} (REQ-HS-1): the model
     * starts after it. Anything else is no state of Table 9 to learn, and fails the query.
     *
     * @param firstFrameWait how long the client may take to send its ClientHello after connecting
     * @throws IOException when the client sends something else, or nothing in time
     */
    static ClientMapper accept(Socket socket, Suite suite, Optional<PreSharedKey> psk, RandomBytes random,
                               Duration quiet, Duration firstFrameWait, String message) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(Math.toIntExact(firstFrameWait.toMillis()));
        InputStream in = socket.getInputStream();
        byte[] header = in.readNBytes(FrameLimits.HEADER_LENGTH);
        FrameHeader parsed = header.length == FrameLimits.HEADER_LENGTH ? FrameHeader.parse(header) : null;
        if (parsed == null || parsed.typeCode() != FrameType.CLIENT_HELLO.code()
                || parsed.length() > FrameLimits.MAX_PLAINTEXT_BODY) {
            throw new IOException("the client's first frame is not a ClientHello (REQ-HS-1)");
        }
        byte[] body = in.readNBytes(parsed.length());
        if (body.length != parsed.length()) {
            throw new IOException("the client's ClientHello was cut short");
        }
        ClientHello hello;
        try {
            hello = ClientHello.decodeAsServer(body, Set.of(suite)).hello();
        } catch (ProtocolException e) {
            throw new IOException("the client's ClientHello does not propose " + suite + " correctly: " + e.getMessage(), e);
        }
        byte[] frame = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        return new ClientMapper(socket, suite, psk, random, quiet, message, frame, hello);
    }

    /** One abstract input: its frames sent, the client's answer read and named. */
    String step(String input) {
        if (ended) {
            return MapperOutputs.CLOSED; // CLOSED is a sink: nothing is sent to a connection that has ended
        }
        byte[] bytes = concrete(input);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            ended = true;
            return outputs.output(input, List.of(), ClientOutputs.Ending.RESET);
        }
        List<String> sent = new ArrayList<>();
        ClientOutputs.Ending ending = read(sent);
        if (ending != ClientOutputs.Ending.QUIET) {
            ended = true;
            if (tokens.midFrame()) {
                sent.add(ClientFrameTokens.GARBAGE);
            }
        }
        return outputs.output(input, sent, ending);
    }

    /** Until the client is quiet for one window, ends the connection, or the step's own limit passes. */
    private ClientOutputs.Ending read(List<String> sent) {
        byte[] buffer = new byte[READ_BUFFER];
        long deadline = System.nanoTime() + (long) STEP_LIMIT_WINDOWS * quietMillis * 1_000_000L;
        try {
            socket.setSoTimeout(quietMillis);
            while (System.nanoTime() - deadline < 0) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException quiet) {
                    return ClientOutputs.Ending.QUIET;
                }
                if (n < 0) {
                    return ClientOutputs.Ending.FIN;
                }
                readBytes += n;
                if (readBytes > MAX_READ_BYTES) {
                    sent.add(ClientFrameTokens.GARBAGE);
                    return ClientOutputs.Ending.QUIET;
                }
                sent.addAll(tokens.accept(buffer, n));
            }
            return ClientOutputs.Ending.QUIET;
        } catch (IOException e) {
            return ClientOutputs.Ending.RESET;
        }
    }

    /** The frames of one abstract input; the model's "concrete" field says the same in words. */
    private byte[] concrete(String input) {
        return switch (input) {
            case "ServerHello(valid)" -> serverHello();
            case "ServerHello(badShare)" -> new ServerHello(suite, random.nextBytes(HelloMessage.RANDOM_LENGTH),
                    invalidShare()).toFrame().encode();
            case "Finished(right)" -> serverFinished();
            case "Finished(wrong)" -> {
                byte[] frame = serverFinished();
                frame[frame.length - 1] ^= 1;
                yield frame;
            }
            case "Data(valid)" -> inSequence(InnerType.DATA, reply);
            case "Data(badTag)" -> RecordForge.with(recordKeys()).sequence(sealer().nextSequence()).payload(reply)
                    .flipTagBit(TAG_LAST_BIT).encode();
            case "Data(replayed)" -> lastRecord != null ? lastRecord.clone()
                    : RecordForge.with(recordKeys()).sequence(-1L).payload(reply).encode();
            case "Close" -> inSequence(InnerType.CLOSE, new byte[0]);
            case "PlaintextAlert" -> AlertMessage.plaintextFrame(SENT_ALERT).encode();
            case "EncryptedAlert" -> inSequence(InnerType.ALERT, AlertMessage.encode(SENT_ALERT));
            default -> throw new IllegalArgumentException("the client model has no input " + input);
        };
    }

    /**
     * The first valid ServerHello fixes the session's keys (REQ-HS-7 on the server's side); a later one is a
     * fresh hello with the same share, which a conforming client refuses by its type.
     */
    private byte[] serverHello() {
        byte[] serverRandom = random.nextBytes(HelloMessage.RANDOM_LENGTH);
        if (flight != null) {
            return new ServerHello(suite, serverRandom, serverShare).toFrame().encode();
        }
        KeyExchange exchange = suite.newKeyExchange(random, psk);
        byte[] secret;
        try {
            secret = exchange.sharedSecret(clientHello.keyShare());
        } catch (ProtocolException e) {
            throw new IllegalStateException("the client's key share is invalid (REQ-KEX-4, REQ-KEX-7): " + e.getMessage(), e);
        }
        serverShare = exchange.publicShare();
        byte[] frame = new ServerHello(suite, serverRandom, serverShare).toFrame().encode();
        flight = ServerSide.Flight.of(suite, clientHelloFrame, clientHello, frame, secret);
        tokens.keys(flight.expectedClientVerifyData(), flight.secrets().clientToServer());
        return frame;
    }

    /** A share Table 7 refuses with illegal_parameter: step f where the suite has a share, step e for psk. */
    private byte[] invalidShare() {
        return switch (suite) {
            case X25519 -> new byte[suite.shareLength()]; // u = 0: an all-zero secret (REQ-KEX-4)
            case MODP2048 -> Modp2048Group.encode(BigInteger.ONE); // y = 1 (REQ-KEX-7)
            case PSK -> random.nextBytes(Suite.X25519.shareLength()); // psk has no share: share_len is wrong
        };
    }

    private byte[] serverFinished() {
        return flight != null ? flight.serverFinished().encode()
                : new Finished(random.nextBytes(Finished.LENGTH)).toFrame().encode();
    }

    private TrafficKeys recordKeys() {
        return flight != null ? flight.secrets().serverToClient() : strayKeys;
    }

    private RecordSealer sealer() {
        if (sealer == null && flight != null) {
            sealer = flight.sealer();
        }
        return sealer != null ? sealer : new RecordSealer(strayKeys, Direction.SERVER_TO_CLIENT);
    }

    /** The next in-sequence record: only these move the s2c seq on (REQ-REC-2), and a replay repeats the last. */
    private byte[] inSequence(InnerType type, byte[] payload) {
        byte[] record = sealer().sealEncoded(type, payload);
        if (flight != null) {
            lastRecord = record;
        }
        return record;
    }
}
