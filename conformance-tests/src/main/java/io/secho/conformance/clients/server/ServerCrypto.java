package io.secho.conformance.clients.server;

import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.crypto.HmacSha256;
import io.secho.crypto.KeyExchange;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.handshake.Suite;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;

import javax.crypto.AEADBadTagException;
import java.util.Optional;

/**
 * The protocol engine's calls the test server makes, in one place: the server's key share and the secret with
 * the client's, the key schedule, Finished, and AES-GCM with any nonce. Nothing else of the test server touches
 * an engine.
 */
final class ServerCrypto {
    private ServerCrypto() {
    }

    /** The server's side of a key agreement. */
    interface ServerShare {
        byte[] publicShare();

        /** The shared secret with the client's share; empty when the share is invalid (REQ-KEX-4, REQ-KEX-7). */
        Optional<byte[]> secretWith(byte[] clientShare);
    }

    /** Everything the key schedule gives the server for one session. */
    record SessionKeys(byte[] c2sKey, byte[] c2sSalt, byte[] s2cKey, byte[] s2cSalt, byte[] serverVerifyData,
                       byte[] clientFinishedKey) {
        @Override
        public String toString() {
            return "SessionKeys[redacted]";
        }
    }

    static ServerShare newShare(Suite suite, SeededBytes random, byte[] psk) {
        RandomBytes bytes = random::fill;
        KeyExchange exchange = suite.newKeyExchange(bytes, Optional.of(PreSharedKey.of(psk)));
        return new ServerShare() {
            @Override
            public byte[] publicShare() {
                return exchange.publicShare();
            }

            @Override
            public Optional<byte[]> secretWith(byte[] clientShare) {
                try {
                    return Optional.of(exchange.sharedSecret(clientShare));
                } catch (ProtocolException invalid) {
                    return Optional.empty();
                }
            }
        };
    }

    static SessionKeys derive(byte[] secret, byte[] clientHelloFrame, byte[] serverHelloFrame) {
        SessionSecrets secrets = KeySchedule.derive(secret, clientHelloFrame, serverHelloFrame);
        return new SessionKeys(secrets.clientToServer().key(), secrets.clientToServer().salt(),
                secrets.serverToClient().key(), secrets.serverToClient().salt(), secrets.serverVerifyData(),
                secrets.clientFinishedKey());
    }

    /** HMAC-SHA256(c_fin, th2), th2 over the three whole frames. */
    static byte[] clientVerifyData(SessionKeys keys, byte[] clientHelloFrame, byte[] serverHelloFrame,
                                   byte[] serverFinishedFrame) {
        return HmacSha256.mac(keys.clientFinishedKey(),
                KeySchedule.transcriptHash2(clientHelloFrame, serverHelloFrame, serverFinishedFrame));
    }

    static boolean constantTimeEquals(byte[] expected, byte[] actual) {
        return HmacSha256.constantTimeEquals(expected, actual);
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        return new AesGcm(key).seal(nonce, aad, plaintext);
    }

    /** The plaintext, or empty when the tag does not verify. */
    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        try {
            return Optional.of(new AesGcm(key).open(nonce, aad, ciphertextAndTag));
        } catch (AEADBadTagException forged) {
            return Optional.empty();
        }
    }
}
