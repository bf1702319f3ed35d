package io.secho.conformance.faults;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.crypto.RandomBytes;
import io.secho.keyschedule.SessionSecrets;
import io.secho.keyschedule.TrafficKeys;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordNonce;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameLimits;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * One connection's record layer: how the server seals its records (nonces) and opens the client's (tag,
 * then sequence, then inner type, spec Table 12), and the ways the faults get either wrong.
 */
final class RecordProtection {
    /** The lab's key, for the faults that seal every session under one fixed key. */
    private static final byte[] FIXED_KEY = Arrays.copyOf(
            "the lab's fixed 256-bit key......".getBytes(StandardCharsets.US_ASCII), AesGcm.KEY_LENGTH);
    private static final int TAG_BYTES_COMPARED_BY_PREFIX = 8;

    private final Fault fault;
    private final SessionSecrets secrets;
    private final RandomBytes random;
    private final RecordSealer sealer;
    private final RecordOpener opener;
    private final AesGcm clientKey;
    private long sent;
    /** The sequence number the hand-written openers of the faults expect next. */
    private long expected;

    RecordProtection(Fault fault, SessionSecrets secrets, RandomBytes random) {
        this.fault = fault;
        this.secrets = secrets;
        this.random = random;
        this.sealer = new RecordSealer(secrets.serverToClient(), Direction.SERVER_TO_CLIENT);
        this.opener = new RecordOpener(secrets.clientToServer());
        this.clientKey = new AesGcm(secrets.clientToServer().key());
    }

    /** The next record the server sends, as wire bytes. */
    byte[] seal(InnerType type, byte[] payload) {
        sent++;
        return switch (fault) {
            // The lab's own bug: one fixed key for every session, a random 96-bit nonce per record.
            case RANDOM_NONCES_SHARED_KEY -> RecordSealer.sealWithNonce(new AesGcm(FIXED_KEY),
                    random.nextBytes(AesGcm.NONCE_LENGTH), type.code(), payload).encode();
            // A counter nonce (zero prefix || seq) restarting at 0 every session, under one fixed key.
            case COUNTER_NONCE_FIXED_KEY -> RecordSealer.sealWithNonce(new AesGcm(FIXED_KEY),
                    RecordNonce.of(new byte[TrafficKeys.SALT_LENGTH], sent - 1), type.code(), payload).encode();
            // The client's salt on the server's records: both directions share nonce material.
            case SAME_NONCE_BOTH_DIRECTIONS -> RecordSealer.sealWithNonce(
                    new AesGcm(secrets.serverToClient().key()),
                    RecordNonce.of(secrets.clientToServer().salt(), sent - 1), type.code(), payload).encode();
            default -> sealer.sealEncoded(type, payload);
        };
    }

    /** Table 12 as the reference applies it, or as the fault does. */
    InnerPlaintext open(Frame frame) throws ProtocolException {
        switch (fault) {
            case NO_TAG_CHECK -> {
                try {
                    return opener.open(frame);
                } catch (ProtocolException e) {
                    if (e.alert() != AlertCode.BAD_RECORD_MAC) {
                        throw e;
                    }
                    // Counter mode alone: whatever comes out is taken for a data payload.
                    byte[] unchecked = decryptWithoutTag(frame);
                    return new InnerPlaintext(InnerType.DATA, Arrays.copyOfRange(unchecked, 1, unchecked.length), 0);
                }
            }
            case ACCEPTS_REPLAY_AND_SKIP -> {
                byte[] body = frame.body();
                try {
                    return inner(clientKey.open(nonceOf(body), frame.header(), Arrays.copyOfRange(body,
                            AesGcm.NONCE_LENGTH, body.length)), 0);
                } catch (AEADBadTagException e) {
                    throw new ProtocolException(AlertCode.BAD_RECORD_MAC, "tag");
                }
            }
            case TAG_PREFIX_COMPARED -> {
                return openComparingTagPrefix(frame);
            }
            case SEQUENCE_CHECKED_BEFORE_TAG -> {
                if (!Arrays.equals(nonceOf(frame.body()), RecordNonce.of(secrets.clientToServer().salt(),
                        opener.expectedSequence()))) {
                    throw new ProtocolException(AlertCode.BAD_SEQUENCE, "nonce (checked before the tag)");
                }
                return opener.open(frame);
            }
            case RECORD_ERRORS_ALL_BAD_RECORD_MAC -> {
                try {
                    return opener.open(frame);
                } catch (ProtocolException e) {
                    throw new ProtocolException(AlertCode.BAD_RECORD_MAC, "record not opened: " + e.getMessage());
                }
            }
            case SHORT_RECORD_ACCEPTED -> {
                if (frame.length() < FrameLimits.MIN_RECORD_BODY) {
                    // Nonce and tag cannot both be there: the open fails, and a failed open is a bad tag.
                    throw new ProtocolException(AlertCode.BAD_RECORD_MAC, "record too short to open");
                }
                return opener.open(frame);
            }
            default -> {
                return opener.open(frame);
            }
        }
    }

    /**
     * The plaintext a record would have, without its tag checked: what a server that echoes before it
     * checks has in hand.
     */
    byte[] payloadWithoutTagCheck(Frame frame) {
        byte[] plaintext = decryptWithoutTag(frame);
        return Arrays.copyOfRange(plaintext, Math.min(1, plaintext.length), plaintext.length);
    }

    /**
     * Computes the tag itself (counter-mode decryption, then the same plaintext sealed again under the
     * record's nonce and header) and compares only the first 8 bytes of it.
     */
    private InnerPlaintext openComparingTagPrefix(Frame frame) throws ProtocolException {
        byte[] body = frame.body();
        byte[] plaintext = decryptWithoutTag(frame);
        // A Cipher of its own: JCE refuses to seal twice under one key and nonce with the same instance.
        byte[] resealed = new AesGcm(secrets.clientToServer().key()).seal(nonceOf(body), frame.header(), plaintext);
        int tagAt = body.length - AesGcm.TAG_LENGTH;
        if (!Arrays.equals(resealed, plaintext.length, plaintext.length + TAG_BYTES_COMPARED_BY_PREFIX,
                body, tagAt, tagAt + TAG_BYTES_COMPARED_BY_PREFIX)) {
            throw new ProtocolException(AlertCode.BAD_RECORD_MAC, "tag (first 8 bytes)");
        }
        if (!Arrays.equals(nonceOf(body), RecordNonce.of(secrets.clientToServer().salt(), expected))) {
            throw new ProtocolException(AlertCode.BAD_SEQUENCE, "nonce");
        }
        return inner(plaintext, expected++);
    }

    /** Step 5 of Table 12. */
    private static InnerPlaintext inner(byte[] plaintext, long sequence) throws ProtocolException {
        InnerType type = InnerType.fromCode(plaintext[0] & 0xff).orElseThrow(
                () -> new ProtocolException(AlertCode.DECODE_ERROR, "inner type"));
        byte[] payload = Arrays.copyOfRange(plaintext, 1, plaintext.length);
        if ((type == InnerType.CLOSE && payload.length != 0) || (type == InnerType.ALERT && payload.length != 1)) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "inner payload length");
        }
        return new InnerPlaintext(type, payload, sequence);
    }

    private static byte[] nonceOf(byte[] body) {
        return Arrays.copyOf(body, AesGcm.NONCE_LENGTH);
    }

    /** GCM's counter mode alone, starting at block 2 as GCM does, and no tag. */
    private byte[] decryptWithoutTag(Frame frame) {
        byte[] body = frame.body();
        byte[] iv = Arrays.copyOf(nonceOf(body), 16);
        iv[15] = 2;
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secrets.clientToServer().key(), "AES"),
                    new IvParameterSpec(iv));
            return ctr.doFinal(body, AesGcm.NONCE_LENGTH,
                    Math.max(1, body.length - AesGcm.NONCE_LENGTH - AesGcm.TAG_LENGTH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
