package io.secho.conformance.clients.server;

import io.secho.conformance.peer.FrameType;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * One frame the client under test sent, as the test server decoded it: plaintext frames by their fields, records
 * opened with the session's c2s key (the tag checked, the nonce compared with the c2s salt and the sequence
 * number the client should be at).
 *
 * @param description in words, for traces and failures: {@code plaintext alert illegal_parameter},
 *                    {@code record seq 2: data "hello"}
 * @param alert       the code of a plaintext or encrypted alert
 * @param payload     a data record's payload (empty for anything else)
 * @param sequenceOk  for a record that opened: its nonce was the c2s salt and the expected seq
 */
public record ClientFrame(Kind kind, int typeCode, int length, String description, OptionalInt alert, byte[] payload,
                          boolean sequenceOk) {
    /** What a frame was, as far as the test server could tell. */
    public enum Kind {
        CLIENT_HELLO,
        FINISHED,
        PLAINTEXT_ALERT,
        /** A plaintext alert frame whose body is not 1 byte. */
        MALFORMED_ALERT,
        DATA,
        CLOSE,
        ENCRYPTED_ALERT,
        /** A record that opened but is no valid data, close or alert record (inner type, payload size). */
        MALFORMED_RECORD,
        /** A record that did not open with the c2s key, or came before there was one. */
        UNOPENED_RECORD,
        /** A valid type the client never sends (server_hello). */
        WRONG_TYPE,
        /** A type outside 0x01..0x05: the rest of the stream is not read as frames. */
        UNKNOWN_TYPE,
        /** A length above the C->S limit: the body is not read, nor the rest of the stream. */
        OVER_LIMIT,
        /** The connection ended inside the frame. */
        CUT
    }

    public ClientFrame {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean isPlaintextAlert(int code) {
        return kind == Kind.PLAINTEXT_ALERT && alert.orElse(-1) == code;
    }

    public boolean isEncryptedAlert(int code) {
        return kind == Kind.ENCRYPTED_ALERT && alert.orElse(-1) == code;
    }

    /** A record the client sent after the handshake: data, close, alert, or one that did not open. */
    public boolean isRecord() {
        return typeCode == FrameType.RECORD.code();
    }

    public boolean isData(byte[] expected) {
        return kind == Kind.DATA && Arrays.equals(payload, expected);
    }

    @Override
    public String toString() {
        return description;
    }
}
