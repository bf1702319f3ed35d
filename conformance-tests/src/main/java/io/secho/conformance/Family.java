package io.secho.conformance;

import java.util.Optional;

/** Case families, by ID prefix. */
public enum Family {
    HANDSHAKE("HS", "Handshake"),
    NONCE("NONCE", "Nonce uniqueness"),
    TAG("TAG", "Tag rejection"),
    ECHO("ECHO", "Echo transform"),
    FRAMING("FRM", "Framing and robustness"),
    CLOSE("CLOSE", "Closing"),
    LIMITS("LIM", "Timeouts and limits"),
    /** The lab-compatibility profile (spec/lab-profile.md): run only with --profile lab. */
    LAB("LAB", "Lab profile");

    private final String prefix;
    private final String title;

    Family(String prefix, String title) {
        this.prefix = prefix;
        this.title = title;
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
