package io.secho.wire;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;

import java.util.Arrays;

/**
 * Reads big-endian fields from one message body and can never read past it: every read that would
 * over-run fails with {@code decode_error}, and {@link #expectEnd} rejects trailing bytes.
 */
public final class ByteReader {
    private final byte[] data;
    private final String what;
    private int position;

    /** @param what names the message in error details, e.g. "ClientHello" */
    public ByteReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    public int remaining() {
        return data.length - position;
    }

    public int readU8(String field) throws ProtocolException {
        require(1, field);
        return data[position++] & 0xff;
    }

    public int readU16(String field) throws ProtocolException {
        require(2, field);
        int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return value;
    }

    public long readU64(String field) throws ProtocolException {
        require(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position + i] & 0xff);
        }
        position += 8;
        return value;
    }

    public byte[] readBytes(int length, String field) throws ProtocolException {
        require(length, field);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    public void expectEnd() throws ProtocolException {
        if (remaining() != 0) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    what + " has " + remaining() + " trailing byte(s) after its last field");
        }
    }

    private void require(int length, String field) throws ProtocolException {
        if (length < 0 || remaining() < length) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    what + " is truncated: field '" + field + "' needs " + length + " byte(s), "
                            + remaining() + " left");
        }
    }
}
