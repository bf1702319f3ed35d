package io.secho.conformance.peer;

/** Suite psk (Section 6.3): no share on either side, and the secret is the PSK (REQ-KEX-9). */
public final class PskKeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = 0;

    private final PreSharedKey psk;

    public PskKeyExchange(PreSharedKey psk) {
        this.psk = psk;
    }

    @Override
    public byte[] publicShare() {
        return new byte[0];
    }

    @Override
    public byte[] sharedSecret(byte[] peerShare) throws ProtocolException {
        if (peerShare.length == SHARE_LENGTH) {
            return psk.bytes();
        }
        throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                "a psk hello carries a key share of " + peerShare.length + " bytes (REQ-KEX-9: none)");
    }
}
