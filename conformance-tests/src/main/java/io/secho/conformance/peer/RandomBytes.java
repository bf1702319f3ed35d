package io.secho.conformance.peer;

/**
 * Where the peer draws its randoms, private keys and exponents. A test peer must be able to replay a run
 * (a fixed seed gives the same bytes on the wire), so the source is the caller's choice; a method reference
 * to {@link #nextBytes(byte[])} adapts it to any other fill-this-array interface.
 */
@FunctionalInterface
public interface RandomBytes {
    /** Fills {@code out}. */
    void nextBytes(byte[] out);

    /** {@code length} fresh bytes. */
    default byte[] nextBytes(int length) {
        byte[] drawn = new byte[length];
        nextBytes(drawn);
        return drawn;
    }
}
