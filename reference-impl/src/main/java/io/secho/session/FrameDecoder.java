package io.secho.session;

import io.secho.alert.ProtocolException;
import io.secho.wire.Direction;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import io.secho.wire.ReceivedFrame;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The input side of a session: frames out of received bytes, however they were split or joined, holding at
 * most one frame of the limit of Table 2. The header is checked as soon as its 3 bytes are here, before any
 * body byte is taken (REQ-FRM-6, REQ-FRM-10); only then is the body's array allocated, of the announced length.
 */
final class FrameDecoder {
    private final Direction direction;
    private final byte[] header = new byte[FrameLimits.HEADER_LENGTH];
    private int headerFilled;
    private FrameType type;
    private byte[] body;
    private int bodyFilled;

    /** @param direction the direction of travel of the frames decoded here: it fixes the record limit (REQ-FRM-9) */
    FrameDecoder(Direction direction) {
        this.direction = direction;
    }

    /**
     * Takes bytes from {@code in} up to the end of the next frame and returns that frame, or null once
     * {@code in} is used up first; the bytes after the frame stay in {@code in} for the next call (REQ-FRM-4,
     * REQ-FRM-5).
     *
     * @param allowed the frame types of the receiver's state at the moment the header completes (REQ-FRM-8)
     * @throws ProtocolException at the first failing header check, with no body byte taken
     */
    ReceivedFrame next(ByteBuffer in, Set<FrameType> allowed) throws ProtocolException {
        if (body == null) {
            int n = Math.min(in.remaining(), header.length - headerFilled);
            in.get(header, headerFilled, n);
            headerFilled += n;
            if (headerFilled < header.length) {
                return null;
            }
            type = FrameReader.checkHeader(header, allowed, direction);
            body = new byte[((header[1] & 0xff) << 8) | (header[2] & 0xff)];
        }
        int n = Math.min(in.remaining(), body.length - bodyFilled);
        in.get(body, bodyFilled, n);
        bodyFilled += n;
        if (bodyFilled < body.length) {
            return null;
        }
        ReceivedFrame frame = new ReceivedFrame(type, header.clone(), body);
        headerFilled = 0;
        body = null;
        bodyFilled = 0;
        return frame;
    }

    /** An immutable set of frame types in code order, as error messages list them. */
    static Set<FrameType> typeSet(FrameType... types) {
        return types.length == 0 ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(List.of(types)));
    }

    /** True while part of a frame has arrived: EOF now would cut a frame (REQ-CLOSE-6). */
    boolean midFrame() {
        return headerFilled > 0;
    }
}
