package io.secho.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lab's two programs: a fixed key from a file ({@code sec}) or a Diffie-Hellman exchange first ({@code dh}). */
public enum LabVariant {
    SEC("sec"),
    DH("dh");

    private final String optionName;

    LabVariant(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public static Optional<LabVariant> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.optionName.equals(wanted)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(LabVariant::optionName).collect(Collectors.joining("|"));
    }
}
