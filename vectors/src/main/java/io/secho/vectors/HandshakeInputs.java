package io.secho.vectors;

import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.handshake.Suite;
import io.secho.insecure.InsecureDeterministicRandomBytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each side draws from its CSPRNG in one handshake: the randoms, the private keys (x25519, modp2048)
 * and, for psk, the key both sides hold. Fixed by a label, so every run gives the same bytes.
 */
record HandshakeInputs(Suite suite, byte[] clientRandom, byte[] clientPrivateKey, byte[] serverPrivateKey,
                       byte[] serverRandom, byte[] psk) {
    static final int RANDOM_LENGTH = 32;
    static final int PRIVATE_KEY_LENGTH = 32;

    /** Inputs drawn from the stream {@code "secho v1 vectors " + label}. */
    static HandshakeInputs fromLabel(Suite suite, String label) {
        RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("secho v1 vectors " + label);
        byte[] clientRandom = random.nextBytes(RANDOM_LENGTH);
        byte[] clientKey = suite == Suite.PSK ? null : random.nextBytes(PRIVATE_KEY_LENGTH);
        byte[] serverKey = suite == Suite.PSK ? null : random.nextBytes(PRIVATE_KEY_LENGTH);
        byte[] serverRandom = random.nextBytes(RANDOM_LENGTH);
        byte[] psk = suite == Suite.PSK ? random.nextBytes(PreSharedKey.LENGTH) : null;
        return new HandshakeInputs(suite, clientRandom, clientKey, serverKey, serverRandom, psk);
    }

    /**
     * The inputs of the spec's worked example for this suite, drawn exactly as {@code WorkedExample} draws
     * them (client: random, then private key; server: private key, then random; psk: the key 00..1f), so
     * that the session vectors can repeat the example byte for byte.
     */
    static HandshakeInputs workedExample(Suite suite) {
        RandomBytes client = InsecureDeterministicRandomBytes.fromLabel("secho v1 worked example client " + suite);
        RandomBytes server = InsecureDeterministicRandomBytes.fromLabel("secho v1 worked example server " + suite);
        byte[] clientRandom = client.nextBytes(RANDOM_LENGTH);
        byte[] clientKey = suite == Suite.PSK ? null : client.nextBytes(PRIVATE_KEY_LENGTH);
        byte[] serverKey = suite == Suite.PSK ? null : server.nextBytes(PRIVATE_KEY_LENGTH);
        byte[] serverRandom = server.nextBytes(RANDOM_LENGTH);
        byte[] psk = null;
        if (suite == Suite.PSK) {
            psk = new byte[PreSharedKey.LENGTH];
            for (int i = 0; i < psk.length; i++) {
                psk[i] = (byte) i;
            }
        }
        return new HandshakeInputs(suite, clientRandom, clientKey, serverKey, serverRandom, psk);
    }

    Optional<PreSharedKey> preSharedKey() {
        return psk == null ? Optional.empty() : Optional.of(PreSharedKey.of(psk));
    }

    /** The client's draws, in the order {@code ClientHandshake} makes them. */
    ScriptedRandomBytes clientDraws() {
        List<byte[]> draws = new ArrayList<>();
        draws.add(clientRandom);
        if (clientPrivateKey != null) {
            draws.add(clientPrivateKey);
        }
        return new ScriptedRandomBytes(draws);
    }

    /** The server's draws, in the order {@code ServerHandshake} makes them. */
    ScriptedRandomBytes serverDraws() {
        List<byte[]> draws = new ArrayList<>();
        if (serverPrivateKey != null) {
            draws.add(serverPrivateKey);
        }
        draws.add(serverRandom);
        return new ScriptedRandomBytes(draws);
    }
}
