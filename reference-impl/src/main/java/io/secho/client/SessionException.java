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
        return new SessionException("[" + suite + "] " + whatWentWrong(suite, e) + "; sent alert "
                + e.alert().wireName(), Optional.empty(), Optional.of(e.alert()));
    }

    /**
     * Only a Finished that does not verify gets handshake_failure from this client. With psk the keys are the
     * likely cause by far, and the user can act on that; with a key exchange both sides derived the keys from
     * the same public shares, so a hello changed on the way, or a broken server, is what remains.
     */
    private static String whatWentWrong(Suite suite, ProtocolException e) {
        if (e.alert() != AlertCode.HANDSHAKE_FAILURE) {
            return "the server broke the protocol (" + e.getMessage() + ")";
        }
        return suite == Suite.PSK
                ? "wrong key (a different PSK?): the server's Finished did not verify, so the server holds another "
                        + "pre-shared key than this client (or a hello was changed on the way)"
                : "the server's Finished did not verify: a hello was changed on the way, or the server derives its "
                        + "keys wrongly";
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
