package io.secho.crypto;

/**
 * The psk suite: no key share on the wire, the pre-shared key is the secret. Per-session keys come from
 * the key schedule, which binds both randoms.
 */
public final class PskKeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = 0;

    private final PreSharedKey key;

    public PskKeyExchange(PreSharedKey key) {
        this.key = key;
    }

    @Override
    public byte[] publicShare() {
        return new byte[0];
    }

    // REQ-KEX-9: the psk suite's shares are empty and its secret is the pre-shared key.
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws InvalidKeyShareException {
        if (peerShare.length != SHARE_LENGTH) {
            throw new InvalidKeyShareException("psk key share must be empty, was " + peerShare.length + " bytes");
        }
        return key.bytes();
    }
}
