package io.secho.conformance.learn;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.Direction;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameHeader;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;
import io.secho.conformance.peer.HmacSha256;
import io.secho.conformance.peer.InnerPlaintext;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RecordOpener;
import io.secho.conformance.peer.TrafficKeys;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bytes a client under test sends, cut into frames and each named by one token of the client model's outputs:
 * {@code Finished} (verify_data right) or {@code Finished(wrong)}, {@code Data} (the query's message) or
 * {@code Data(wrong)}, {@code Close}, {@code Alert(code,plaintext|encrypted)}, {@code ClientHello},
 * {@code BadRecord} (does not open with the c2s key and the expected seq, or malformed), {@code Garbage} (a type
 * the client never sends, a header over the C->S limit: the rest of the stream is not read as frames). Bytes of a
 * frame not yet complete wait for the next read; memory is bounded by the C->S frame limit.
 */
final class ClientFrameTokens {
    static final String GARBAGE = "Garbage";
    static final String BAD_RECORD = "BadRecord";
    static final String CLIENT_HELLO = "ClientHello";
    static final String FINISHED_WRONG = "Finished(wrong)";
    static final String DATA_WRONG = "Data(wrong)";

    private final byte[] message;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte[] expectedFinished;
    private RecordOpener opener;
    /** After a frame that cannot be delimited, what follows is discarded. */
    private boolean unframed;

    /** @param message the query's message line as the client must send it (UTF-8) */
    ClientFrameTokens(byte[] message) {
        this.message = message.clone();
    }

    /** From the first ServerHello the mapper sent: the client's verify_data and the c2s keys (REQ-KS-4). */
    void keys(byte[] expectedClientVerifyData, TrafficKeys clientToServer) {
        this.expectedFinished = expectedClientVerifyData.clone();
        this.opener = new RecordOpener(clientToServer);
    }

    /** Takes bytes as read and returns a token for each frame they complete. */
    List<String> accept(byte[] bytes, int length) {
        List<String> tokens = new ArrayList<>();
        if (unframed) {
            return tokens;
        }
        pending.write(bytes, 0, length);
        while (!unframed) {
            Optional<String> token = nextFrame();
            if (token.isEmpty()) {
                break;
            }
            tokens.add(token.get());
        }
        return tokens;
    }

    /** Bytes of an incomplete frame are left when the stream ends: a frame cut by EOF. */
    boolean midFrame() {
        return !unframed && pending.size() > 0;
    }

    private Optional<String> nextFrame() {
        byte[] buffered = pending.toByteArray();
        if (buffered.length < FrameLimits.HEADER_LENGTH) {
            return Optional.empty();
        }
        FrameHeader header = FrameHeader.parse(buffered);
        Optional<FrameType> type = header.type();
        if (type.isEmpty() || type.get() == FrameType.SERVER_HELLO
                || header.length() > FrameLimits.maxBody(type.get(), Direction.CLIENT_TO_SERVER)) {
            unframed = true;
            pending.reset();
            return Optional.of(GARBAGE);
        }
        int total = FrameLimits.HEADER_LENGTH + header.length();
        if (buffered.length < total) {
            return Optional.empty();
        }
        pending.reset();
        pending.write(buffered, total, buffered.length - total);
        byte[] body = Arrays.copyOfRange(buffered, FrameLimits.HEADER_LENGTH, total);
        return Optional.of(switch (type.get()) {
            case CLIENT_HELLO -> CLIENT_HELLO;
            case FINISHED -> expectedFinished != null && HmacSha256.constantTimeEquals(expectedFinished, body)
                    ? ClientOutputs.FINISHED : FINISHED_WRONG;
            case ALERT -> alert(AlertMessage.code(body), "plaintext");
            case RECORD -> record(Arrays.copyOf(buffered, total));
            default -> GARBAGE;
        });
    }

    private String record(byte[] frame) {
        if (opener == null || frame.length < FrameLimits.HEADER_LENGTH + FrameLimits.MIN_RECORD_BODY) {
            return BAD_RECORD;
        }
        InnerPlaintext inner;
        try {
            inner = opener.open(Frame.parse(frame)); // Table 12 steps 2 to 5: tag, then the expected seq
        } catch (ProtocolException e) {
            return BAD_RECORD;
        }
        return switch (inner.type()) {
            case DATA -> Arrays.equals(inner.payload(), message) ? ClientOutputs.DATA : DATA_WRONG;
            case CLOSE -> ClientOutputs.CLOSE;
            case ALERT -> alert(AlertMessage.code(inner.payload()), "encrypted");
        };
    }

    /** {@code Alert(bad_record_mac,encrypted)}; a code Table 13 lacks by its hex value, a malformed body as such. */
    static String alert(Optional<Integer> code, String protection) {
        String name = code.map(c -> AlertCode.fromCode(c).map(AlertCode::wireName)
                .orElse(String.format("0x%02x", c))).orElse("malformed");
        return "Alert(" + name + "," + protection + ")";
    }
}
