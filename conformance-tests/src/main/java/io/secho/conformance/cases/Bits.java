package io.secho.conformance.cases;

import io.secho.conformance.CaseContext;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;

import java.util.Arrays;

/** Byte surgery on frames, with positions drawn from the case's seeded randomness. */
final class Bits {
    private Bits() {
    }

    /** Flips one seeded bit of the body in [from, to) and returns the new frame and what was done. */
    static Altered flipInBody(CaseContext context, Frame frame, int from, int to, String region) {
        byte[] encoded = frame.encode();
        int bit = context.randomIndex((to - from) * 8);
        int index = FrameLimits.HEADER_LENGTH + from + bit / 8;
        encoded[index] ^= (byte) (1 << (bit % 8));
        return new Altered(encoded, "bit " + (bit % 8) + " of byte " + (from + bit / 8) + " of the body (" + region
                + ") flipped");
    }

    /** The frame with every bit of body byte {@code index} flipped: a wrong byte at a chosen position. */
    static byte[] invertByte(Frame frame, int index) {
        byte[] encoded = frame.encode();
        encoded[FrameLimits.HEADER_LENGTH + index] ^= (byte) 0xff;
        return encoded;
    }

    /** Replaces the header's length with the body's new length after cutting or adding bytes. */
    static byte[] reframe(int typeCode, byte[] body) {
        byte[] out = new byte[FrameLimits.HEADER_LENGTH + body.length];
        System.arraycopy(Frame.header(typeCode, body.length), 0, out, 0, FrameLimits.HEADER_LENGTH);
        System.arraycopy(body, 0, out, FrameLimits.HEADER_LENGTH, body.length);
        return out;
    }

    static byte[] withoutLastByte(Frame frame) {
        byte[] body = frame.body();
        return reframe(frame.type().code(), Arrays.copyOf(body, body.length - 1));
    }

    static byte[] withExtraByte(Frame frame, byte extra) {
        byte[] body = Arrays.copyOf(frame.body(), frame.length() + 1);
        body[body.length - 1] = extra;
        return reframe(frame.type().code(), body);
    }

    record Altered(byte[] bytes, String description) {
    }
}
