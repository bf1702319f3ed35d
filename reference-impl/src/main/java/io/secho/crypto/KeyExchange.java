package io.secho.crypto;

/**
 * One side's part of a key agreement: the key share it sends, and the shared secret it computes from
 * the peer's share after validating it. Single use: one instance per handshake.
 */
public sealed interface KeyExchange permits X25519KeyExchange, Modp2048KeyExchange, PskKeyExchange {
    /** The key share as it goes on the wire (fixed length for each suite). */
    byte[] publicShare();

    /**
     * Validates the peer's share and computes the secret that feeds the key schedule.
     *
     * @throws InvalidKeyShareException for a share of the wrong length or value
     */
    byte[] sharedSecret(byte[] peerShare) throws InvalidKeyShareException;
}
