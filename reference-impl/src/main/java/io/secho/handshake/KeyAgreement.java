package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.InvalidKeyShareException;
import io.secho.crypto.KeyExchange;

/** Where a key share the crypto layer refuses becomes the protocol's alert. */
public final class KeyAgreement {
    private KeyAgreement() {
    }

    /**
     * The shared secret from the peer's share. REQ-KEX-4, REQ-KEX-7, REQ-KEX-9: a share of the wrong length or value,
     * or an all-zero x25519 secret, is answered with {@code illegal_parameter}.
     */
    public static byte[] sharedSecret(KeyExchange exchange, byte[] peerShare) throws ProtocolException {
        try {
            return exchange.sharedSecret(peerShare);
        } catch (InvalidKeyShareException e) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, e.getMessage());
        }
    }
}
