package io.secho.client;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.handshake.Suite;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client tells its user when it ends a session with an alert of its own. */
class SessionExceptionTest {
    private static final ProtocolException FINISHED_MISMATCH = new ProtocolException(AlertCode.HANDSHAKE_FAILURE,
            "server Finished does not verify");

    @Test
    void aServerFinishedThatDoesNotVerifyUnderPskIsAWrongKey() {
        SessionException e = SessionException.sent(Suite.PSK, FINISHED_MISMATCH);
        assertTrue(e.getMessage().startsWith("[psk] wrong key (a different PSK?): the server's Finished did not verify"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; sent alert handshake_failure"), e.getMessage());
        assertFalse(e.getMessage().contains("broke the protocol"), e.getMessage());
        assertEquals(Optional.of(AlertCode.HANDSHAKE_FAILURE), e.sentAlert());
    }

    /** Without a pre-shared key there is no key to get wrong: the keys came from the exchanged shares. */
    @Test
    void aServerFinishedThatDoesNotVerifyUnderAKeyExchangeIsNoKeyProblem() {
        for (Suite suite : new Suite[] {Suite.X25519, Suite.MODP2048}) {
            String message = SessionException.sent(suite, FINISHED_MISMATCH).getMessage();
            assertTrue(message.contains("the server's Finished did not verify"), message);
            assertFalse(message.contains("PSK") || message.contains("wrong key"), message);
        }
    }

    @Test
    void otherBreachesAreTheServersProtocolErrors() {
        String message = SessionException.sent(Suite.PSK, new ProtocolException(AlertCode.DECODE_ERROR,
                "Finished must be 32 bytes, was 31")).getMessage();
        assertEquals("[psk] the server broke the protocol (Finished must be 32 bytes, was 31); sent alert decode_error",
                message);
    }
}
