package io.secho.conformance.faults;

import java.util.Set;

/**
 * Mistakes a real implementer could plausibly make, each a small change to a correct server. For each,
 * the cases designed to catch it ({@link #mustFail}) and the cases that fail as a consequence and may
 * vary with TCP timing ({@link #mayFail}, written as case IDs or ID prefixes).
 */
enum Fault {
    NONE(Set.of(), Set.of()),
    /** The lab's own bug: one fixed key for every session, a random 96-bit nonce per record. */
    RANDOM_NONCES_SHARED_KEY(Set.of("NONCE-001", "NONCE-004", "HS-001", "ECHO-"), Set.of("*")),
    /** A counter nonce (zero prefix || seq) restarting at 0 every session, under one fixed key. */
    COUNTER_NONCE_FIXED_KEY(Set.of("NONCE-002", "HS-001", "ECHO-"), Set.of("*")),
    /** The server seals its records with the client's salt: both directions share nonce material. */
    SAME_NONCE_BOTH_DIRECTIONS(Set.of("NONCE-001", "NONCE-003", "NONCE-004"), Set.of("*")),
    /** Decrypts without checking the tag (AES-CTR under the GCM key) and echoes whatever comes out. */
    NO_TAG_CHECK(Set.of("TAG-001", "TAG-002", "TAG-003", "TAG-004", "TAG-005", "TAG-006", "TAG-007", "TAG-011"),
            Set.of()),
    /** Echoes the decrypted text first, then checks the tag and sends the alert. */
    ECHO_BEFORE_TAG_CHECK(Set.of("TAG-001", "TAG-002", "TAG-003", "TAG-004", "TAG-005", "TAG-006", "TAG-007",
            "TAG-011"), Set.of()),
    /** Checks the tag but not the sequence number: replays, skips and reorders pass. */
    ACCEPTS_REPLAY_AND_SKIP(Set.of("TAG-008", "TAG-009", "TAG-010", "TAG-012"), Set.of()),
    /** No key share validation: 0, 1, p-1, p and the x25519 low-order points are used as they come. */
    ACCEPTS_INVALID_SHARES(Set.of("HS-011.", "HS-012."), Set.of("HS-010.")),
    /** Never verifies the client's Finished. */
    SKIPS_FINISHED_CHECK(Set.of("HS-013", "HS-014", "HS-024."), Set.of()),
    /** Upper-cases with the server's default locale, and the server runs under tr-TR. */
    DEFAULT_LOCALE_TR(Set.of("ECHO-010", "ECHO-001."), Set.of()),
    /** Upper-cases a-z only. */
    ASCII_ONLY_UPPERCASE(Set.of("ECHO-004", "ECHO-010"), Set.of("ECHO-001.")),
    /** Takes one read() as one frame, as the lab's programs did. */
    ONE_READ_IS_ONE_FRAME(Set.of("FRM-001", "FRM-002"), Set.of("*")),
    /** Answers a bad record with a plaintext error line instead of the encrypted alert. */
    PLAINTEXT_ERROR_MESSAGE(Set.of("TAG-001", "TAG-008", "ECHO-002."),
            Set.of("TAG-", "ECHO-", "FRM-", "CLOSE-", "HS-019", "LIM-004")),
    /** Sends the alert but keeps the connection open. */
    STAYS_OPEN_AFTER_ALERT(Set.of("HS-004", "TAG-001", "FRM-003", "LIM-001"), Set.of("*")),
    /** Closes with a reset (SO_LINGER 0) right after the alert. */
    RESET_AFTER_ALERT(Set.of("HS-004", "TAG-004", "FRM-005"), Set.of("*")),
    /** Never times out a handshake. */
    NO_HANDSHAKE_TIMEOUT(Set.of("LIM-001", "LIM-002"), Set.of());

    private final Set<String> mustFail;
    private final Set<String> mayFail;

    Fault(Set<String> mustFail, Set<String> mayFail) {
        this.mustFail = mustFail;
        this.mayFail = mayFail;
    }

    /** IDs or ID prefixes (ending in '-' or '.'): at least one case of each must fail. */
    Set<String> mustFail() {
        return mustFail;
    }

    /** IDs or prefixes that may fail too; "*" for faults that break every session. */
    Set<String> mayFail() {
        return mayFail;
    }

    static boolean matches(String pattern, String caseId) {
        if (pattern.equals("*")) {
            return true;
        }
        return pattern.endsWith("-") || pattern.endsWith(".") ? caseId.startsWith(pattern) : caseId.equals(pattern);
    }
}
