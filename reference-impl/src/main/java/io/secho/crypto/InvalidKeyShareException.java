package io.secho.crypto;

/**
 * The peer's key share is unusable: the wrong length, a value outside the group, or one that forces an all-zero
 * secret. The crypto layer knows no protocol alerts; the handshake answers this with {@code illegal_parameter}.
 */
public final class InvalidKeyShareException extends Exception {
    public InvalidKeyShareException(String message) {
        super(message);
    }
}
