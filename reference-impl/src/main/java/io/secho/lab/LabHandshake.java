package io.secho.lab;

import io.secho.crypto.RandomBytes;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * How a lab session gets its key: the sec variant has it from the key file; the dh variant swaps
 * public keys, one message each way, in the order the profile says.
 */
final class LabHandshake {
    public enum Role { CLIENT, SERVER }

    /** The session's record cipher, and a line on how its key came about (never the key). */
    public record Result(LabCipher cipher, String description, boolean weSentLast) {
    }

    private LabHandshake() {
    }

    /**
     * @throws LabProtocolException if the peer's key is malformed, of another group, or never came
     * @throws java.net.SocketTimeoutException if the peer sent no key within the limit
     */
    public static Result run(LabChannel channel, Role role, LabProfile profile, Optional<LabKey> key,
                             RandomBytes random, Duration limit) throws IOException, LabProtocolException {
        if (profile.variant() == LabVariant.SEC) {
            LabKey fixed = key.orElseThrow(() -> new IllegalArgumentException(
                    "the sec variant needs the fixed key (--key-file)"));
            return new Result(new LabCipher(fixed.bytes(), profile), "fixed " + fixed.length() + "-byte key", false);
        }
        LabDh dh = LabDh.generate(random);
        byte[] ours = dh.encodedPublicKey(profile.keyFormat(), profile.keyEncoding());
        boolean weSendFirst = (role == Role.CLIENT) != profile.serverSendsKeyFirst();
        if (weSendFirst) {
            channel.send(ours);
        }
        byte[] message = channel.receive(limit).orElseThrow(() -> new LabProtocolException(
                "the peer closed the connection instead of sending its DH public key"));
        LabDh.PeerKey peer = LabDh.decodePublicKey(message);
        if (!weSendFirst) {
            channel.send(ours);
        }
        byte[] sessionKey = dh.deriveKey(peer, profile.hkdfInfoBytes());
        return new Result(new LabCipher(sessionKey, profile), "DH group 14, the peer sent a " + peer.describe()
                + " key", !weSendFirst);
    }
}
