package io.secho.conformance.peer;

import java.util.Optional;

/**
 * The spec numbers its frame types (Table 2), suites (Table 4), inner types (Section 9.1) and alerts
 * (Table 13) from 0x01 upward without a gap, so the peer's enums list them in that order and a value's
 * code is its position plus one. {@code WireCodesTest} pins every code to the spec's Appendix A.
 */
interface WireCodes {
    /** Implemented by every enum: {@link Enum#ordinal()}. */
    int ordinal();

    /** The value's code on the wire. */
    default int code() {
        return ordinal() + 1;
    }

    static <E extends Enum<E>> Optional<E> byCode(E[] values, int code) {
        return code >= 1 && code <= values.length ? Optional.of(values[code - 1]) : Optional.empty();
    }
}
