package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FinishedTest {

    private static byte[] mac() {
        byte[] out = new byte[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (0xa0 ^ i);
        }
        return out;
    }

    @Test
    void encodeDecodeRoundTrip() throws ProtocolException {
        Finished finished = new Finished(mac());
        Frame frame = finished.toFrame();
        assertEquals(FrameType.FINISHED, frame.type(), "Finished travels in frame 0x03");
        assertArrayEquals(mac(), frame.body(), "body is exactly verify_data");
        assertEquals(32, frame.length(), "Finished body is 32 bytes");
        assertArrayEquals(mac(), Finished.decode(frame.body()).verifyData(), "decode returns verify_data");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void wrongLengthIsDecodeError(int length) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Finished.decode(new byte[length]),
                "a " + length + "-byte Finished must be rejected");
        assertEquals(AlertCode.DECODE_ERROR, e.alert(), length + "-byte Finished: decode_error");
    }

    @Test
    void matchingMacVerifies() throws ProtocolException {
        Finished finished = Finished.decode(mac());
        assertDoesNotThrow(() -> finished.verify(mac(), "server"), "identical verify_data must verify");
    }

    @ParameterizedTest(name = "byte {0} bit {1}")
    @CsvSource({"0, 0", "0, 7", "15, 3", "31, 0", "31, 7"})
    void mismatchIsHandshakeFailure(int index, int bit) throws ProtocolException {
        byte[] received = mac();
        received[index] ^= (byte) (1 << bit);
        Finished finished = Finished.decode(received);
        ProtocolException e = assertThrows(ProtocolException.class, () -> finished.verify(mac(), "client"),
                "verify_data with byte " + index + " bit " + bit + " flipped");
        assertEquals(AlertCode.HANDSHAKE_FAILURE, e.alert(), "MAC mismatch: handshake_failure");
    }

    @Test
    void allZeroMacIsHandshakeFailure() throws ProtocolException {
        Finished finished = Finished.decode(new byte[32]);
        ProtocolException e = assertThrows(ProtocolException.class, () -> finished.verify(mac(), "server"),
                "all-zero verify_data");
        assertEquals(AlertCode.HANDSHAKE_FAILURE, e.alert(), "all-zero MAC: handshake_failure");
    }
}
