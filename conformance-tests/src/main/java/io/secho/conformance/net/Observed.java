package io.secho.conformance.net;

import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the server sent until the connection ended or the harness stopped waiting, and how it ended.
 * Only a bounded prefix is kept ({@link TestConnection#KEEP_BYTES}); {@link #total()} counts every byte.
 */
public record Observed(byte[] bytes, long total, Ending ending, long millis) {
    public Observed {
        bytes = bytes.clone();
        if (total < bytes.length) {
            throw new IllegalArgumentException("total " + total + " < kept " + bytes.length);
        }
    }

    public Observed(byte[] bytes, Ending ending, long millis) {
        this(bytes, bytes.length, ending, millis);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True when more came than was kept. */
    public boolean cut() {
        return total > bytes.length;
    }

    public boolean empty() {
        return total == 0;
    }

    /** The kept bytes cut into frames; an incomplete or unknown tail is returned by {@link #trailingBytes()}. */
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        int offset = 0;
        Optional<Frame> next;
        while ((next = frameAt(offset)).isPresent()) {
            frames.add(next.get());
            offset += FrameLimits.HEADER_LENGTH + next.get().length();
        }
        return frames;
    }

    public byte[] trailingBytes() {
        int consumed = frames().stream().mapToInt(f -> FrameLimits.HEADER_LENGTH + f.length()).sum();
        return Arrays.copyOfRange(bytes, consumed, bytes.length);
    }

    private Optional<Frame> frameAt(int offset) {
        if (bytes.length - offset < FrameLimits.HEADER_LENGTH) {
            return Optional.empty();
        }
        Optional<FrameType> type = FrameType.fromCode(bytes[offset] & 0xff);
        int length = ((bytes[offset + 1] & 0xff) << 8) | (bytes[offset + 2] & 0xff);
        if (type.isEmpty() || bytes.length - offset - FrameLimits.HEADER_LENGTH < length) {
            return Optional.empty();
        }
        int start = offset + FrameLimits.HEADER_LENGTH;
        return Optional.of(new Frame(type.get(), Arrays.copyOfRange(bytes, start, start + length)));
    }

    /** The bytes (text and hex), how the connection ended and when. */
    public String describe() {
        if (ending == Ending.NOT_READ_FURTHER) {
            return content();
        }
        return content() + ", then " + ending.description() + " after " + millis + " ms";
    }

    /** The bytes alone: text and hex of what was kept, and the total when more came. */
    public String content() {
        if (total == 0) {
            return "no bytes";
        }
        String kept = ByteText.describe(bytes);
        return cut() ? total + " bytes, of which the first " + kept : kept;
    }

    @Override
    public String toString() {
        return "Observed[" + content() + ", " + ending + "]";
    }
}
