package io.secho.conformance.peer;

import java.util.Optional;
import java.util.Set;

/**
 * The 3 header bytes of a received frame, and the receiver's header checks of Section 4.4, which need
 * nothing but these bytes: a receiver decides before it reads any body byte (REQ-FRM-6, REQ-FRM-10).
 */
public record FrameHeader(int typeCode, int length) {
    public FrameHeader {
        if (typeCode < 0 || typeCode > 0xff || length < 0 || length > FrameLimits.MAX_U16) {
            throw new IllegalArgumentException("type or length out of range");
        }
    }

    /** The first 3 bytes of {@code bytes} as a header (REQ-FRM-2: the length is a big-endian u16). */
    public static FrameHeader parse(byte[] bytes) {
        if (bytes.length < FrameLimits.HEADER_LENGTH) {
            throw new IllegalArgumentException("a frame header is " + FrameLimits.HEADER_LENGTH + " bytes");
        }
        return new FrameHeader(bytes[0] & 0xff, ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff));
    }

    public Optional<FrameType> type() {
        return FrameType.fromCode(typeCode);
    }

    /** REQ-FRM-2: type, then the length as a big-endian u16. */
    public byte[] encode() {
        return new byte[] {(byte) typeCode, (byte) (length >>> 8), (byte) length};
    }

    /**
     * Steps 1 to 4 of Section 4.4, in that order; the first failing step names the alert (REQ-FRM-6).
     *
     * @param allowed the types the receiver's state allows (Tables 8 and 9); a plaintext alert is always
     *                allowed (REQ-FRM-8), whether or not the set names it
     * @param travel  the direction the frame travels: a server checks C -> S limits, a client S -> C (REQ-FRM-9)
     * @return the alert the receiver owes, or empty when the header passes and the body may be read
     */
    public Optional<AlertCode> check(Set<FrameType> allowed, Direction travel) {
        Optional<FrameType> type = type();
        if (type.isEmpty()) {
            return Optional.of(AlertCode.DECODE_ERROR); // step 1, REQ-FRM-7
        }
        if (type.get() != FrameType.ALERT && !allowed.contains(type.get())) {
            return Optional.of(AlertCode.UNEXPECTED_MESSAGE); // step 2, REQ-FRM-8
        }
        if (length > FrameLimits.maxBody(type.get(), travel)) {
            return Optional.of(AlertCode.RECORD_OVERFLOW); // step 3, REQ-FRM-9
        }
        if (type.get() == FrameType.RECORD && length < FrameLimits.MIN_RECORD_BODY) {
            return Optional.of(AlertCode.DECODE_ERROR); // step 4, REQ-FRM-11
        }
        return Optional.empty();
    }
}
