package io.secho.conformance.lab;

/**
 * A lab session could not start, or its first echo did not come: no connection, no usable key from the
 * server, a server that spoke first when told it would not. In a case that is a precondition, so the case
 * is BLOCKED; in LAB-001, whose probe this is, it fails the case with the checklist of knobs to try. The
 * message says what was seen and names the option that would explain it; the kind lets --lab-detect
 * choose its next try.
 */
final class LabSessionProblem extends RuntimeException {
    /** What went wrong, as far as the next setting to try is concerned. */
    enum Kind {
        /** No connection: the server is gone; no other setting will help. */
        NO_CONNECTION,
        /** The server spoke before we did: it sends its key first. */
        SPOKE_FIRST,
        /** dh: the server did not take our public key in the form we sent it (no key back, or it closed). */
        KEY_REFUSED,
        /** Anything else: what came instead of a key, a write the server refused. */
        OTHER
    }

    private final Kind kind;

    LabSessionProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
