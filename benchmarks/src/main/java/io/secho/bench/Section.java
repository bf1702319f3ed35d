package io.secho.bench;

import java.util.Locale;

/** The parts of a run, in the order they run; {@code --only} picks some. */
public enum Section {
    CRYPTO,
    HANDSHAKE,
    ECHO,
    IDLE,
    CONFORMANCE;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
