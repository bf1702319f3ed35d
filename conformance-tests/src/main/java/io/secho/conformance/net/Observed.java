package io.secho.conformance.net;

import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;
import io.secho.wire.FrameType;
import io.secho.wire.Hex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Everything the server sent until the connection ended, and how it ended. */
public record Observed(byte[] bytes, Ending ending, long millis) {
    public Observed {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes cut into frames; an incomplete or unknown tail is returned by {@link #trailingBytes()}. */
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        int offset = 0;
        while (frameAt(offset).isPresent()) {
            Frame frame = frameAt(offset).get();
            frames.add(frame);
            offset += frame.encode().length;
        }
        return frames;
    }

    public byte[] trailingBytes() {
        int consumed = frames().stream().mapToInt(f -> f.encode().length).sum();
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

    public String describe() {
        String content = bytes.length == 0 ? "no bytes" : bytes.length + " bytes " + Trace.abbreviatedHex(bytes);
        return content + ", then " + ending.description() + " after " + millis + " ms";
    }

    @Override
    public String toString() {
        return "Observed[" + Hex.encode(bytes) + ", " + ending + "]";
    }
}
