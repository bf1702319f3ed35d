package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;
import io.secho.alert.ProtocolException;
import io.secho.handshake.Suite;

import java.util.Optional;

/** A session that failed in a way the spec names: an alert either way, a truncation, a protocol breach. */
public final class SessionException extends Exception {
    private final Optional<AlertCode> peerAlert;
    private final Optional<AlertCode> sentAlert;

    private SessionException(String message, Optional<AlertCode> peerAlert, Optional<AlertCode> sentAlert) {
        super(message);
        this.peerAlert = peerAlert;
        this.sentAlert = sentAlert;
    }

    static SessionException received(Suite suite, PeerAlertException e) {
        return new SessionException("[" + suite + "] the server ended the session: " + e.getMessage(), e.alert(),
                Optional.empty());
    }

    static SessionException sent(Suite suite, ProtocolException e) {
        return new SessionException("[" + suite + "] the server broke the protocol (" + e.getMessage()
                + "); sent alert " + e.alert().wireName(), Optional.empty(), Optional.of(e.alert()));
    }

    static SessionException truncated(Suite suite, String what) {
        return new SessionException("[" + suite + "] " + what, Optional.empty(), Optional.empty());
    }

    static SessionException protocol(Suite suite, String what) {
        return new SessionException("[" + suite + "] " + what, Optional.empty(), Optional.empty());
    }

    /** The alert the server sent, if that is how the session ended. */
    public Optional<AlertCode> peerAlert() {
        return peerAlert;
    }

    /** The alert this client sent, if it was the one to detect the failure. */
    public Optional<AlertCode> sentAlert() {
        return sentAlert;
    }
}
