package io.secho.conformance.net;

import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Direction;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RecordOpener;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.peer.SessionSecrets;
import io.secho.conformance.peer.Suite;

import javax.crypto.AEADBadTagException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An established session from the harness's side: it seals what the harness sends (c2s) and opens
 * what the server sends (s2c), tracing each record decoded.
 */
public final class Session implements AutoCloseable {
    private final TestConnection connection;
    private final Suite suite;
    private final HandshakeTranscript transcript;
    private final RecordSealer sealer;
    private final RecordOpener opener;

    Session(TestConnection connection, Suite suite, HandshakeTranscript transcript) {
        this.connection = connection;
        this.suite = suite;
        this.transcript = transcript;
        this.sealer = new RecordSealer(transcript.secrets().clientToServer(), Direction.CLIENT_TO_SERVER);
        this.opener = new RecordOpener(transcript.secrets().serverToClient());
    }

    public TestConnection connection() {
        return connection;
    }

    public Suite suite() {
        return suite;
    }

    public HandshakeTranscript transcript() {
        return transcript;
    }

    public SessionSecrets secrets() {
        return transcript.secrets();
    }

    /** Seals the next record without sending it, so a case can alter it first. */
    public Frame seal(InnerType type, byte[] payload) {
        return sealer.seal(type, payload);
    }

    public long nextSequenceToSend() {
        return sealer.nextSequence();
    }

    public boolean send(Frame frame, String what) {
        return connection.send(frame, what);
    }

    public boolean sendData(byte[] payload) {
        long sequence = sealer.nextSequence();
        return send(seal(InnerType.DATA, payload), "record seq " + sequence + ": data " + describe(payload));
    }

    public boolean sendClose() {
        long sequence = sealer.nextSequence();
        return send(seal(InnerType.CLOSE, new byte[0]), "record seq " + sequence + ": close");
    }

    /** Reads the next record frame and opens it; anything else is reported in the exception. */
    public InnerPlaintext receive(String expected) throws ReceivedSomethingElse {
        Frame frame;
        try {
            frame = connection.readFrame(expected);
        } catch (ConnectionEndedException e) {
            throw new ReceivedSomethingElse(expected, e.received());
        }
        return open(frame, expected);
    }

    /** Opens a frame the server sent, with the s2c keys and the next expected sequence number. */
    public InnerPlaintext open(Frame frame, String expected) throws ReceivedSomethingElse {
        if (frame.type() != FrameType.RECORD) {
            throw new ReceivedSomethingElse(expected, Decoded.describeFrame(frame));
        }
        try {
            InnerPlaintext inner = opener.open(frame);
            connection.trace().note("  decrypted: seq " + inner.sequenceNumber() + " " + describe(inner));
            return inner;
        } catch (ProtocolException e) {
            throw new ReceivedSomethingElse(expected, "a record the harness cannot open (" + e.getMessage() + ")");
        }
    }

    /**
     * What a server record holds, for traces and messages, without touching the sequence state: the
     * tag is checked with the nonce as received and the sequence number is shown, not enforced.
     */
    public String peek(Frame frame) {
        if (frame.type() != FrameType.RECORD || frame.length() < FrameLimits.MIN_RECORD_BODY) {
            return Decoded.describeFrame(frame);
        }
        byte[] body = frame.body();
        byte[] nonce = Arrays.copyOfRange(body, 0, FrameLimits.NONCE_LENGTH);
        long sequence = ByteBuffer.wrap(nonce, FrameLimits.SALT_LENGTH, 8).getLong();
        try {
            byte[] plaintext = new AesGcm(secrets().serverToClient().key())
                    .open(nonce, frame.header(), Arrays.copyOfRange(body, FrameLimits.NONCE_LENGTH, body.length));
            Optional<InnerType> type = InnerType.fromCode(plaintext[0] & 0xff);
            byte[] payload = Arrays.copyOfRange(plaintext, 1, plaintext.length);
            String inner = type.map(t -> describe(new InnerPlaintext(t, payload, sequence)))
                    .orElse(String.format("inner type 0x%02x", plaintext[0] & 0xff));
            return "seq " + Long.toUnsignedString(sequence) + ": " + inner;
        } catch (AEADBadTagException e) {
            return frame.length() + " body bytes that do not verify under the s2c key";
        }
    }

    /** Sends one data record and returns the payload of the reply record. */
    public byte[] echo(byte[] request) throws ReceivedSomethingElse {
        sendData(request);
        InnerPlaintext reply = receive("the echo of " + describe(request));
        if (reply.type() != InnerType.DATA) {
            throw new ReceivedSomethingElse("a data record echoing " + describe(request), describe(reply));
        }
        return reply.payload();
    }

    public static String describe(InnerPlaintext inner) {
        if (inner.type() == InnerType.ALERT && inner.payload().length == 1) {
            return "alert " + AlertCode.fromCode(inner.payload()[0] & 0xff).map(AlertCode::wireName)
                    .orElse(String.format("0x%02x", inner.payload()[0] & 0xff));
        }
        if (inner.type() == InnerType.CLOSE) {
            return "close";
        }
        return inner.type().name().toLowerCase(Locale.ROOT) + " " + describe(inner.payload());
    }

    /** A payload as text (when it is text) and hex. */
    public static String describe(byte[] payload) {
        if (payload.length == 0) {
            return "0 bytes";
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        boolean printable = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), payload)
                && text.codePoints().noneMatch(Character::isISOControl);
        String shown = printable && payload.length <= 64 ? " \"" + text + "\"" : "";
        return payload.length + " bytes" + shown + " [" + ByteText.hex(Arrays.copyOf(payload, Math.min(32, payload.length)))
                + (payload.length > 32 ? "..." : "") + "]";
    }

    @Override
    public void close() {
        connection.close();
    }
}
