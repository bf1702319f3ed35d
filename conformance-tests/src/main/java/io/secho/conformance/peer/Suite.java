package io.secho.conformance.peer;

import java.util.Locale;
import java.util.Optional;

/**
 * Table 4's suites in the table's order (codes 0x01 to 0x03, see {@link WireCodes}); a suite's name is the
 * constant's name in lower case.
 */
public enum Suite implements WireCodes {
    X25519,
    MODP2048,
    PSK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code share_len} in this suite's hellos (Table 4, REQ-HS-1, REQ-KEX-9). */
    public int shareLength() {
        return switch (this) {
            case X25519 -> KeyShares.X25519_LENGTH;
            case MODP2048 -> Modp2048Group.ELEMENT_LENGTH;
            case PSK -> 0;
        };
    }

    /**
     * A fresh key exchange for one connection (REQ-KEX-1), drawing from {@code random}.
     *
     * @throws IllegalStateException for psk without a key: REQ-KEX-10 forbids proposing psk then
     */
    public KeyExchange newKeyExchange(RandomBytes random, Optional<PreSharedKey> psk) {
        if (this == PSK) {
            return new PskKeyExchange(psk.orElseThrow(() -> new IllegalStateException(
                    "suite psk needs a pre-shared key (REQ-KEX-10)")));
        }
        return this == X25519 ? X25519KeyExchange.generate(random) : Modp2048KeyExchange.generate(random);
    }

    public static Optional<Suite> fromCode(int code) {
        return WireCodes.byCode(values(), code);
    }

    /** {@code x25519}, {@code modp2048} or {@code psk}, in any case. */
    public static Optional<Suite> fromWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Suite row : values()) {
            if (row.wireName().equals(lower)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
