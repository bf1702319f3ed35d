package io.secho.conformance.clients.server;

import io.secho.conformance.peer.AesGcm;
import io.secho.conformance.peer.HmacSha256;
import io.secho.conformance.peer.KeyExchange;
import io.secho.conformance.peer.KeySchedule;
import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.ProtocolException;
import io.secho.conformance.peer.RecordForge;
import io.secho.conformance.peer.SessionSecrets;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.peer.TrafficKeys;

import javax.crypto.AEADBadTagException;
import java.util.Optional;

/**
 * The calls the test server makes on the harness's protocol engine ({@link io.secho.conformance.peer}), in one
 * place: the server's key share and the secret with the client's, the key schedule, Finished, and records sealed
 * field by field (any key, salt, seq, inner type, a forged tag) or opened with the nonce as received.
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

    static ServerShare newShare(Suite suite, SeededBytes random, byte[] psk) {
        KeyExchange exchange = suite.newKeyExchange(random::fill, Optional.of(PreSharedKey.of(psk)));
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

    static SessionSecrets derive(byte[] secret, byte[] clientHelloFrame, byte[] serverHelloFrame) {
        return KeySchedule.derive(secret, clientHelloFrame, serverHelloFrame);
    }

    /** HMAC-SHA256(c_fin, th2), th2 over the three whole frames. */
    static byte[] clientVerifyData(SessionSecrets keys, byte[] clientHelloFrame, byte[] serverHelloFrame,
                                   byte[] serverFinishedFrame) {
        return KeySchedule.clientVerifyData(keys, KeySchedule.transcriptHash2(clientHelloFrame, serverHelloFrame,
                serverFinishedFrame));
    }

    static boolean constantTimeEquals(byte[] expected, byte[] actual) {
        return HmacSha256.constantTimeEquals(expected, actual);
    }

    /** A record frame: the direction's key and salt, this seq, inner type and payload; its tag forged on demand. */
    static byte[] seal(TrafficKeys keys, byte[] salt, long seq, int innerType, byte[] payload, boolean forgeTag) {
        RecordForge forge = RecordForge.with(keys).salt(salt).sequence(seq).innerType(innerType).payload(payload);
        if (forgeTag) {
            forge.flipTagBit(TAG_LAST_BIT);
        }
        return forge.encode();
    }

    /** The last bit of the tag, as the trace words it. */
    private static final int TAG_LAST_BIT = 127;

    /** The plaintext, or empty when the tag does not verify. */
    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        try {
            return Optional.of(new AesGcm(key).open(nonce, aad, ciphertextAndTag));
        } catch (AEADBadTagException forged) {
            return Optional.empty();
        }
    }
}
