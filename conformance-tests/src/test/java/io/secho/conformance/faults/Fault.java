package io.secho.conformance.faults;

import java.util.Set;

import static io.secho.conformance.faults.CaseSets.ALERTS_AWAITING_FINISHED;
import static io.secho.conformance.faults.CaseSets.ENCRYPTED_ALERT_ENDINGS;
import static io.secho.conformance.faults.CaseSets.OVERSIZED_HEADER_VECTORS;
import static io.secho.conformance.faults.CaseSets.PLAINTEXT_ALERT_ENDINGS;
import static io.secho.conformance.faults.CaseSets.UNEXPECTED_TYPE_VECTORS;
import static io.secho.conformance.faults.CaseSets.ids;
import static io.secho.conformance.faults.CaseSets.union;

/**
 * Mistakes a real implementer could plausibly make, each a small change to a correct server. For each,
 * {@link #mustFail}: the cases designed to catch it and those it makes fail whatever the timing and the
 * seed; {@link #mayFail}: the cases it can make fail depending on TCP timing or on the seed's choices (a
 * bit position, random bytes), each with the reason in a comment. Written as case IDs or ID prefixes.
 */
enum Fault {
    NONE(Set.of(), Set.of()),

    // ---- Nonces. Each of these seals every reply so that the harness cannot open it: every case that needs
    // ---- one echo fails or is blocked, in every family, so they keep "*".

    /** The lab's own bug: one fixed key for every session, a random 96-bit nonce per record. */
    RANDOM_NONCES_SHARED_KEY(Set.of("NONCE-001", "NONCE-004", "HS-001", "ECHO-"),
            // Every reply is sealed under a key that is not the session's: no session gets one echo through.
            Set.of("*")),
    /** A counter nonce (zero prefix || seq) restarting at 0 every session, under one fixed key. */
    COUNTER_NONCE_FIXED_KEY(Set.of("NONCE-002", "HS-001", "ECHO-"),
            // The same: a fixed key, not the session's.
            Set.of("*")),
    /** The server seals its records with the client's salt: both directions share nonce material. */
    SAME_NONCE_BOTH_DIRECTIONS(Set.of("NONCE-001", "NONCE-003", "NONCE-004"),
            // Every reply carries a nonce the client does not expect, so no reply opens.
            Set.of("*")),

    // ---- Tags and sequence numbers.

    /** Decrypts without checking the tag (AES-CTR under the GCM key) and echoes whatever comes out. */
    NO_TAG_CHECK(Set.of("TAG-001", "TAG-002", "TAG-003", "TAG-004", "TAG-005", "TAG-006", "TAG-007", "TAG-011",
            "TAG-013.", "CLOSE-013", "LEARN-001.2"), Set.of()),
    /** Echoes the decrypted text first, then checks the tag and sends the alert. */
    ECHO_BEFORE_TAG_CHECK(Set.of("TAG-001", "TAG-002", "TAG-003", "TAG-004", "TAG-005", "TAG-006", "TAG-007",
            "TAG-011", "TAG-013.", "CLOSE-013", "LEARN-001.2"), Set.of()),
    /** Computes the tag itself and compares its first 8 bytes only. */
    TAG_PREFIX_COMPARED(union(ids("TAG-013.", 9, 16), Set.of("CLOSE-013")),
            // The bit TAG-004 flips is the seed's choice: in the first 8 bytes the tag check catches it.
            Set.of("TAG-004")),
    /** Checks the tag but not the sequence number: replays, skips and reorders pass. */
    ACCEPTS_REPLAY_AND_SKIP(Set.of("TAG-008", "TAG-009", "TAG-010", "TAG-012"), Set.of()),
    /** Compares the nonce with the expected one before the tag: a forged nonce gets bad_sequence. */
    SEQUENCE_CHECKED_BEFORE_TAG(Set.of("TAG-002", "TAG-006", "TAG-007"), Set.of()),
    /** Every record that does not open, for any reason, gets bad_record_mac. */
    RECORD_ERRORS_ALL_BAD_RECORD_MAC(Set.of("TAG-008", "TAG-009", "TAG-010", "TAG-012", "FRM-009", "CLOSE-007"),
            Set.of()),

    // ---- Handshake.

    /** No key share validation: 0, 1, p-1, p and the x25519 low-order points are used as they come. */
    ACCEPTS_INVALID_SHARES(union(ids("HS-011.", 1, 6), ids("HS-012.", 1, 7), ids("HS-010.", 55, 68),
            ids("HS-010.", 71, 76)), Set.of()),
    /** Never verifies the client's Finished. */
    SKIPS_FINISHED_CHECK(Set.of("HS-013", "HS-014", "HS-024.157", "HS-025.", "CLOSE-012"), Set.of()),
    /** Compares the first 16 bytes of the client's verify_data only. */
    FINISHED_PREFIX_COMPARED(ids("HS-025.", 17, 32),
            // The bit HS-014 flips is the seed's choice: in the first 16 bytes the check catches it.
            Set.of("HS-014")),
    /** Parses the whole ClientHello and checks its suite before its version, which Table 6 checks first. */
    VERSION_CHECKED_AFTER_SUITE(Set.of("HS-010.46", "HS-010.47", "HS-010.48"), Set.of()),
    /** Checks share_len against the suite's before asking whether the suite is enabled; psk is not enabled. */
    SHARE_LEN_CHECKED_BEFORE_SUITE(Set.of("HS-010.39", "HS-010.40", "HS-010.81"), Set.of()),
    /** One server random for every connection, drawn at startup. */
    SERVER_RANDOM_REUSED(Set.of("HS-021", "NONCE-002"), Set.of()),
    /** One key pair per suite for the server's lifetime instead of one per connection. */
    KEY_SHARE_REUSED(Set.of("HS-021"), Set.of()),
    /** Alerts are encrypted as soon as the keys exist, before the client's Finished is verified. */
    ENCRYPTED_ALERT_BEFORE_CLIENT_FINISHED(ALERTS_AWAITING_FINISHED,
            // LIM-006 sends its ClientHello at 0.8 of the handshake timeout: the alert comes after the flight,
            // encrypted, unless a loaded machine delays the hello past the timeout.
            Set.of("LIM-006")),

    /**
     * While it waits for the client's Finished, a second ClientHello starts the handshake over. No hand-written
     * case sends a valid one there; the header vector FRM-010.176 sends a malformed one, which this server
     * parses and answers with decode_error. Learning found it (step 12), and LEARN-001.1 now checks it.
     */
    ACCEPTS_SECOND_CLIENT_HELLO(Set.of("FRM-010.176", "LEARN-001.1"), Set.of()),

    // ---- Echo.

    /** Upper-cases with the server's default locale, and the server runs under tr-TR. */
    DEFAULT_LOCALE_TR(Set.of("ECHO-010", "ECHO-001.3", "ECHO-001.4", "ECHO-001.18", "ECHO-001.20", "ECHO-001.21"),
            Set.of()),
    /** Upper-cases a-z only. */
    ASCII_ONLY_UPPERCASE(union(Set.of("ECHO-004", "ECHO-010", "ECHO-001.54"), ids("ECHO-001.", 6, 18),
            ids("ECHO-001.", 21, 35)), Set.of()),
    /** Character.toUpperCase per code point: the simple 1:1 mapping, so "ß" stays "ß". */
    SIMPLE_CASE_MAPPING(union(Set.of("ECHO-004", "ECHO-010"), ids("ECHO-001.", 6, 17), Set.of("ECHO-001.54")),
            Set.of()),
    /** Decodes with new String(bytes, UTF_8): ill-formed input is echoed with U+FFFD instead of bad_payload. */
    LENIENT_UTF8(ids("ECHO-002.", 55, 91), Set.of()),
    /** An empty message gets no reply. */
    EMPTY_MESSAGE_NOT_ECHOED(Set.of("ECHO-006", "ECHO-001.1"), Set.of()),
    /** A message starting with 0x0a ends the session (the lab's end marker), with the server's Close. */
    LEADING_NEWLINE_ENDS_SESSION(Set.of("ECHO-007", "ECHO-001.4"), Set.of()),

    // ---- Framing.

    /** Takes what one read() returns for the whole body, ignoring the count it returned. */
    BODY_TAKEN_FROM_ONE_READ(Set.of("FRM-001", "FRM-007", "FRM-011", "FRM-012", "LIM-007", "LIM-008"),
            // Whether a 16 KiB request reaches the server in one read or in several depends on the kernel.
            Set.of("ECHO-001.53", "ECHO-001.54", "ECHO-002.91", "ECHO-003", "ECHO-004")),
    /** Assembles a frame that needed several reads in a fresh array and loses what came behind it. */
    DROPS_BYTES_AFTER_SPLIT_FRAME(Set.of("FRM-011", "FRM-012"),
            // FRM-001 sends the client Finished and then a record one byte per write, 1 ms apart: whether the
            // Finished's last byte and the record's first share a read is timing.
            Set.of("FRM-001")),
    /**
     * Wraps the socket in a new buffered reader for every record (its handshake reads exactly what it needs):
     * bytes one reader read ahead are lost to the next.
     */
    NEW_READER_PER_RECORD(Set.of("FRM-002", "FRM-011", "ECHO-009", "CLOSE-002"),
            // It writes its 100 records a batch one by one: whether two of them arrive in one read is timing.
            Set.of("NONCE-001")),
    /** Skips frames of unknown type instead of sending decode_error. */
    UNKNOWN_FRAME_TYPE_IGNORED(Set.of("FRM-005", "FRM-010.165", "FRM-010.166", "FRM-010.167", "FRM-010.179",
            "FRM-010.188"), Set.of()),
    /** Accepts record frames shorter than 29 bytes; the record layer then fails to open them. */
    SHORT_RECORD_ACCEPTED(Set.of("FRM-006", "FRM-010.183", "FRM-010.184"), Set.of()),
    /** Reads the announced body into memory before it checks the length. */
    BODY_READ_BEFORE_LENGTH_CHECK(union(Set.of("FRM-003", "FRM-004", "ECHO-005"), OVERSIZED_HEADER_VECTORS),
            Set.of()),
    /** Checks the length (steps 3 and 4) before the frame type's state (step 2). */
    LENGTH_CHECKED_BEFORE_STATE(Set.of("FRM-010.171", "FRM-010.172"), Set.of()),
    /** No check of the frame type against the state: a frame of the wrong type is parsed, and fails to parse. */
    NO_FRAME_STATE_CHECK(union(Set.of("HS-016", "HS-017", "HS-018", "HS-019", "LEARN-001.1"), UNEXPECTED_TYPE_VECTORS),
            Set.of()),
    /** Reports an oversized frame as decode_error instead of record_overflow. */
    OVERFLOW_REPORTED_AS_DECODE_ERROR(union(Set.of("FRM-003", "FRM-004", "ECHO-005", "CLOSE-015"),
            OVERSIZED_HEADER_VECTORS), Set.of()),

    // ---- Alerts and closing.

    /** Answers a bad record with a plaintext error line instead of the encrypted alert. */
    PLAINTEXT_ERROR_MESSAGE(ENCRYPTED_ALERT_ENDINGS, Set.of()),
    /** Alerts stay plaintext after the handshake. */
    PLAINTEXT_ALERT_AFTER_HANDSHAKE(ENCRYPTED_ALERT_ENDINGS, Set.of()),
    /** Sends every alert twice. */
    ALERT_SENT_TWICE(union(PLAINTEXT_ALERT_ENDINGS, ENCRYPTED_ALERT_ENDINGS), Set.of()),
    /** Follows an encrypted alert with a Close record. */
    CLOSE_AFTER_ALERT(ENCRYPTED_ALERT_ENDINGS, Set.of()),
    /** After a record fails a check, sends the encrypted alert and carries on with the session. */
    KEEPS_ECHOING_AFTER_ALERT(Set.of("TAG-", "ECHO-002.", "FRM-009", "CLOSE-007", "CLOSE-013", "LEARN-001.2"),
            Set.of()),
    /** Sends the alert but keeps the connection open. */
    STAYS_OPEN_AFTER_ALERT(union(PLAINTEXT_ALERT_ENDINGS, ENCRYPTED_ALERT_ENDINGS), Set.of()),
    /** Closes with a reset (SO_LINGER 0) right after the alert. */
    RESET_AFTER_ALERT(union(PLAINTEXT_ALERT_ENDINGS, ENCRYPTED_ALERT_ENDINGS), Set.of()),
    /** Closes right after the alert, with input unread: the kernel answers that input with a reset. */
    NO_DRAIN_AFTER_ALERT(Set.of("CLOSE-011", "CLOSE-012", "CLOSE-013", "CLOSE-015"), Set.of()),
    /** Closes right after its Close, with input unread. */
    NO_DRAIN_AFTER_CLOSE(Set.of("CLOSE-014"), Set.of()),
    /** Answers a client's alert with an alert of its own. */
    ANSWERS_PEER_ALERT(Set.of("CLOSE-005", "CLOSE-006", "CLOSE-009", "CLOSE-010", "LEARN-001.3"), Set.of()),
    /** Writes replies in batches and, on Close, sends its Close at once, dropping the batch. */
    CLOSE_DROPS_PENDING_REPLIES(Set.of("CLOSE-002"), Set.of()),
    /** Handles every frame already read, even those behind the client's Close. */
    ECHOES_AFTER_CLIENT_CLOSE(Set.of("CLOSE-008"),
            // What follows the Close is the seed's random bytes: whether they parse as a frame depends on them.
            Set.of("CLOSE-014")),
    /** Answers a client that leaves without Close (FIN) with a Close of its own. */
    CLOSE_ON_TRUNCATION(Set.of("CLOSE-003", "CLOSE-004", "FRM-007"), Set.of()),
    /** Ends an idle session with a Close of its own instead of the timeout alert. */
    IDLE_TIMEOUT_SENDS_CLOSE(Set.of("LIM-004", "LIM-008"), Set.of()),

    // ---- Timers and limits.

    /** Never times out a handshake. */
    NO_HANDSHAKE_TIMEOUT(Set.of("LIM-001", "LIM-002", "LIM-006", "LIM-007"), Set.of()),
    /** Starts the handshake timer again when the ClientHello arrives. */
    HANDSHAKE_TIMER_FROM_CLIENT_HELLO(Set.of("LIM-006"), Set.of()),
    /** A socket timeout per read for the handshake: every byte restarts the timer. */
    HANDSHAKE_TIMER_RESTARTED_BY_READS(Set.of("LIM-006", "LIM-007"), Set.of()),
    /** Never times out an idle session. */
    NO_IDLE_TIMEOUT(Set.of("LIM-004", "LIM-008"), Set.of()),
    /** A socket timeout per read for idle sessions: a byte of a frame restarts the timer. */
    IDLE_TIMER_RESTARTED_BY_READS(Set.of("LIM-008"), Set.of()),
    /** Never aborts a client that stopped reading. */
    NO_WRITE_STALL_WATCHDOG(Set.of("LIM-005"), Set.of()),
    /** No connection limit: no busy alert. */
    NO_CONNECTION_LIMIT(Set.of("LIM-009"), Set.of()),
    /** Sends the busy alert, then resets the connection. */
    BUSY_THEN_RESET(Set.of("LIM-009"), Set.of()),
    /** Serves one connection at a time, on the acceptor thread. */
    ONE_CONNECTION_AT_A_TIME(Set.of("LIM-003"), Set.of(
            // The limit case holds its sessions open: the second one is never served, so the case is blocked.
            "LIM-009",
            // These leave the abusive connection open: the server's 2 s drain of it races the 2 s the harness
            // waits for the fresh connection's answer.
            "LIM-010.")),
    /**
     * The acceptor reads each ClientHello itself, and whatever goes wrong there (a protocol error, a timeout,
     * a reset) ends the accept loop. "*": from then on no new connection is served, whichever case did it.
     */
    ACCEPT_LOOP_DIES_ON_BAD_FIRST_FRAME(Set.of("FRM-008", "LIM-010.1", "LIM-010.2", "LIM-010.3", "LIM-010.4"),
            Set.of("*"));

    private final Set<String> mustFail;
    private final Set<String> mayFail;

    Fault(Set<String> mustFail, Set<String> mayFail) {
        this.mustFail = Set.copyOf(mustFail);
        this.mayFail = Set.copyOf(mayFail);
    }

    /** IDs or ID prefixes (ending in '-' or '.'): at least one case of each must FAIL (or WARN). */
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
