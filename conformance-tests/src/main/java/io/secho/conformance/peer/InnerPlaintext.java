package io.secho.conformance.peer;

/** What an accepted record carried: its inner type, payload and sequence number. */
public record InnerPlaintext(InnerType type, byte[] payload, long sequenceNumber) {
    public InnerPlaintext {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Type, size and sequence number only: a payload is plaintext and is not shown. */
    @Override
    public String toString() {
        return type + "[" + payload.length + " bytes, seq " + Long.toUnsignedString(sequenceNumber) + "]";
    }
}
