package io.secho.conformance.peer;

/** Suite psk (Section 6.3): no share, and the secret is the PSK itself. */
public final class PskKeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = 0;

    private final PreSharedKey key;

    public PskKeyExchange(PreSharedKey key) {
        this.key = key;
    }

    @Override
    public byte[] publicShare() {
        return new byte[SHARE_LENGTH];
    }

    /** REQ-KEX-9: the peer's share must be empty too. */
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws ProtocolException {
        if (peerShare.length != SHARE_LENGTH) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    "psk key share of " + peerShare.length + " bytes (must be empty)");
        }
        return key.bytes();
    }
}
