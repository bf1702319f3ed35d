package io.secho.record;

/** A record that verified: its inner type, payload and the sequence number it carried. */
public record InnerPlaintext(InnerType type, byte[] payload, long sequenceNumber) {
    public InnerPlaintext {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String toString() {
        return type + "[" + payload.length + " bytes, seq " + Long.toUnsignedString(sequenceNumber) + "]";
    }
}
