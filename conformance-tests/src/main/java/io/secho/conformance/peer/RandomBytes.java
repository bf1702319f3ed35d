package io.secho.conformance.peer;

/**
 * Where the peer draws its randoms, private keys and exponents. A test peer must be able to replay a run
 * (a fixed seed gives the same bytes on the wire), so the source is chosen by the caller.
 */
public interface RandomBytes {
    void nextBytes(byte[] out);

    default byte[] nextBytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }
}
