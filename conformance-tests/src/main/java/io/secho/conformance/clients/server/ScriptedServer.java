package io.secho.conformance.clients.server;

import io.secho.conformance.clients.ClientRunResult;
import io.secho.conformance.net.Trace;
import io.secho.conformance.peer.SessionSecrets;
import io.secho.conformance.peer.TrafficKeys;
import io.secho.conformance.peer.Suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The server side of one connection with a client under test, driven by a case's script: each method is a step
 * (read the ClientHello, send the ServerHello with a field wrong, send a forged reply, stall, reset ...), and the
 * steps that read say what they need and stop the script when the client does something else ({@link ScriptStop}).
 * Every frame the client sends is decoded (records opened with the c2s key, tag and sequence checked) and kept
 * for the verdict, with how the connection ended. Every wait ends at the run's limit or soon after the client
 * exited; what is kept of the client's bytes is bounded.
 */
public final class ScriptedServer {
    private static final int SLICE_MILLIS = 100;
    private static final int MAX_FRAMES = 512;
    private static final long MAX_READ_BYTES = 1 << 20;
    /** After the client's FIN, over how long the two probe bytes that find a reset following it are sent. */
    private static final long LATE_RESET_WAIT_MILLIS = 200;

    /** How the test server writes what it sends. */
    private enum WriteMode { NORMAL, ONE_BYTE, COALESCE }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Trace trace;
    private final RunClock clock;
    private final Suite suite;
    private final byte[] psk;
    private final SeededBytes random;
    private final List<ClientFrame> frames = new ArrayList<>();
    private final List<String> probeSent = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private WriteMode mode = WriteMode.NORMAL;
    private int probeIndex = -1;
    private String probe = "";
    private long probeNanos;
    private ClientEnding ending;
    private long endNanos;
    private boolean unframed;
    private long readBytes;
    private boolean writeFailed;
    private boolean lateReset;
    private byte[] lastBody = new byte[0];
    private byte[] clientHelloFrame;
    private byte[] clientShare;
    private ServerCrypto.ServerShare serverShare;
    private byte[] serverHelloFrame;
    private byte[] serverFinishedFrame;
    private byte[] agreedSecret;
    private SessionSecrets keys;
    private long sendSeq;
    private long openedRecords;

    ScriptedServer(Socket socket, Trace trace, RunClock clock, Suite suite, byte[] psk, SeededBytes random)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.trace = trace;
        this.clock = clock;
        this.suite = suite;
        this.psk = psk.clone();
        this.random = random;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(SLICE_MILLIS);
    }

    public Suite suite() {
        return suite;
    }

    // ---- The probe ------------------------------------------------------------------------------------------

    /**
     * Everything from here on is the case's probe: what the server sends is what the case "sent", what the client
     * sends back is its answer, and a step that finds something else fails the case instead of blocking it.
     */
    public ScriptedServer probe(String what) {
        probeIndex = frames.size();
        probe = what;
        probeNanos = System.nanoTime();
        trace.note("probe: " + what);
        return this;
    }

    // ---- The handshake ----------------------------------------------------------------------------------------

    /** The ClientHello, every field of it right for the suite of the case (REQ-HS-1). */
    public ScriptedServer readClientHello() {
        String expected = "a ClientHello proposing version 0x0001 and " + suite + " with a valid " + suite + " key share";
        ClientFrame frame = next(expected);
        byte[] body = lastBody;
        if (frame.kind() != ClientFrame.Kind.CLIENT_HELLO) {
            throw new ScriptStop(expected, frame.description());
        }
        if (body.length < Wire.HELLO_FIXED) {
            throw new ScriptStop(expected, frame.description() + ": too short for a hello");
        }
        int version = u16(body, 0);
        int suiteCode = body[2] & 0xff;
        int shareLength = u16(body, 35);
        if (version != Wire.VERSION_1 || suiteCode != suite.code() || shareLength != suite.shareLength()
                || body.length != Wire.HELLO_FIXED + shareLength) {
            throw new ScriptStop(expected, frame.description());
        }
        clientHelloFrame = Wire.frame(Wire.CLIENT_HELLO, body);
        clientShare = Arrays.copyOfRange(body, Wire.HELLO_FIXED, body.length);
        serverShare = ServerCrypto.newShare(suite, random, psk);
        Optional<byte[]> secret = serverShare.secretWith(clientShare);
        if (secret.isEmpty()) {
            throw new ScriptStop(expected, frame.description() + ", whose key share is invalid (REQ-KEX-4, REQ-KEX-7)");
        }
        agreedSecret = secret.get();
        return this;
    }

    /** The ClientHello's key share, as sent. */
    public byte[] clientShare() {
        return clientShare.clone();
    }

    /** The ServerHello frame as the server sent it. */
    public byte[] serverHelloFrame() {
        return serverHelloFrame.clone();
    }

    /** The server Finished frame as the server sent it. */
    public byte[] serverFinishedFrame() {
        return serverFinishedFrame.clone();
    }

    /** The ClientHello's body, as sent. */
    public byte[] clientHelloBody() {
        return Arrays.copyOfRange(clientHelloFrame, Wire.HEADER, clientHelloFrame.length);
    }

    /** The secret the right ServerHello agrees with the client. */
    public byte[] agreedSecret() {
        return agreedSecret.clone();
    }

    public ScriptedServer sendServerHello() {
        return sendServerHello(fields -> { });
    }

    /** The ServerHello, with whatever the deviation point changes. */
    public ScriptedServer sendServerHello(Consumer<ServerHelloFields> deviation) {
        ServerHelloFields fields = new ServerHelloFields(suite.code(), random.next(Wire.RANDOM), serverShare.publicShare());
        deviation.accept(fields);
        byte[] frame = Wire.frame(Wire.SERVER_HELLO, fields.bytes());
        send(frame, fields.describe());
        serverHelloFrame = frame;
        byte[] secret = fields.secret != null ? fields.secret : agreedSecret;
        keys = ServerCrypto.derive(secret, clientHelloFrame, serverHelloFrame);
        return this;
    }

    /** The server Finished with the right verify_data (REQ-FIN-1). */
    public ScriptedServer sendServerFinished() {
        return sendFinishedFrame(keys.serverVerifyData(), "server Finished");
    }

    /** A server Finished whose verify_data is wrong (one bit flipped). */
    public ScriptedServer sendWrongServerFinished() {
        byte[] wrong = keys.serverVerifyData();
        wrong[wrong.length - 1] ^= 1;
        return sendFinishedFrame(wrong, "server Finished with a wrong verify_data (last bit flipped)");
    }

    /** A Finished frame with this body, of any length. */
    public ScriptedServer sendFinishedFrame(byte[] body, String what) {
        byte[] frame = Wire.frame(Wire.FINISHED, body);
        send(frame, what);
        serverFinishedFrame = frame;
        return this;
    }

    /** The client's Finished, with the right verify_data (REQ-FIN-4). */
    public ScriptedServer readClientFinished() {
        String expected = "the client's Finished with verify_data = HMAC-SHA256(c_fin, th2)";
        ClientFrame frame = next(expected);
        if (frame.kind() != ClientFrame.Kind.FINISHED) {
            throw new ScriptStop(expected, frame.description());
        }
        byte[] wanted = ServerCrypto.clientVerifyData(keys, clientHelloFrame, serverHelloFrame, serverFinishedFrame);
        if (!ServerCrypto.constantTimeEquals(wanted, lastBody)) {
            throw new ScriptStop(expected, frame.description() + " whose verify_data is wrong");
        }
        trace.note("the client's Finished verifies");
        return this;
    }

    /** The whole handshake, every step right: ClientHello, ServerHello, server Finished, client Finished. */
    public ScriptedServer handshake() {
        return readClientHello().sendServerHello().sendServerFinished().readClientFinished();
    }

    // ---- Records ----------------------------------------------------------------------------------------------

    /** The next request: a data record whose payload is the UTF-8 of this message line. */
    public ScriptedServer readData(String message) {
        byte[] wanted = message.getBytes(StandardCharsets.UTF_8);
        String expected = "a data record carrying " + ClientRunResult.quoteLine(wanted) + " (the UTF-8 of the message "
                + "line), with the next seq";
        ClientFrame frame = next(expected);
        if (!frame.isData(wanted) || !frame.sequenceOk()) {
            throw new ScriptStop(expected, frame.description());
        }
        return this;
    }

    /** The client's Close, with the next seq. */
    public ScriptedServer readClose() {
        String expected = "the client's Close record, with the next seq";
        ClientFrame frame = next(expected);
        if (frame.kind() != ClientFrame.Kind.CLOSE || !frame.sequenceOk()) {
            throw new ScriptStop(expected, frame.description());
        }
        return this;
    }

    /** The reply to a request: a data record with the upper-cased message (REQ-ECHO-1). */
    public ScriptedServer reply(String message) {
        return sendRecord(record -> record.data(upperCase(message)));
    }

    /** A request read and answered as the spec says. */
    public ScriptedServer echo(String message) {
        return readData(message).reply(message);
    }

    /** The server's Close, then its FIN: the closing procedure of REQ-CLOSE-3. */
    public ScriptedServer sendClose() {
        return sendRecord(RecordFields::close).halfClose();
    }

    public ScriptedServer sendEncryptedAlert(int code) {
        return sendRecord(record -> record.alert(code));
    }

    /** A record, with whatever the deviation point changes. */
    public ScriptedServer sendRecord(Consumer<RecordFields> deviation) {
        RecordFields fields = new RecordFields();
        deviation.accept(fields);
        long seq = fields.seq != null ? fields.seq : sendSeq++;
        TrafficKeys direction = fields.clientKey ? keys.clientToServer() : keys.serverToClient();
        byte[] salt = fields.salt != null ? fields.salt : direction.salt();
        byte[] frame = ServerCrypto.seal(direction, salt, seq, fields.innerType, fields.payload, fields.flipTag);
        send(frame, fields.describe(seq));
        return this;
    }

    /** The s2c salt of the session, for a record sent with another one. */
    public byte[] serverSalt() {
        return keys.serverToClient().salt();
    }

    // ---- Raw frames and the transport ------------------------------------------------------------------------

    public ScriptedServer sendPlaintextAlert(int code) {
        return sendRaw(new byte[] {Wire.ALERT, 0, 1, (byte) code}, "plaintext alert " + Wire.alertName(code));
    }

    /** A frame of any type with any body. */
    public ScriptedServer sendFrame(int type, byte[] body, String what) {
        return sendRaw(Wire.frame(type, body), what);
    }

    /** Bytes as they are (a header alone, a frame cut short, bytes that are no frame). */
    public ScriptedServer sendRaw(byte[] bytes, String what) {
        send(bytes, what);
        return this;
    }

    /** From now on each byte goes in a TCP write of its own. */
    public ScriptedServer oneBytePerWrite() {
        flush();
        mode = WriteMode.ONE_BYTE;
        return this;
    }

    /** From now on what the server sends is held back until {@link #flush()}, which sends it in one write. */
    public ScriptedServer coalesce() {
        flush();
        mode = WriteMode.COALESCE;
        return this;
    }

    /** Sends what {@link #coalesce()} held back, in one write; later sends are written at once again. */
    public ScriptedServer flush() {
        if (mode != WriteMode.COALESCE) {
            return this;
        }
        mode = WriteMode.NORMAL;
        byte[] bytes = pending.toByteArray();
        pending.reset();
        if (bytes.length > 0) {
            trace.note("the " + bytes.length + " bytes above go out in one TCP write");
            write(bytes);
        }
        return this;
    }

    /**
     * Waits at most {@code millis} (and never past the run's limit) for the client to send something, without
     * reading it: for a case that applies only to a client that sends on without waiting for a reply.
     */
    public boolean clientSendsWithin(long millis) {
        flush();
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() - until < 0 && clock.over().isEmpty()) {
            if (clientHasSentMore()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return clientHasSentMore();
    }

    /** True when the client has sent bytes the server has not read yet (a client that pipelines its requests). */
    public boolean clientHasSentMore() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** FIN: the server half-closes its side. */
    public ScriptedServer halfClose() {
        flush();
        trace.note("server: FIN (half-close)");
        if (probeIndex >= 0) {
            probeSent.add("FIN");
        }
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            trace.note("the half-close failed: " + e.getMessage());
        }
        return this;
    }

    /** A TCP reset: the server aborts the connection (SO_LINGER 0). */
    public ScriptedServer reset() {
        flush();
        trace.note("server: TCP reset");
        if (probeIndex >= 0) {
            probeSent.add("a TCP reset");
        }
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            trace.note("the reset failed: " + e.getMessage());
        }
        return this;
    }

    /**
     * Sends nothing more and reads what the client sends until it ends the connection (or exits, or the run's
     * limit passes): how every script ends, a stall included.
     */
    public ScriptedServer observeEnd() {
        flush();
        while (readFrame().isPresent()) {
            // Each frame is decoded and kept by readFrame.
        }
        if (ending == ClientEnding.FIN && !socket.isClosed() && !socket.isOutputShutdown()) {
            // A client that drains until EOF after its FIN can now finish its closing procedure.
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                trace.note("the half-close after the client's FIN failed: " + e.getMessage());
            }
        }
        return this;
    }

    // ---- Reading ----------------------------------------------------------------------------------------------

    private ClientFrame next(String expected) {
        flush();
        Optional<ClientFrame> frame = readFrame();
        if (frame.isEmpty()) {
            throw new ScriptStop(expected, "no frame: the connection " + endingWords());
        }
        return frame.get();
    }

    private String endingWords() {
        return switch (ending) {
            case FIN -> "ended (FIN)";
            case RESET -> "was reset";
            case OPEN_AFTER_EXIT -> "stayed open, silent, after the client exited";
            case OPEN_AT_LIMIT -> "stayed open, silent, until the run's time limit";
            default -> ending.description();
        };
    }

    /** The next frame, decoded and kept; empty once the connection has ended or is no longer read. */
    private Optional<ClientFrame> readFrame() {
        if (ending != null) {
            return Optional.empty();
        }
        if (unframed || frames.size() >= MAX_FRAMES) {
            drainToEnd();
            return Optional.empty();
        }
        byte[] header = new byte[Wire.HEADER];
        int got = readFully(header);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < Wire.HEADER) {
            return Optional.of(keep(cut("EOF after " + got + " of the 3 header bytes", header, got)));
        }
        int type = header[0] & 0xff;
        int length = u16(header, 1);
        if (type < Wire.CLIENT_HELLO || type > Wire.RECORD) {
            unframed = true;
            return Optional.of(keep(new ClientFrame(ClientFrame.Kind.UNKNOWN_TYPE, type, length,
                    "a header of " + Wire.typeName(type) + " (the rest is not read as frames)", OptionalInt.empty(),
                    new byte[0], false), header));
        }
        if (length > Wire.maxClientBody(type)) {
            unframed = true;
            return Optional.of(keep(new ClientFrame(ClientFrame.Kind.OVER_LIMIT, type, length,
                    Wire.typeName(type) + " header announcing " + length + " body bytes, above the C->S limit "
                            + Wire.maxClientBody(type) + " (the body is not read)", OptionalInt.empty(), new byte[0],
                    false), header));
        }
        byte[] body = new byte[length];
        got = readFully(body);
        if (got < length) {
            return Optional.of(keep(cut("EOF inside a " + Wire.typeName(type) + " body (" + got + " of " + length
                    + " bytes)", header, 0), concat(header, Arrays.copyOf(body, got))));
        }
        lastBody = body;
        return Optional.of(keep(decode(type, header, body), concat(header, body)));
    }

    private ClientFrame cut(String what, byte[] header, int got) {
        return new ClientFrame(ClientFrame.Kind.CUT, got > 0 ? header[0] & 0xff : 0, 0, what, OptionalInt.empty(),
                new byte[0], false);
    }

    private ClientFrame keep(ClientFrame frame, byte[] bytes) {
        frames.add(frame);
        trace.sent(frame.description(), bytes);
        return frame;
    }

    private ClientFrame keep(ClientFrame frame) {
        frames.add(frame);
        trace.note("C->S " + frame.description());
        return frame;
    }

    private ClientFrame decode(int type, byte[] header, byte[] body) {
        switch (type) {
            case Wire.CLIENT_HELLO:
                return plain(ClientFrame.Kind.CLIENT_HELLO, type, body, describeHello(body));
            case Wire.SERVER_HELLO:
                return plain(ClientFrame.Kind.WRONG_TYPE, type, body, "server_hello frame (a type only a server sends)");
            case Wire.FINISHED:
                return plain(ClientFrame.Kind.FINISHED, type, body, "Finished (" + body.length + "-byte body)");
            case Wire.ALERT:
                if (body.length == 1) {
                    return new ClientFrame(ClientFrame.Kind.PLAINTEXT_ALERT, type, 1, "plaintext alert "
                            + Wire.alertName(body[0] & 0xff), OptionalInt.of(body[0] & 0xff), new byte[0], false);
                }
                return plain(ClientFrame.Kind.MALFORMED_ALERT, type, body, "plaintext alert frame with a "
                        + body.length + "-byte body");
            default:
                return openRecord(header, body);
        }
    }

    private static ClientFrame plain(ClientFrame.Kind kind, int type, byte[] body, String description) {
        return new ClientFrame(kind, type, body.length, description, OptionalInt.empty(), new byte[0], false);
    }

    private static String describeHello(byte[] body) {
        if (body.length < Wire.HELLO_FIXED) {
            return "ClientHello with a " + body.length + "-byte body (too short for a hello)";
        }
        return String.format(Locale.ROOT, "ClientHello version 0x%04x, suite 0x%02x%s, share_len %d (%d-byte body)",
                u16(body, 0), body[2] & 0xff, Suite.fromCode(body[2] & 0xff).map(s -> " " + s).orElse(""),
                u16(body, 35), body.length);
    }

    private ClientFrame openRecord(byte[] header, byte[] body) {
        int length = body.length;
        if (length < Wire.MIN_RECORD) {
            return plain(ClientFrame.Kind.MALFORMED_RECORD, Wire.RECORD, body, "record of " + length
                    + " bytes, shorter than 29");
        }
        long seq = u64(body, Wire.SALT);
        if (keys == null) {
            return plain(ClientFrame.Kind.UNOPENED_RECORD, Wire.RECORD, body, "record seq " + seq
                    + " sent before the handshake gave it keys");
        }
        Optional<byte[]> opened = ServerCrypto.open(keys.clientToServer().key(), Arrays.copyOf(body, Wire.NONCE), header,
                Arrays.copyOfRange(body, Wire.NONCE, length));
        if (opened.isEmpty()) {
            return plain(ClientFrame.Kind.UNOPENED_RECORD, Wire.RECORD, body, "record seq " + seq
                    + " that does not open with the c2s key (its tag does not verify)");
        }
        boolean saltOk = Arrays.equals(Arrays.copyOf(body, Wire.SALT), keys.clientToServer().salt());
        boolean sequenceOk = saltOk && seq == openedRecords;
        String position = "record seq " + seq + (sequenceOk ? "" : saltOk ? " (expected seq " + openedRecords + ")"
                : " (its salt is not the c2s salt)");
        openedRecords++;
        byte[] plaintext = opened.get();
        int inner = plaintext[0] & 0xff;
        byte[] payload = Arrays.copyOfRange(plaintext, 1, plaintext.length);
        if (inner == Wire.INNER_DATA) {
            return new ClientFrame(ClientFrame.Kind.DATA, Wire.RECORD, length, position + ": data "
                    + ClientRunResult.quoteLine(payload), OptionalInt.empty(), payload, sequenceOk);
        }
        if (inner == Wire.INNER_CLOSE && payload.length == 0) {
            return new ClientFrame(ClientFrame.Kind.CLOSE, Wire.RECORD, length, position + ": Close",
                    OptionalInt.empty(), new byte[0], sequenceOk);
        }
        if (inner == Wire.INNER_ALERT && payload.length == 1) {
            return new ClientFrame(ClientFrame.Kind.ENCRYPTED_ALERT, Wire.RECORD, length, position + ": encrypted alert "
                    + Wire.alertName(payload[0] & 0xff), OptionalInt.of(payload[0] & 0xff), new byte[0], sequenceOk);
        }
        return new ClientFrame(ClientFrame.Kind.MALFORMED_RECORD, Wire.RECORD, length, String.format(Locale.ROOT,
                "%s: inner type 0x%02x with a %d-byte payload", position, inner, payload.length), OptionalInt.empty(),
                new byte[0], sequenceOk);
    }

    /** Reads into {@code buffer} until it is full or the connection ends; returns how many bytes came. */
    private int readFully(byte[] buffer) {
        int got = 0;
        while (got < buffer.length) {
            int read = readSome(buffer, got, buffer.length - got);
            if (read < 0) {
                return got;
            }
            got += read;
        }
        return got;
    }

    /** One read, waiting in slices; -1 once the connection has ended (and {@link #ending} says how). */
    private int readSome(byte[] buffer, int offset, int length) {
        while (true) {
            try {
                int read = in.read(buffer, offset, length);
                if (read < 0) {
                    end(ClientEnding.FIN);
                    checkLateReset();
                    return -1;
                }
                readBytes += read;
                return read;
            } catch (SocketTimeoutException slice) {
                Optional<ClientEnding> over = clock.over();
                if (over.isPresent()) {
                    end(over.get());
                    return -1;
                }
            } catch (IOException e) {
                end(socket.isClosed() ? ClientEnding.CLOSED_BY_SERVER : ClientEnding.RESET);
                return -1;
            }
        }
    }

    /**
     * A FIN read as EOF may be followed by a reset at once: Java's close() of a socket with unread input sends FIN
     * and then a reset, so EOF alone does not show that the client drained (REQ-CLOSE-12, REQ-ALERT-4). Two probe
     * bytes do, while the server's side is still open: a client still draining takes them, a socket already closed
     * answers the first with a reset and the second write fails. Once the server has sent its FIN a client may
     * have finished its closing procedure, and nothing is probed; a reset later than the probe goes unseen, which
     * can make a case pass, never fail.
     */
    private void checkLateReset() {
        if (socket.isClosed() || socket.isOutputShutdown() || writeFailed) {
            return;
        }
        try {
            for (int probe = 0; probe < 2; probe++) {
                Thread.sleep(Math.min(LATE_RESET_WAIT_MILLIS / 2, clock.millisLeft()));
                out.write(0);
                out.flush();
            }
            trace.note("S->C 2 probe bytes after the client's FIN: taken (the client drains)");
        } catch (IOException e) {
            lateReset = true;
            trace.note("the client's side: a TCP reset after its FIN (it closed with unread input; a probe byte "
                    + "after its FIN was refused)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainToEnd() {
        byte[] buffer = new byte[8192];
        long before = readBytes;
        while (ending == null && readBytes < MAX_READ_BYTES && readSome(buffer, 0, buffer.length) >= 0) {
            // Discarded: only the count is kept.
        }
        if (ending == null) {
            end(ClientEnding.NOT_READ_FURTHER);
        }
        if (readBytes > before) {
            trace.note("C->S " + (readBytes - before) + " more bytes, not read as frames");
        }
    }

    private void end(ClientEnding how) {
        if (ending == null) {
            ending = how;
            endNanos = System.nanoTime();
            trace.note("the client's side: " + how.description());
        }
    }

    // ---- Writing ----------------------------------------------------------------------------------------------

    private void send(byte[] bytes, String what) {
        trace.received(what, bytes);
        if (probeIndex >= 0) {
            probeSent.add(what);
        }
        if (mode == WriteMode.COALESCE) {
            pending.writeBytes(bytes);
            return;
        }
        write(bytes);
    }

    private void write(byte[] bytes) {
        if (writeFailed || socket.isClosed()) {
            return;
        }
        try {
            if (mode == WriteMode.ONE_BYTE) {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                }
            } else {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            writeFailed = true;
            lateReset = true;
            trace.note("the write failed: the client had reset the connection (" + e.getMessage() + ")");
        }
    }

    // ---- The transcript ---------------------------------------------------------------------------------------

    ServerTranscript transcript(Optional<ScriptStop> stop) {
        long endedAfter = ending != null && probeIndex >= 0 ? (endNanos - probeNanos) / 1_000_000 : -1;
        return new ServerTranscript(true, frames, probeIndex, probe, probeSent, stop, ending == null
                ? ClientEnding.NOT_READ_FURTHER : ending, endedAfter, lateReset,
                Optional.ofNullable(clientHelloFrame));
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a connection the client may already have reset.
        }
    }

    static String upperCase(String message) {
        return message.toUpperCase(Locale.ROOT);
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    private static long u64(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
