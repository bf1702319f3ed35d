package io.secho.conformance.lab;

import java.util.ArrayList;
import java.util.List;

/** The settings the lab's programs are seen to use, beyond the defaults: for the checklist and --lab-detect. */
final class LabCommonSettings {
    /**
     * HKDF info strings in order of how often lab programs use them: the cryptography documentation's
     * example, then empty, which is also what Python's {@code info=None} gives.
     */
    static final List<String> HKDF_INFOS = List.of("handshake data", "", "handshake", "session key");
    static final List<Integer> NONCE_LENGTHS = List.of(12, 16);

    private LabCommonSettings() {
    }

    /** The given value first, then the common ones, each once. */
    static <T> List<T> givenFirst(T given, List<T> common) {
        List<T> ordered = new ArrayList<>(List.of(given));
        common.stream().filter(value -> !value.equals(given)).forEach(ordered::add);
        return ordered;
    }

    /** How a report shows an HKDF info string. */
    static String quoted(String info) {
        return info.isEmpty() ? "\"\" (empty, as info=None)" : "\"" + info + "\"";
    }
}
