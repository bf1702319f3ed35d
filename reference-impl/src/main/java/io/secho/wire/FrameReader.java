package io.secho.wire;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads whole frames from a byte stream however TCP splits or joins them. The header is checked before
 * the body is read, so a hostile length never makes us allocate or wait for more than the limit.
 */
public final class FrameReader {
    private final InputStream in;
    private final Direction direction;

    /** @param direction the direction of the frames read here; it fixes the record size limit */
    public FrameReader(InputStream in, Direction direction) {
        this.in = in;
        this.direction = direction;
    }

    /**
     * Reads the next frame, applying the spec's header checks in order (REQ-FRM-6): unknown type, type
     * not allowed now, length over the limit, record shorter than the minimum; then reads exactly the body.
     *
     * @param allowed the frame types the current state accepts
     */
    public Frame read(Set<FrameType> allowed) throws IOException, ProtocolException {
        return readReceived(allowed).toFrame();
    }

    /** Like {@link #read}, with the same checks in the same order, but without copying the body again. */
    // REQ-FRM-4, REQ-FRM-5, REQ-FRM-6, REQ-FRM-7, REQ-FRM-8, REQ-FRM-9, REQ-FRM-10, REQ-FRM-11: header checks in the spec's order, the body read only after them.
    public ReceivedFrame readReceived(Set<FrameType> allowed) throws IOException, ProtocolException {
        byte[] header = new byte[FrameLimits.HEADER_LENGTH];
        readFully(header, 0, true);
        FrameType type = checkHeader(header, allowed, direction);
        int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        byte[] body = new byte[length];
        readFully(body, 0, false);
        return new ReceivedFrame(type, header, body);
    }

    /**
     * The header checks of the spec, steps 1 to 4 in its order (REQ-FRM-6), on the 3 header bytes alone: unknown
     * type (REQ-FRM-7), type not allowed in the receiver's state (REQ-FRM-8), length over the limit of its type
     * and direction (REQ-FRM-9), record shorter than the minimum (REQ-FRM-11). Nothing of the body is needed,
     * so a caller that fails here never waits for or allocates the body (REQ-FRM-10).
     *
     * @return the frame's type, once every check passed
     */
    public static FrameType checkHeader(byte[] header, Set<FrameType> allowed, Direction direction)
            throws ProtocolException {
        int typeCode = header[0] & 0xff;
        int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        FrameType type = FrameType.fromCode(typeCode).orElseThrow(() -> new ProtocolException(
                AlertCode.DECODE_ERROR, String.format("unknown frame type 0x%02x", typeCode)));
        if (!allowed.contains(type)) {
            throw new ProtocolException(AlertCode.UNEXPECTED_MESSAGE,
                    type + " frame is not allowed here (expected one of " + allowed + ")");
        }
        int max = FrameLimits.maxBody(type, direction);
        if (length > max) {
            throw new ProtocolException(AlertCode.RECORD_OVERFLOW,
                    type + " frame length " + length + " exceeds the maximum " + max);
        }
        if (type == FrameType.RECORD && length < FrameLimits.MIN_RECORD_BODY) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "record frame length " + length
                    + " is below the minimum " + FrameLimits.MIN_RECORD_BODY);
        }
        return type;
    }

    private void readFully(byte[] buffer, int offset, boolean atBoundary) throws IOException {
        int filled = offset;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                boolean midFrame = !atBoundary || filled > 0;
                throw new EndOfStreamException(midFrame, midFrame
                        ? "connection closed in the middle of a frame"
                        : "connection closed between frames");
            }
            filled += n;
        }
    }
}
