package io.secho.server;

import io.secho.alert.AlertCode;

/** How one connection ended, as the server's log line reports it. */
public sealed interface ConnectionEnd {
    /** Whether the server wrote a final message (alert or Close) and so must close gracefully. */
    boolean sentFinalMessage();

    String describe();

    record CleanClose() implements ConnectionEnd {
        public boolean sentFinalMessage() {
            return true;
        }

        public String describe() {
            return "clean close";
        }
    }

    record AlertSent(AlertCode alert, boolean encrypted, String detail) implements ConnectionEnd {
        public boolean sentFinalMessage() {
            return true;
        }

        public String describe() {
            return "alert sent " + alert.wireName() + (encrypted ? " (encrypted)" : " (plaintext)") + ": " + detail;
        }
    }

    record PeerAlert(String description) implements ConnectionEnd {
        public boolean sentFinalMessage() {
            return false;
        }

        public String describe() {
            return description;
        }
    }

    record Truncated(String detail) implements ConnectionEnd {
        public boolean sentFinalMessage() {
            return false;
        }

        public String describe() {
            return "truncated: " + detail + " without Close";
        }
    }

    /** Closed by the server from outside the connection: a stalled writer, or the server shutting down. */
    record Aborted(String reason) implements ConnectionEnd {
        public boolean sentFinalMessage() {
            return false;
        }

        public String describe() {
            return "aborted: " + reason;
        }
    }

    record Failed(String detail) implements ConnectionEnd {
        public boolean sentFinalMessage() {
            return false;
        }

        public String describe() {
            return "connection failed: " + detail;
        }
    }
}
