package io.secho.conformance.peer;

/**
 * One side's key exchange for one connection (Section 6): the share it sends and the secret it computes
 * from the peer's share, validating that share as the spec demands (step f of Tables 6 and 7).
 */
public sealed interface KeyExchange permits X25519KeyExchange, Modp2048KeyExchange, PskKeyExchange {
    /** The key share for the hello: 32, 256 or 0 bytes (Table 4). */
    byte[] publicShare();

    /**
     * The shared secret of Table 4.
     *
     * @throws ProtocolException {@code illegal_parameter} when the peer's share is invalid for the suite
     */
    byte[] sharedSecret(byte[] peerShare) throws ProtocolException;
}
