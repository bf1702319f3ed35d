package io.secho.handshake;

import io.secho.crypto.KeyExchange;
import io.secho.crypto.Modp2048KeyExchange;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.PskKeyExchange;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.X25519KeyExchange;

import java.util.Locale;
import java.util.Optional;

/** The three suites of Secho v1 and their fixed key-share lengths. */
public enum Suite {
    X25519(0x01, "x25519", X25519KeyExchange.SHARE_LENGTH),
    MODP2048(0x02, "modp2048", Modp2048KeyExchange.SHARE_LENGTH),
    PSK(0x03, "psk", PskKeyExchange.SHARE_LENGTH);

    private final int code;
    private final String wireName;
    private final int shareLength;

    Suite(int code, String wireName, int shareLength) {
        this.code = code;
        this.wireName = wireName;
        this.shareLength = shareLength;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public int shareLength() {
        return shareLength;
    }

    /**
     * A fresh key exchange for one handshake.
     *
     * @throws IllegalStateException for the psk suite without a key: a configuration error, not a peer's
     */
    // REQ-KEX-1, REQ-KEX-10: a fresh exchange per connection; psk only with a configured key.
    public KeyExchange newKeyExchange(RandomBytes random, Optional<PreSharedKey> psk) {
        switch (this) {
            case X25519:
                return X25519KeyExchange.generate(random);
            case MODP2048:
                return Modp2048KeyExchange.generate(random);
            case PSK:
                return new PskKeyExchange(psk.orElseThrow(
                        () -> new IllegalStateException("the psk suite needs a pre-shared key")));
            default:
                throw new AssertionError(this);
        }
    }

    public static Optional<Suite> fromCode(int code) {
        for (Suite suite : values()) {
            if (suite.code == code) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** Accepts the spec's names: {@code x25519}, {@code modp2048}, {@code psk} (any case). */
    public static Optional<Suite> fromWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Suite suite : values()) {
            if (suite.wireName.equals(lower)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
