package io.secho.lab;

import io.secho.wire.Hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The knobs on which the lab's programs differ, each defaulting to the most common choice. One value
 * is shared by the reference client, the reference server and the harness, so all three mean the
 * same thing by, say, "16-byte nonces".
 *
 * @param aad                  associated data of every record; empty for the lab's usual {@code None}
 * @param keyFormat            the DH public key format <em>we</em> send; both are accepted on receipt
 * @param keyEncoding          the DH public key encoding we send; both are accepted on receipt
 * @param serverSendsKeyFirst  dh: the server sends its key before reading the client's
 * @param plaintextReplies     the server answers in plaintext instead of sealing its reply
 */
public record LabProfile(
        LabVariant variant,
        int nonceLength,
        byte[] aad,
        String hkdfInfo,
        KeyEncoding keyEncoding,
        KeyFormat keyFormat,
        boolean serverSendsKeyFirst,
        boolean plaintextReplies) {

    public static final int DEFAULT_PORT = 8443;
    /** The lab's programs read every message with one {@code recv(9999)}; anything longer is cut. */
    public static final int MAX_READ = 9999;
    /** The client ends a session by sending this single byte, in plaintext, then closing. */
    public static final byte END_MARKER = 0x0a;
    public static final int TAG_LENGTH = 16;
    public static final int DEFAULT_NONCE_LENGTH = 12;
    /** Some lab programs use 16-byte nonces, which GCM accepts (they are hashed into the counter block). */
    public static final int LONG_NONCE_LENGTH = 16;
    public static final String DEFAULT_HKDF_INFO = "handshake data";
    /** HKDF-SHA256 output length of the dh variant: an AES-256 key. */
    public static final int DERIVED_KEY_LENGTH = 32;

    /** How a DH public key travels: PEM text or the bare DER bytes of the SubjectPublicKeyInfo. */
    public enum KeyEncoding {
        PEM, DER;

        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The SubjectPublicKeyInfo algorithm: PKCS#3 dhKeyAgreement (p, g) or X9.42 dhpublicnumber (p, g, q). */
    public enum KeyFormat {
        PKCS3("PKCS#3 dhKeyAgreement"), X942("X9.42 dhpublicnumber");

        private final String title;

        KeyFormat(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LabProfile {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(hkdfInfo, "hkdfInfo");
        Objects.requireNonNull(keyEncoding, "keyEncoding");
        Objects.requireNonNull(keyFormat, "keyFormat");
        if (nonceLength != DEFAULT_NONCE_LENGTH && nonceLength != LONG_NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce length must be " + DEFAULT_NONCE_LENGTH + " or "
                    + LONG_NONCE_LENGTH + " bytes, was " + nonceLength);
        }
        aad = aad.clone();
    }

    /** The common choice for every knob. */
    public static LabProfile defaults(LabVariant variant) {
        return new LabProfile(variant, DEFAULT_NONCE_LENGTH, new byte[0], DEFAULT_HKDF_INFO, KeyEncoding.PEM,
                KeyFormat.PKCS3, false, false);
    }

    @Override
    public byte[] aad() {
        return aad.clone();
    }

    public byte[] hkdfInfoBytes() {
        return hkdfInfo.getBytes(StandardCharsets.UTF_8);
    }

    /** The smallest possible sealed record: a nonce and a tag around an empty message. */
    public int minimumRecordLength() {
        return nonceLength + TAG_LENGTH;
    }

    public LabProfile withNonceLength(int length) {
        return new LabProfile(variant, length, aad, hkdfInfo, keyEncoding, keyFormat, serverSendsKeyFirst,
                plaintextReplies);
    }

    public LabProfile withAad(byte[] associatedData) {
        return new LabProfile(variant, nonceLength, associatedData, hkdfInfo, keyEncoding, keyFormat,
                serverSendsKeyFirst, plaintextReplies);
    }

    public LabProfile withHkdfInfo(String info) {
        return new LabProfile(variant, nonceLength, aad, info, keyEncoding, keyFormat, serverSendsKeyFirst,
                plaintextReplies);
    }

    public LabProfile withKeyEncoding(KeyEncoding encoding) {
        return new LabProfile(variant, nonceLength, aad, hkdfInfo, encoding, keyFormat, serverSendsKeyFirst,
                plaintextReplies);
    }

    public LabProfile withKeyFormat(KeyFormat format) {
        return new LabProfile(variant, nonceLength, aad, hkdfInfo, keyEncoding, format, serverSendsKeyFirst,
                plaintextReplies);
    }

    public LabProfile withServerSendsKeyFirst(boolean first) {
        return new LabProfile(variant, nonceLength, aad, hkdfInfo, keyEncoding, keyFormat, first, plaintextReplies);
    }

    public LabProfile withPlaintextReplies(boolean plaintext) {
        return new LabProfile(variant, nonceLength, aad, hkdfInfo, keyEncoding, keyFormat, serverSendsKeyFirst,
                plaintext);
    }

    /** One line for logs and reports; never a key. */
    public String describe() {
        StringBuilder text = new StringBuilder(variant.optionName()).append(" variant, nonce ").append(nonceLength)
                .append(" bytes, ").append(aad.length == 0 ? "no AAD" : "AAD " + Hex.encode(aad));
        if (variant == LabVariant.DH) {
            text.append(", HKDF info \"").append(hkdfInfo).append("\", we send ").append(keyEncoding.name())
                    .append(' ').append(keyFormat.title())
                    .append(serverSendsKeyFirst ? ", the server sends its key first" : ", the client sends its key first");
        }
        return text.append(plaintextReplies ? ", plaintext replies" : ", encrypted replies").toString();
    }

    /** Parses a value of {@code --key-encoding}. */
    public static Optional<KeyEncoding> parseKeyEncoding(String text) {
        return Arrays.stream(KeyEncoding.values()).filter(e -> e.optionName().equalsIgnoreCase(text.strip())).findFirst();
    }

    /** Parses a value of {@code --key-format}; {@code x9.42} is accepted as well as {@code x942}. */
    public static Optional<KeyFormat> parseKeyFormat(String text) {
        String wanted = text.strip().replace(".", "").replace("#", "");
        return Arrays.stream(KeyFormat.values()).filter(f -> f.optionName().equalsIgnoreCase(wanted)).findFirst();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabProfile p && variant == p.variant && nonceLength == p.nonceLength
                && Arrays.equals(aad, p.aad) && hkdfInfo.equals(p.hkdfInfo) && keyEncoding == p.keyEncoding
                && keyFormat == p.keyFormat && serverSendsKeyFirst == p.serverSendsKeyFirst
                && plaintextReplies == p.plaintextReplies;
    }

    @Override
    public int hashCode() {
        return Objects.hash(variant, nonceLength, Arrays.hashCode(aad), hkdfInfo, keyEncoding, keyFormat,
                serverSendsKeyFirst, plaintextReplies);
    }

    @Override
    public String toString() {
        return "LabProfile[" + describe() + "]";
    }
}
