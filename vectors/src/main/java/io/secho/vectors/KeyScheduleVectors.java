package io.secho.vectors;

import io.secho.alert.AlertCode;
import io.secho.crypto.Hkdf;
import io.secho.crypto.HmacSha256;
import io.secho.crypto.Sha256;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.Suite;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code secho_v1_key_schedule_test.json}: for each suite, from the inputs (randoms, private keys or PSK) to
 * every derived value; then, per suite, Finished messages as a receiver checks them, with the common ways
 * of getting verify_data wrong.
 */
final class KeyScheduleVectors {
    static final String BASE_NAME = "secho_v1_key_schedule_test";
    /**
     * Labels whose modp2048 inputs give a shared secret, or a server key share, with a leading zero byte:
     * found once by search and pinned here; {@link #requireLeadingZero} checks them on every run.
     */
    static final String MODP_ZERO_SECRET_LABEL = "key schedule modp2048 leading zero secret 24";
    static final String MODP_ZERO_SHARE_LABEL = "key schedule modp2048 leading zero share 513";

    private KeyScheduleVectors() {
    }

    static VectorFile build() {
        VectorFile file = new VectorFile("SECHO-V1-KEY-SCHEDULE", BASE_NAME)
                .header("Secho v1 key schedule (spec sections 6, 7 and 8): from each side's inputs to every",
                        "derived value, and Finished verification. Hex throughout; frames include their 3-byte",
                        "header. KeyScheduleTest: derive everything and compare. FinishedTest: the receiver",
                        "(client: the server's Finished; server: the client's Finished) checks 'finished' in the",
                        "session of the group and must accept it (valid) or send 'alert'.")
                .note("Normal", "BASIC", "Inputs drawn from a fixed pseudo-random stream; nothing special.")
                .note("WorkedExample", "BASIC",
                        "The same inputs as the worked example of spec section 15: every value here appears there.")
                .note("LeadingZeroSecret", "EDGE_CASE", "The modp2048 shared secret starts with a zero byte. It"
                        + " is 256 bytes with that zero kept (REQ-KEX-8, REQ-KS-2); stripping it changes every key.")
                .note("LeadingZeroShare", "EDGE_CASE", "A modp2048 key share starts with a zero byte: it is still"
                        + " 256 bytes on the wire (REQ-KEX-6), and the hello length does not change.")
                .note("ShareHighBitSet", "EDGE_CASE", "The client's x25519 share is X25519(clientPrivateKey, 9)"
                        + " with bit 255 (the top bit of the last byte) set. The server must accept it, mask the bit"
                        + " when computing the secret (REQ-KEX-3) and hash the share exactly as received (REQ-KS-1)."
                        + " clientShare is the share as sent.")
                .note("AllZeroPsk", "EDGE_CASE", "The PSK is 32 zero bytes: legal, if a poor choice.")
                .note("ValidFinished", "BASIC", "The Finished the peer must send.")
                .note("TranscriptWithoutHeaders", "WRONG_PRIMITIVE",
                        "verify_data computed over a transcript of frame bodies, without the 3-byte frame headers.")
                .note("TranscriptOrder", "WRONG_PRIMITIVE", "th1 computed as SHA-256(SH || CH).")
                .note("SwappedFinishedKeys", "WRONG_PRIMITIVE",
                        "The server Finished made with c_fin, or the client Finished with s_fin.")
                .note("SwappedExtractArguments", "WRONG_PRIMITIVE",
                        "prk computed as HKDF-Extract(salt = secret, IKM = \"secho v1\").")
                .note("InfoSeparator", "WRONG_PRIMITIVE",
                        "HKDF-Expand info with a zero byte between the label and th1.")
                .note("InfoWithoutTranscript", "WRONG_PRIMITIVE", "HKDF-Expand info is the label alone.")
                .note("KeyAsVerifyData", "WRONG_PRIMITIVE", "verify_data is the Finished key itself, not the MAC.")
                .note("StrippedSecret", "WRONG_PRIMITIVE", "The shared secret (a modp2048 secret, or a PSK) with its"
                        + " leading zero byte dropped, as a round trip through a big integer does.")
                .note("Th1ForTh2", "WRONG_PRIMITIVE",
                        "Client verify_data over th1 instead of th2 (the server Finished left out).")
                .note("Reflected", "MODIFIED_INPUT", "The server's own Finished sent back to it.")
                .note("ModifiedVerifyData", "MODIFIED_INPUT", "One bit of the correct verify_data flipped.")
                .note("WrongLength", "MALFORMED", "A Finished body other than 32 bytes: decode_error (REQ-FIN-2),"
                        + " checked before the MAC, even when the first 32 bytes are the correct verify_data.");

        HandshakePair x25519Example = HandshakePair.run(HandshakeInputs.workedExample(Suite.X25519));
        HandshakePair pskExample = HandshakePair.run(HandshakeInputs.workedExample(Suite.PSK));
        HandshakePair modpZeroSecret = HandshakePair.run(
                HandshakeInputs.fromLabel(Suite.MODP2048, MODP_ZERO_SECRET_LABEL));
        requireLeadingZero(modpZeroSecret.client().sharedSecret(), MODP_ZERO_SECRET_LABEL);

        VectorFile.Group x25519 = file.group("KeyScheduleTest").param("suite", "x25519");
        derivation(x25519, x25519Example, "the worked example's x25519 session", "WorkedExample");
        for (int i = 1; i <= 3; i++) {
            derivation(x25519, HandshakePair.run(HandshakeInputs.fromLabel(Suite.X25519, "key schedule x25519 " + i)),
                    "x25519 session " + i, "Normal");
        }
        HandshakeInputs highBit = HandshakeInputs.fromLabel(Suite.X25519, "key schedule x25519 high bit");
        byte[] share = HandshakePair.run(highBit).client().clientHelloFrame();
        byte[] highBitShare = HandshakePair.keyShare(share);
        highBitShare[31] |= (byte) 0x80;
        derivation(x25519, HandshakePair.runWithClientShare(highBit, highBitShare),
                "client share sent with bit 255 set: accepted, masked for the secret, hashed as sent",
                "ShareHighBitSet");

        VectorFile.Group modp = file.group("KeyScheduleTest").param("suite", "modp2048");
        for (int i = 1; i <= 2; i++) {
            derivation(modp, HandshakePair.run(HandshakeInputs.fromLabel(Suite.MODP2048, "key schedule modp2048 " + i)),
                    "modp2048 session " + i, "Normal");
        }
        derivation(modp, modpZeroSecret, "shared secret with a leading zero byte, kept", "LeadingZeroSecret");
        HandshakePair modpZeroShare = HandshakePair.run(HandshakeInputs.fromLabel(Suite.MODP2048, MODP_ZERO_SHARE_LABEL));
        requireLeadingZero(HandshakePair.keyShare(modpZeroShare.client().serverHelloFrame()), MODP_ZERO_SHARE_LABEL);
        derivation(modp, modpZeroShare, "server key share with a leading zero byte, sent as 256 bytes",
                "LeadingZeroShare");

        VectorFile.Group psk = file.group("KeyScheduleTest").param("suite", "psk");
        derivation(psk, pskExample, "the worked example's psk session (PSK 00 01 .. 1f)", "WorkedExample");
        for (int i = 1; i <= 2; i++) {
            derivation(psk, HandshakePair.run(HandshakeInputs.fromLabel(Suite.PSK, "key schedule psk " + i)),
                    "psk session " + i, "Normal");
        }
        HandshakeInputs drawn = HandshakeInputs.fromLabel(Suite.PSK, "key schedule psk zero");
        derivation(psk, HandshakePair.run(new HandshakeInputs(Suite.PSK, drawn.clientRandom(), null, null,
                drawn.serverRandom(), new byte[32])), "all-zero PSK", "AllZeroPsk");

        finished(file, x25519Example);
        finished(file, modpZeroSecret);
        finished(file, pskExample);
        return file;
    }

    private static void derivation(VectorFile.Group group, HandshakePair pair, String comment, String flag) {
        HandshakeInputs in = pair.inputs();
        HandshakeResult result = pair.client();
        SessionSecrets secrets = result.secrets();
        VectorFile.Test test = group.test(comment, flag);
        test.hex("clientRandom", in.clientRandom());
        if (in.suite() != Suite.PSK) {
            test.hex("clientPrivateKey", in.clientPrivateKey());
            test.hex("clientShare", HandshakePair.keyShare(result.clientHelloFrame()));
        }
        test.hex("serverRandom", in.serverRandom());
        if (in.suite() != Suite.PSK) {
            test.hex("serverPrivateKey", in.serverPrivateKey());
            test.hex("serverShare", HandshakePair.keyShare(result.serverHelloFrame()));
        } else {
            test.hex("psk", in.psk());
        }
        test.hex("clientHello", result.clientHelloFrame())
                .hex("serverHello", result.serverHelloFrame())
                .hex("sharedSecret", result.sharedSecret())
                .hex("th1", secrets.transcriptHash1())
                .hex("prk", secrets.pseudoRandomKey())
                .hex("c2sKey", secrets.clientToServer().key())
                .hex("c2sSalt", secrets.clientToServer().salt())
                .hex("s2cKey", secrets.serverToClient().key())
                .hex("s2cSalt", secrets.serverToClient().salt())
                .hex("cFinishedKey", secrets.clientFinishedKey())
                .hex("sFinishedKey", secrets.serverFinishedKey())
                .hex("serverVerifyData", secrets.serverVerifyData())
                .hex("serverFinished", result.serverFinishedFrame())
                .hex("th2", result.transcriptHash2())
                .hex("clientVerifyData", KeySchedule.clientVerifyData(secrets, result.transcriptHash2()))
                .hex("clientFinished", result.clientFinishedFrame())
                .valid();
    }

    private static void finished(VectorFile file, HandshakePair pair) {
        HandshakeResult session = pair.server();
        SessionSecrets secrets = session.secrets();
        byte[] ch = session.clientHelloFrame();
        byte[] sh = session.serverHelloFrame();
        byte[] sf = session.serverFinishedFrame();
        byte[] secret = session.sharedSecret();
        byte[] th1 = secrets.transcriptHash1();
        byte[] th2 = session.transcriptHash2();
        byte[] prk = secrets.pseudoRandomKey();
        byte[] serverVerify = secrets.serverVerifyData();
        byte[] clientVerify = KeySchedule.clientVerifyData(secrets, th2);
        VectorFile.Group group = file.group("FinishedTest").param("suite", pair.inputs().suite().wireName())
                .hexParam("sharedSecret", secret).hexParam("clientHello", ch).hexParam("serverHello", sh)
                .hexParam("serverFinished", sf);

        String client = "client";
        verify(group, client, serverVerify, "the correct server Finished", "ValidFinished");
        byte[] th1Bodies = Sha256.hash(body(ch), body(sh));
        invalid(group, client, mac(prk, "s finished", th1Bodies, th1Bodies),
                "th1 over the hello bodies without frame headers", "TranscriptWithoutHeaders");
        byte[] th1Swapped = Sha256.hash(sh, ch);
        invalid(group, client, mac(prk, "s finished", th1Swapped, th1Swapped), "th1 = SHA-256(SH || CH)",
                "TranscriptOrder");
        invalid(group, client, HmacSha256.mac(secrets.clientFinishedKey(), th1), "made with c_fin instead of s_fin",
                "SwappedFinishedKeys");
        invalid(group, client, mac(Hkdf.extract(secret, ascii("secho v1")), "s finished", th1, th1),
                "prk = HKDF-Extract(salt = secret, IKM = \"secho v1\")", "SwappedExtractArguments");
        byte[] separated = concat(ascii("s finished"), new byte[1], th1);
        invalid(group, client, HmacSha256.mac(Hkdf.expand(prk, separated, 32), th1),
                "HKDF-Expand info = \"s finished\" || 00 || th1", "InfoSeparator");
        invalid(group, client, HmacSha256.mac(Hkdf.expand(prk, ascii("s finished"), 32), th1),
                "HKDF-Expand info = \"s finished\" without th1", "InfoWithoutTranscript");
        invalid(group, client, secrets.serverFinishedKey(), "verify_data = s_fin, the key instead of the MAC",
                "KeyAsVerifyData");
        if (secret[0] == 0) {
            byte[] stripped = Arrays.copyOfRange(secret, 1, secret.length);
            invalid(group, client, mac(Hkdf.extract(KeySchedule.EXTRACT_SALT, stripped), "s finished", th1, th1),
                    "secret without its leading zero byte", "StrippedSecret");
        }
        invalid(group, client, flip(serverVerify, 31, 0), "last bit of verify_data flipped", "ModifiedVerifyData");
        lengthFault(group, client, Arrays.copyOf(serverVerify, 31), "31 bytes: the correct verify_data minus its last byte");
        lengthFault(group, client, Arrays.copyOf(serverVerify, 33), "33 bytes: the correct verify_data and a zero byte");

        String server = "server";
        verify(group, server, clientVerify, "the correct client Finished", "ValidFinished");
        invalid(group, server, HmacSha256.mac(secrets.clientFinishedKey(), th1),
                "HMAC(c_fin, th1): th2 without the server Finished", "Th1ForTh2");
        byte[] th2Bodies = Sha256.hash(body(ch), body(sh), body(sf));
        invalid(group, server, HmacSha256.mac(secrets.clientFinishedKey(), th2Bodies),
                "th2 over the three frame bodies without headers", "TranscriptWithoutHeaders");
        invalid(group, server, HmacSha256.mac(secrets.serverFinishedKey(), th2), "made with s_fin instead of c_fin",
                "SwappedFinishedKeys");
        invalid(group, server, serverVerify, "the server's own Finished sent back", "Reflected");
        invalid(group, server, flip(clientVerify, 0, 7), "first bit of verify_data flipped", "ModifiedVerifyData");
        lengthFault(group, server, new byte[0], "empty Finished body");
        lengthFault(group, server, concat(clientVerify, clientVerify), "64 bytes: the correct verify_data twice");
    }

    private static void verify(VectorFile.Group group, String receiver, byte[] verifyData, String comment, String flag) {
        group.test(comment, flag).str("receiver", receiver).hex("finished", frame(verifyData)).valid();
    }

    private static void invalid(VectorFile.Group group, String receiver, byte[] verifyData, String comment, String flag) {
        group.test(comment, flag).str("receiver", receiver).hex("finished", frame(verifyData))
                .invalid(AlertCode.HANDSHAKE_FAILURE);
    }

    private static void lengthFault(VectorFile.Group group, String receiver, byte[] body, String comment) {
        group.test(comment, "WrongLength").str("receiver", receiver).hex("finished", frame(body))
                .invalid(AlertCode.DECODE_ERROR);
    }

    /** HMAC(HKDF-Expand(prk, label || infoHash, 32), macInput). */
    private static byte[] mac(byte[] prk, String label, byte[] infoHash, byte[] macInput) {
        return HmacSha256.mac(Hkdf.expand(prk, concat(ascii(label), infoHash), 32), macInput);
    }

    static void requireLeadingZero(byte[] value, String label) {
        if (value[0] != 0) {
            throw new IllegalStateException("the pinned label '" + label + "' no longer gives a leading zero byte");
        }
    }

    private static byte[] frame(byte[] body) {
        return new Frame(FrameType.FINISHED, body).encode();
    }

    private static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, 3, frame.length);
    }

    static byte[] flip(byte[] value, int index, int bit) {
        byte[] out = value.clone();
        out[index] ^= (byte) (1 << bit);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
