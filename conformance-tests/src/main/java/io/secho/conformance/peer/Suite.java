package io.secho.conformance.peer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Table 4: the three suites, their codes and key share lengths. */
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

    /** {@code share_len} of this suite's hellos (Table 4, REQ-HS-1). */
    public int shareLength() {
        return shareLength;
    }

    /**
     * A fresh key exchange for one connection (REQ-KEX-1), drawing from {@code random}.
     *
     * @throws IllegalStateException for psk without a key: REQ-KEX-10 forbids proposing psk then
     */
    public KeyExchange newKeyExchange(RandomBytes random, Optional<PreSharedKey> psk) {
        return switch (this) {
            case X25519 -> X25519KeyExchange.generate(random);
            case MODP2048 -> Modp2048KeyExchange.generate(random);
            case PSK -> new PskKeyExchange(psk.orElseThrow(
                    () -> new IllegalStateException("suite psk needs a pre-shared key (REQ-KEX-10)")));
        };
    }

    public static Optional<Suite> fromCode(int code) {
        return Arrays.stream(values()).filter(suite -> suite.code == code).findFirst();
    }

    /** {@code x25519}, {@code modp2048} or {@code psk}, in any case. */
    public static Optional<Suite> fromWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(suite -> suite.wireName.equals(lower)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
