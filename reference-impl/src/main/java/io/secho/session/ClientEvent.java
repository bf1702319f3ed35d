package io.secho.session;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;

/** What a {@link ClientSession} reports to its user, in order. */
public sealed interface ClientEvent {
    /** The reply to the oldest outstanding request: exactly the payload that answers it (REQ-ECHO-12). */
    record Reply(byte[] payload) implements ClientEvent {
        public Reply {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** The server's Close after ours, every request answered: the session ended cleanly (REQ-CLOSE-2). */
    record Closed() implements ClientEvent {
    }

    /** The session failed; it is CLOSED and its closing procedure under way. */
    record Failed(Failure failure) implements ClientEvent {
    }

    /** Why a client session failed: the cases its user is told apart. */
    sealed interface Failure {
        /** We detected a breach and sent this alert (plaintext or encrypted by REQ-ALERT-2). */
        record AlertSent(ProtocolException cause, boolean encrypted) implements Failure {
            public AlertCode alert() {
                return cause.alert();
            }
        }

        /** The server sent an alert (REQ-ALERT-8). */
        record AlertReceived(PeerAlertException alert) implements Failure {
        }

        /** EOF without the server's Close (REQ-CLOSE-6). */
        record Truncated(String what) implements Failure {
        }

        /** The server's Close came with replies still owed (REQ-CLOSE-11). */
        record RepliesLost(String what) implements Failure {
        }

        /** A wait for the server ran out (REQ-LIM-8); {@code awaited} names what was awaited. */
        record TimedOut(String awaited, boolean duringHandshake) implements Failure {
        }
    }
}
