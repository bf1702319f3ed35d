package io.secho.example;

import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.X25519KeyExchange;
import io.secho.echo.EchoTransform;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Generates the spec's worked example: whole sessions, every byte and every intermediate value, from
 * fixed inputs, by running the reference client and server state machines against each other in memory.
 * {@code --write FILE} replaces the generated block of the spec; without it the block is printed.
 */
public final class WorkedExample {
    public static final String BEGIN_MARKER = "<!-- BEGIN GENERATED: worked-example -->";
    public static final String END_MARKER = "<!-- END GENERATED: worked-example -->";
    /** The example's pre-shared key: bytes 0x00..0x1f. Never use it for anything else. */
    static final byte[] EXAMPLE_PSK = exampleKey();
    private static final List<String> MESSAGES = List.of("hello, secho", "straße");
    private static final int HEX_BYTES_PER_LINE = 32;

    private final StringBuilder out = new StringBuilder();

    private WorkedExample() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--write")) {
            Path spec = Path.of(args[1]);
            String updated = replaceGeneratedBlock(Files.readString(spec, StandardCharsets.UTF_8), markdown());
            Files.writeString(spec, updated, StandardCharsets.UTF_8);
            System.err.println("worked example written to " + spec);
        } else if (args.length == 0) {
            System.out.print(markdown());
        } else {
            System.err.println("usage: WorkedExample [--write SPEC_FILE]");
            System.exit(2);
        }
    }

    /** The Markdown that stands between the markers, markers excluded. */
    public static String markdown() {
        WorkedExample example = new WorkedExample();
        int number = 1;
        for (Suite suite : EnumSet.of(Suite.X25519, Suite.PSK)) {
            example.session(number++, suite);
        }
        return example.out.toString();
    }

    /** The text between the markers of {@code document}, exactly. */
    public static String generatedBlock(String document) {
        int begin = document.indexOf(BEGIN_MARKER);
        int end = document.indexOf(END_MARKER);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no " + BEGIN_MARKER + " ... " + END_MARKER + " block");
        }
        return document.substring(begin + BEGIN_MARKER.length() + 1, end);
    }

    public static String replaceGeneratedBlock(String document, String block) {
        int begin = document.indexOf(BEGIN_MARKER);
        int end = document.indexOf(END_MARKER);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no " + BEGIN_MARKER + " ... " + END_MARKER + " block");
        }
        return document.substring(0, begin + BEGIN_MARKER.length()) + "\n" + block + document.substring(end);
    }

    private void session(int number, Suite suite) {
        RecordingRandomBytes clientRandom = new RecordingRandomBytes(
                InsecureDeterministicRandomBytes.fromLabel("secho v1 worked example client " + suite));
        RecordingRandomBytes serverRandom = new RecordingRandomBytes(
                InsecureDeterministicRandomBytes.fromLabel("secho v1 worked example server " + suite));
        Optional<PreSharedKey> psk = suite == Suite.PSK ? Optional.of(PreSharedKey.of(EXAMPLE_PSK)) : Optional.empty();
        try {
            ClientHandshake client = new ClientHandshake(suite, psk, clientRandom);
            ServerHandshake server = new ServerHandshake(EnumSet.of(suite), psk, serverRandom);
            Frame clientHello = client.clientHello();
            List<Frame> serverFlight = server.onClientHello(clientHello);
            client.onServerHello(serverFlight.get(0));
            HandshakeResult clientResult = client.onServerFinished(serverFlight.get(1));
            HandshakeResult serverResult = server.onClientFinished(Frame.parse(clientResult.clientFinishedFrame()));
            if (!Arrays.equals(clientResult.sharedSecret(), serverResult.sharedSecret())) {
                throw new IllegalStateException("the two sides disagree");
            }
            heading(number, suite);
            inputs(suite, clientRandom.draws(), serverRandom.draws(), psk.isPresent());
            handshake(clientResult);
            records(clientResult, serverResult);
        } catch (ProtocolException e) {
            throw new IllegalStateException("the reference implementation failed its own example: " + e, e);
        }
    }

    private void heading(int number, Suite suite) {
        out.append("### Example ").append(number).append(": suite ").append(suite.wireName())
                .append(String.format(" (0x%02x)%n%n", suite.code()));
    }

    private void inputs(Suite suite, List<byte[]> clientDraws, List<byte[]> serverDraws, boolean withPsk) {
        out.append("Inputs. Real implementations draw these from a CSPRNG; the example fixes them.\n\n```\n");
        value("client random", clientDraws.get(0));
        if (suite == Suite.X25519) {
            value("client private key", clientDraws.get(1));
            value("client public key = X25519(client private key, 9)",
                    X25519KeyExchange.fromPrivateKey(clientDraws.get(1)).publicShare());
            value("server private key", serverDraws.get(0));
            value("server public key = X25519(server private key, 9)",
                    X25519KeyExchange.fromPrivateKey(serverDraws.get(0)).publicShare());
        }
        value("server random", serverDraws.get(serverDraws.size() - 1));
        if (withPsk) {
            value("pre-shared key", EXAMPLE_PSK);
        }
        out.append("```\n\n");
    }

    private void handshake(HandshakeResult result) {
        SessionSecrets secrets = result.secrets();
        out.append("Handshake frames (header and body), in the order they are sent.\n\n```\n");
        value("C->S ClientHello", result.clientHelloFrame());
        value("S->C ServerHello", result.serverHelloFrame());
        value("S->C Finished", result.serverFinishedFrame());
        value("C->S Finished", result.clientFinishedFrame());
        out.append("```\n\nKey schedule.\n\n```\n");
        value("shared secret (IKM)", result.sharedSecret());
        value("th1 = SHA-256(ClientHello || ServerHello)", secrets.transcriptHash1());
        value("prk = HKDF-Extract(\"secho v1\", IKM)", secrets.pseudoRandomKey());
        value("c2s key", secrets.clientToServer().key());
        value("c2s salt", secrets.clientToServer().salt());
        value("s2c key", secrets.serverToClient().key());
        value("s2c salt", secrets.serverToClient().salt());
        value("c finished key", secrets.clientFinishedKey());
        value("s finished key", secrets.serverFinishedKey());
        value("server verify_data = HMAC(s finished key, th1)", secrets.serverVerifyData());
        value("th2 = SHA-256(ClientHello || ServerHello || server Finished)", result.transcriptHash2());
        value("client verify_data = HMAC(c finished key, th2)",
                KeySchedule.clientVerifyData(secrets, result.transcriptHash2()));
        out.append("```\n\n");
    }

    private void records(HandshakeResult client, HandshakeResult server) throws ProtocolException {
        RecordSealer clientSealer = new RecordSealer(client.secrets().clientToServer(), Direction.CLIENT_TO_SERVER);
        RecordOpener serverOpener = new RecordOpener(server.secrets().clientToServer());
        RecordSealer serverSealer = new RecordSealer(server.secrets().serverToClient(), Direction.SERVER_TO_CLIENT);
        RecordOpener clientOpener = new RecordOpener(client.secrets().serverToClient());
        out.append("Records. For each: the inner plaintext (inner type || payload), the nonce (salt || seq), the\n"
                + "associated data (the frame header) and the whole frame as sent.\n\n```\n");
        for (String message : MESSAGES) {
            byte[] request = message.getBytes(StandardCharsets.UTF_8);
            InnerPlaintext received = exchange("C->S data \"" + message + "\"", clientSealer, serverOpener,
                    InnerType.DATA, request);
            byte[] reply = EchoTransform.apply(received.payload());
            exchange("S->C data \"" + new String(reply, StandardCharsets.UTF_8) + "\"", serverSealer, clientOpener,
                    InnerType.DATA, reply);
        }
        exchange("C->S close", clientSealer, serverOpener, InnerType.CLOSE, new byte[0]);
        exchange("S->C close", serverSealer, clientOpener, InnerType.CLOSE, new byte[0]);
        out.append("```\n\n");
    }

    private InnerPlaintext exchange(String label, RecordSealer sealer, RecordOpener opener, InnerType type,
                                    byte[] payload) throws ProtocolException {
        long sequence = sealer.nextSequence();
        Frame frame = sealer.seal(type, payload);
        byte[] body = frame.body();
        byte[] plaintext = new byte[1 + payload.length];
        plaintext[0] = (byte) type.code();
        System.arraycopy(payload, 0, plaintext, 1, payload.length);
        out.append(label).append(", seq ").append(sequence).append('\n');
        value("  inner plaintext", plaintext);
        value("  nonce", Arrays.copyOfRange(body, 0, AesGcm.NONCE_LENGTH));
        value("  associated data", frame.header());
        value("  ciphertext", Arrays.copyOfRange(body, AesGcm.NONCE_LENGTH, body.length - AesGcm.TAG_LENGTH));
        value("  tag", Arrays.copyOfRange(body, body.length - AesGcm.TAG_LENGTH, body.length));
        value("  frame", frame.encode());
        InnerPlaintext opened = opener.open(frame);
        if (!Arrays.equals(opened.payload(), payload)) {
            throw new IllegalStateException("round trip failed for " + label);
        }
        return opened;
    }

    private void value(String name, byte[] bytes) {
        out.append(name).append(" (").append(bytes.length).append(" bytes):");
        if (bytes.length == 0) {
            out.append(" (empty)\n");
            return;
        }
        out.append('\n');
        for (int i = 0; i < bytes.length; i += HEX_BYTES_PER_LINE) {
            out.append("    ").append(Hex.encode(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + HEX_BYTES_PER_LINE))))
                    .append('\n');
        }
    }

    private static byte[] exampleKey() {
        byte[] key = new byte[PreSharedKey.LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }
}
