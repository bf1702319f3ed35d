package io.secho.conformance;

import java.util.Optional;

/** Case families, by ID prefix: a server's, the lab profile's, and a client's (C...). */
public enum Family {
    HANDSHAKE("HS", "Handshake"),
    NONCE("NONCE", "Nonce uniqueness"),
    TAG("TAG", "Tag rejection"),
    ECHO("ECHO", "Echo transform"),
    FRAMING("FRM", "Framing and robustness"),
    CLOSE("CLOSE", "Closing"),
    LIMITS("LIM", "Timeouts and limits"),
    /** Sequences on which learning (the learn command) found an implementation's state machine wrong. */
    LEARNED("LEARN", "Learned sequences"),
    /** The lab-compatibility profile (spec/lab-profile.md): run only with --profile lab. */
    LAB("LAB", "Lab profile"),
    /** The client families: run only with a client under test (--client-command, --client-reference). */
    CLIENT_HANDSHAKE("CHS", "Client handshake", true),
    CLIENT_FRAMING("CFRM", "Client framing", true),
    CLIENT_RECORDS("CREC", "Client records", true),
    CLIENT_ECHO("CECHO", "Client replies", true),
    CLIENT_CLOSE("CCLOSE", "Client closing and alerts", true),
    CLIENT_LIMITS("CLIM", "Client timeouts", true);

    private final String prefix;
    private final String title;
    private final boolean client;

    Family(String prefix, String title) {
        this(prefix, title, false);
    }

    Family(String prefix, String title, boolean client) {
        this.prefix = prefix;
        this.title = title;
        this.client = client;
    }

    /** True for the families that check a client under test. */
    public boolean client() {
        return client;
    }

    public String prefix() {
        return prefix;
    }

    public String title() {
        return title;
    }

    public static Optional<Family> ofCaseId(String caseId) {
        int dash = caseId.indexOf('-');
        String prefix = dash < 0 ? caseId : caseId.substring(0, dash);
        for (Family family : values()) {
            if (family.prefix.equals(prefix)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /** Accepts the prefix ({@code TAG}) or the enum name ({@code tag}), any case. */
    public static Optional<Family> parse(String text) {
        for (Family family : values()) {
            if (family.prefix.equalsIgnoreCase(text) || family.name().equalsIgnoreCase(text)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
