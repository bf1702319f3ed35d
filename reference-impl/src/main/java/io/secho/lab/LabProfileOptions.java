package io.secho.lab;

import io.secho.wire.Hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lab profile's command-line options, spelled once for the reference CLI and the harness: they
 * parse the same words into the same {@link LabProfile}, with the same messages for the same mistakes.
 */
public final class LabProfileOptions {
    public static final String VARIANT = "--lab-variant";
    public static final String KEY_FILE = "--key-file";
    public static final String KEY_FILE_FORMAT = "--key-file-format";
    public static final String NONCE_LENGTH = "--nonce-length";
    public static final String AAD = "--aad";
    public static final String HKDF_INFO = "--hkdf-info";
    public static final String KEY_ENCODING = "--key-encoding";
    public static final String KEY_FORMAT = "--key-format";
    public static final String SERVER_SENDS_KEY_FIRST = "--server-sends-key-first";
    public static final String PLAINTEXT_REPLIES = "--plaintext-replies";
    /** Every lab option, in the order help texts list them. */
    public static final List<String> ALL = List.of(VARIANT, KEY_FILE, KEY_FILE_FORMAT, NONCE_LENGTH, AAD, HKDF_INFO, KEY_ENCODING,
            KEY_FORMAT, SERVER_SENDS_KEY_FIRST, PLAINTEXT_REPLIES);
    private static final List<String> DH_ONLY = List.of(HKDF_INFO, KEY_ENCODING, KEY_FORMAT, SERVER_SENDS_KEY_FIRST);

    private LabProfileOptions() {
    }

    /**
     * @param given option name to its value ({@code "true"} for a flag); an option not given is absent. The
     *              variant defaults to sec when a key file is given, else to dh.
     * @throws IllegalArgumentException whose message starts with the option at fault
     */
    public static LabProfile parse(Map<String, String> given) {
        for (String option : given.keySet()) {
            if (!ALL.contains(option)) {
                throw new IllegalArgumentException(option + " is not a lab profile option");
            }
        }
        boolean keyFile = given.containsKey(KEY_FILE);
        LabVariant variant = given.containsKey(VARIANT)
                ? LabVariant.parse(given.get(VARIANT)).orElseThrow(() -> new IllegalArgumentException(VARIANT + ": '"
                        + given.get(VARIANT) + "' is not " + LabVariant.choices()))
                : keyFile ? LabVariant.SEC : LabVariant.DH;
        if (variant == LabVariant.SEC) {
            for (String option : DH_ONLY) {
                if (given.containsKey(option)) {
                    throw new IllegalArgumentException(option + " is for the dh variant only");
                }
            }
            if (!keyFile) {
                throw new IllegalArgumentException("the sec variant needs the fixed key: " + KEY_FILE
                        + " FILE (16 or 32 raw bytes, or hex)");
            }
        } else if (keyFile) {
            throw new IllegalArgumentException(KEY_FILE + " is for the sec variant; the dh variant derives its key "
                    + "by Diffie-Hellman");
        } else if (given.containsKey(KEY_FILE_FORMAT)) {
            throw new IllegalArgumentException(KEY_FILE_FORMAT + " says how to read the sec variant's " + KEY_FILE
                    + "; the dh variant has none");
        }
        // Checked here as well, so that a bad value is the same usage error wherever the options are parsed.
        keyFileFormat(given);
        LabProfile profile = LabProfile.defaults(variant);
        if (given.containsKey(NONCE_LENGTH)) {
            int length;
            try {
                length = Integer.parseInt(given.get(NONCE_LENGTH).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(NONCE_LENGTH + ": '" + given.get(NONCE_LENGTH) + "' is not a number");
            }
            LabProfile current = profile;
            profile = within(NONCE_LENGTH, () -> current.withNonceLength(length));
        }
        if (given.containsKey(AAD)) {
            byte[] aad = within(AAD, () -> Hex.decode(given.get(AAD)));
            profile = profile.withAad(aad);
        }
        if (given.containsKey(HKDF_INFO)) {
            profile = profile.withHkdfInfo(given.get(HKDF_INFO));
        }
        if (given.containsKey(KEY_ENCODING)) {
            profile = profile.withKeyEncoding(LabProfile.parseKeyEncoding(given.get(KEY_ENCODING)).orElseThrow(() ->
                    new IllegalArgumentException(KEY_ENCODING + ": '" + given.get(KEY_ENCODING) + "' is not pem|der")));
        }
        if (given.containsKey(KEY_FORMAT)) {
            profile = profile.withKeyFormat(LabProfile.parseKeyFormat(given.get(KEY_FORMAT)).orElseThrow(() ->
                    new IllegalArgumentException(KEY_FORMAT + ": '" + given.get(KEY_FORMAT) + "' is not pkcs3|x942")));
        }
        return profile.withServerSendsKeyFirst(flag(given, SERVER_SENDS_KEY_FIRST))
                .withPlaintextReplies(flag(given, PLAINTEXT_REPLIES));
    }

    /**
     * How to read the key file: {@code --key-file-format}, {@link KeyFileFormat#AUTO} when not given. It is
     * not part of the profile: two readings of one file are two keys, not two protocols.
     *
     * @throws IllegalArgumentException naming the option, for a value that is not auto, raw or hex
     */
    public static KeyFileFormat keyFileFormat(Map<String, String> given) {
        String value = given.get(KEY_FILE_FORMAT);
        return value == null ? KeyFileFormat.AUTO : KeyFileFormat.parse(value).orElseThrow(() ->
                new IllegalArgumentException(KEY_FILE_FORMAT + ": '" + value + "' is not " + KeyFileFormat.choices()));
    }

    /**
     * The options that select this profile: {@code --profile lab}, the variant, and every knob that is not its
     * default. The key file is the caller's to add: the profile does not know where the key came from.
     */
    public static List<String> toArguments(LabProfile profile) {
        List<String> options = new ArrayList<>(List.of("--profile", "lab", VARIANT, profile.variant().optionName()));
        if (profile.nonceLength() != LabProfile.DEFAULT_NONCE_LENGTH) {
            options.addAll(List.of(NONCE_LENGTH, Integer.toString(profile.nonceLength())));
        }
        if (profile.aad().length > 0) {
            options.addAll(List.of(AAD, Hex.encode(profile.aad())));
        }
        if (profile.variant() == LabVariant.DH) {
            if (!profile.hkdfInfo().equals(LabProfile.DEFAULT_HKDF_INFO)) {
                options.addAll(List.of(HKDF_INFO, profile.hkdfInfo()));
            }
            if (profile.keyEncoding() != LabProfile.KeyEncoding.PEM) {
                options.addAll(List.of(KEY_ENCODING, profile.keyEncoding().optionName()));
            }
            if (profile.keyFormat() != LabProfile.KeyFormat.PKCS3) {
                options.addAll(List.of(KEY_FORMAT, profile.keyFormat().optionName()));
            }
            if (profile.serverSendsKeyFirst()) {
                options.add(SERVER_SENDS_KEY_FIRST);
            }
        }
        if (profile.plaintextReplies()) {
            options.add(PLAINTEXT_REPLIES);
        }
        return options;
    }

    private static boolean flag(Map<String, String> given, String option) {
        String value = given.get(option);
        if (value == null) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.isBlank()) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(option + ": '" + value + "' is not true or false");
    }

    private static <T> T within(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
