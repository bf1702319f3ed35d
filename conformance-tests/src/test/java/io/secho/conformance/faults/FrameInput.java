package io.secho.conformance.faults;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.Direction;
import io.secho.wire.EndOfStreamException;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The client's frames, read through one buffer: the header checks of spec section 4.4 in their order, the
 * body over as many reads as it takes, and the bytes behind a frame kept for the next one. The framing
 * faults are the ways a hand-written reader gets one of those wrong. Reads run under the connection's
 * current timer: a correct server counts to an absolute deadline (from accept, or from the last complete
 * frame), so that bytes trickling in cannot stretch it; a limit that every read restarts is a mistake.
 */
final class FrameInput {
    /** One whole largest request frame. */
    private static final int CAPACITY = FrameLimits.HEADER_LENGTH + Direction.CLIENT_TO_SERVER.maxRecordBody();

    /** Longer than any connection lives: what "no timer" means to a deadline. */
    private static final long NO_DEADLINE_NANOS = Long.MAX_VALUE / 4;

    private final DeadlineInputStream source;
    private final Fault fault;
    private final byte[] buffer = new byte[CAPACITY];
    private int start;
    private int end;
    /** Reads only the bytes the current frame still needs, never any of the next one. */
    private boolean exact;
    /** How many reads from the socket the frame being read took so far. */
    private int readsForFrame;
    /** When present, every read may wait this long afresh. */
    private Optional<Duration> perReadLimit = Optional.empty();

    FrameInput(DeadlineInputStream source, Fault fault) {
        this.source = source;
        this.fault = fault;
    }

    /** Reads fail with a socket timeout once {@code System.nanoTime()} passes {@code nanos}. */
    void deadlineAt(long nanos) {
        perReadLimit = Optional.empty();
        source.setDeadlineIn(nanos - System.nanoTime());
    }

    /** Each read may wait up to {@code limit} afresh: every byte that comes restarts the timer. */
    void limitEachRead(Duration limit) {
        perReadLimit = Optional.of(limit);
    }

    void unlimited() {
        perReadLimit = Optional.empty();
        source.setDeadlineIn(NO_DEADLINE_NANOS);
    }

    /** For {@link Fault#NEW_READER_PER_RECORD}: its handshake reads each frame exactly, with no read-ahead. */
    void readExactly(boolean exact) {
        this.exact = exact;
    }

    /** True when a whole frame is already buffered: the next {@link #read} needs no read from the socket. */
    boolean hasWholeFrameBuffered() {
        if (end - start < FrameLimits.HEADER_LENGTH) {
            return false;
        }
        int length = ((buffer[start + 1] & 0xff) << 8) | (buffer[start + 2] & 0xff);
        return end - start >= FrameLimits.HEADER_LENGTH + length;
    }

    /**
     * The next frame of a type the current state allows.
     *
     * @throws ProtocolException the alert for the first header check that fails, or for a body that cannot be
     *                           what the state expects
     * @throws EndOfStreamException the client closed its side, between frames or inside one
     */
    Frame read(Set<FrameType> allowed) throws IOException, ProtocolException {
        if (fault == Fault.NEW_READER_PER_RECORD && allowed.contains(FrameType.RECORD)) {
            // A new BufferedInputStream per record: whatever the previous one had read ahead is gone.
            start = end = 0;
        }
        while (true) {
            readsForFrame = 0;
            byte[] header = take(FrameLimits.HEADER_LENGTH, true);
            int typeCode = header[0] & 0xff;
            int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
            Optional<FrameType> type = FrameType.fromCode(typeCode);
            if (type.isEmpty()) {
                if (fault == Fault.UNKNOWN_FRAME_TYPE_IGNORED) {
                    take(length, false);
                    continue;
                }
                throw new ProtocolException(AlertCode.DECODE_ERROR, "unknown frame type " + typeCode);
            }
            checkHeader(type.get(), length, allowed);
            byte[] body = fault == Fault.BODY_TAKEN_FROM_ONE_READ ? takeOneRead(length) : take(length, false);
            if (fault == Fault.NO_FRAME_STATE_CHECK && !allowed.contains(type.get())) {
                throw new ProtocolException(AlertCode.DECODE_ERROR, type.get() + " is not one of " + allowed);
            }
            if (fault == Fault.DROPS_BYTES_AFTER_SPLIT_FRAME && readsForFrame > 1) {
                // The frame was assembled over several reads into a fresh array; the rest of the last read is lost.
                start = end = 0;
            }
            return new Frame(type.get(), body);
        }
    }

    /** Steps 2 to 4 of the header checks; the faults change their order or leave one out. */
    private void checkHeader(FrameType type, int length, Set<FrameType> allowed) throws IOException, ProtocolException {
        if (fault == Fault.LENGTH_CHECKED_BEFORE_STATE) {
            checkLength(type, length);
            checkState(type, allowed);
        } else {
            checkState(type, allowed);
            checkLength(type, length);
        }
    }

    private void checkState(FrameType type, Set<FrameType> allowed) throws ProtocolException {
        if (fault != Fault.NO_FRAME_STATE_CHECK && !allowed.contains(type)) {
            throw new ProtocolException(AlertCode.UNEXPECTED_MESSAGE, type + " is not allowed here");
        }
    }

    private void checkLength(FrameType type, int length) throws IOException, ProtocolException {
        int max = FrameLimits.maxBody(type, Direction.CLIENT_TO_SERVER);
        if (length > max) {
            if (fault == Fault.BODY_READ_BEFORE_LENGTH_CHECK) {
                take(length, false);
            }
            AlertCode alert = fault == Fault.OVERFLOW_REPORTED_AS_DECODE_ERROR ? AlertCode.DECODE_ERROR
                    : AlertCode.RECORD_OVERFLOW;
            throw new ProtocolException(alert, type + " length " + length + " exceeds " + max);
        }
        if (type == FrameType.RECORD && length < FrameLimits.MIN_RECORD_BODY && fault != Fault.SHORT_RECORD_ACCEPTED) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "record length " + length + " is below 29");
        }
    }

    /** Exactly {@code length} bytes, over as many reads as it takes. */
    private byte[] take(int length, boolean atBoundary) throws IOException {
        byte[] out = new byte[length];
        int filled = 0;
        while (filled < length) {
            if (start == end) {
                fill(length - filled, atBoundary && filled == 0);
            }
            int n = Math.min(end - start, length - filled);
            System.arraycopy(buffer, start, out, filled, n);
            start += n;
            filled += n;
        }
        return out;
    }

    /**
     * What one read gives, taken for the whole body without looking at the count: the bytes missing stay
     * zero, and the rest of the body is read later as if it were the next frame.
     */
    private byte[] takeOneRead(int length) throws IOException {
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        if (start == end) {
            fill(length, false);
        }
        int n = Math.min(end - start, length);
        System.arraycopy(buffer, start, out, 0, n);
        start += n;
        return out;
    }

    /** One read from the socket into the empty buffer. */
    private void fill(int wanted, boolean atBoundary) throws IOException {
        start = 0;
        end = 0;
        int room = exact ? Math.min(wanted, CAPACITY) : CAPACITY;
        perReadLimit.ifPresent(limit -> source.setDeadlineIn(limit.toNanos()));
        int n = source.read(buffer, 0, room);
        if (n < 0) {
            throw new EndOfStreamException(!atBoundary, atBoundary ? "closed between frames" : "closed inside a frame");
        }
        end = n;
        readsForFrame++;
    }
}
