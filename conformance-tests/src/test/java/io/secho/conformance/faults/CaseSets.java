package io.secho.conformance.faults;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Named sets of case IDs and ID prefixes for {@link Fault}: the cases that share an ending (a plaintext
 * alert, an encrypted one) fail together when a server gets that ending wrong. Patterns are exact IDs,
 * or prefixes ending in '-' or '.'.
 */
final class CaseSets {
    /**
     * ClientHello vectors that get a plaintext alert from a server enabling every suite: 1-3, 69, 70 and 77-79
     * are valid, and so is 80, a psk hello that only a server without psk refuses.
     */
    static final Set<String> INVALID_CLIENT_HELLO_VECTORS = union(ids("HS-010.", 4, 68), ids("HS-010.", 71, 76),
            Set.of("HS-010.81"));
    /** Frame header vectors sent before the handshake completes: a plaintext alert each. */
    static final Set<String> HEADER_VECTORS_BEFORE_ESTABLISHED = ids("FRM-010.", 165, 179);
    /** Frame header vectors sent in ESTABLISHED: an encrypted alert each. */
    static final Set<String> HEADER_VECTORS_ESTABLISHED = ids("FRM-010.", 180, 188);

    /** Frame header vectors announcing more than the type's maximum: record_overflow each. */
    static final Set<String> OVERSIZED_HEADER_VECTORS = union(ids("FRM-010.", 173, 175), Set.of("FRM-010.178"),
            ids("FRM-010.", 180, 182), Set.of("FRM-010.187"));
    /** Frame header vectors of a type the state does not allow: unexpected_message each. */
    static final Set<String> UNEXPECTED_TYPE_VECTORS = union(ids("FRM-010.", 168, 172), ids("FRM-010.", 176, 177),
            ids("FRM-010.", 185, 186));

    /**
     * Every case whose ending is an alert of the connection's own (not the busy alert, which a server sends
     * before any connection state exists) as a plaintext frame, then FIN.
     */
    static final Set<String> PLAINTEXT_ALERT_ENDINGS = union(INVALID_CLIENT_HELLO_VECTORS,
            HEADER_VECTORS_BEFORE_ESTABLISHED, Set.of("HS-004", "HS-005", "HS-011.", "HS-012.", "HS-013", "HS-014",
                    "HS-015", "HS-016", "HS-017", "HS-018", "HS-024.", "HS-025.", "FRM-003", "FRM-005", "CLOSE-011",
                    "CLOSE-012", "LIM-001", "LIM-002", "LIM-006", "LIM-007", "LEARN-001.1"));

    /** Every case whose ending is one encrypted alert then FIN. */
    static final Set<String> ENCRYPTED_ALERT_ENDINGS = union(HEADER_VECTORS_ESTABLISHED, Set.of("TAG-", "ECHO-002.",
            "ECHO-005", "FRM-004", "FRM-006", "FRM-009", "CLOSE-007", "CLOSE-013", "CLOSE-015", "HS-019", "LIM-004",
            "LIM-008", "LEARN-001.2"));

    /** Cases whose plaintext alert comes after the server's flight, while it waits for the client's Finished. */
    static final Set<String> ALERTS_AWAITING_FINISHED = union(ids("FRM-010.", 176, 179), Set.of("HS-013", "HS-014",
            "HS-015", "HS-018", "HS-024.", "HS-025.", "CLOSE-012", "LIM-002", "LEARN-001.1"));

    private CaseSets() {
    }

    /** {@code prefix + n} for n from {@code first} to {@code last}, both included. */
    static Set<String> ids(String prefix, int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(n -> prefix + n).collect(Collectors.toUnmodifiableSet());
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        return Arrays.stream(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }
}
