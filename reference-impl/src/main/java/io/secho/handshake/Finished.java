package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.HmacSha256;
import io.secho.wire.FrameType;

/** Key confirmation: an HMAC over the transcript hash, one in each direction. */
public record Finished(byte[] verifyData) implements HandshakeMessage {
    public static final int LENGTH = HmacSha256.MAC_LENGTH;

    public Finished {
        verifyData = verifyData.clone();
    }

    @Override
    public byte[] verifyData() {
        return verifyData.clone();
    }

    @Override
    public FrameType frameType() {
        return FrameType.FINISHED;
    }

    @Override
    public byte[] encodeBody() {
        return verifyData.clone();
    }

    // REQ-FIN-2: a Finished body of other than 32 bytes is a decode_error.
    public static Finished decode(byte[] body) throws ProtocolException {
        if (body.length != LENGTH) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    "Finished must be " + LENGTH + " bytes, was " + body.length);
        }
        return new Finished(body);
    }

    /** @throws ProtocolException handshake_failure when the MAC differs (compared in constant time) */
    // REQ-FIN-3, REQ-FIN-6, REQ-FIN-8: compared in constant time; a mismatch is handshake_failure.
    public void verify(byte[] expected, String whose) throws ProtocolException {
        if (!HmacSha256.constantTimeEquals(expected, verifyData)) {
            throw new ProtocolException(AlertCode.HANDSHAKE_FAILURE, whose
                    + " Finished does not verify: wrong key (a different PSK?) or a modified hello");
        }
    }
}
