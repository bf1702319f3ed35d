package io.secho.session;

import io.secho.alert.AlertCode;

/** How a server session ended, as the server's log line reports it. */
public sealed interface ConnectionEnd {
    /**
     * Whether the connection ends with the closing procedure (half-close, drain, close: REQ-ALERT-4,
     * REQ-CLOSE-12) rather than a plain close; only a connection whose transport already failed, or that the
     * server gives up on, is closed at once.
     */
    default boolean graceful() {
        return true;
    }

    String describe();

    record CleanClose() implements ConnectionEnd {
        public String describe() {
            return "clean close";
        }
    }

    record AlertSent(AlertCode alert, boolean encrypted, String detail) implements ConnectionEnd {
        public String describe() {
            return "alert sent " + alert.wireName() + (encrypted ? " (encrypted)" : " (plaintext)") + ": " + detail;
        }
    }

    record PeerAlert(String description) implements ConnectionEnd {
        public String describe() {
            return description;
        }
    }

    record Truncated(String detail) implements ConnectionEnd {
        public String describe() {
            return "truncated: " + detail + " without Close";
        }
    }

    /** Closed by the server from outside the protocol: a stalled writer, or the server shutting down. */
    record Aborted(String reason) implements ConnectionEnd {
        public boolean graceful() {
            return false;
        }

        public String describe() {
            return "aborted: " + reason;
        }
    }

    record Failed(String detail) implements ConnectionEnd {
        public boolean graceful() {
            return false;
        }

        public String describe() {
            return "connection failed: " + detail;
        }
    }
}
