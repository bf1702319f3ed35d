package io.secho.conformance.lab.clients;

import io.secho.conformance.lab.LabTargetConfig;
import io.secho.lab.LabProfile;
import io.secho.lab.LabVariant;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How the lab test server speaks: the lab knobs of the run (spec/lab-profile.md section 7), read once from the
 * options the server cases read them from, in plain values that the test server and its cryptography use without
 * any class of the reference implementation.
 *
 * @param key      the sec variant's fixed key, the client's own (from {@code --key-file}); empty for dh
 * @param describe the knobs in one line, as the reports show them (never the key)
 */
record LabKnobs(boolean dh, int nonceLength, byte[] aad, byte[] hkdfInfo, boolean x942Key, boolean derKey,
                boolean serverSendsKeyFirst, boolean plaintextReplies, Optional<byte[]> key, String describe) {
    LabKnobs {
        aad = aad.clone();
        hkdfInfo = hkdfInfo.clone();
        key = key.map(byte[]::clone);
    }

    static LabKnobs of(LabTargetConfig config) {
        LabProfile profile = config.profile();
        return new LabKnobs(profile.variant() == LabVariant.DH, profile.nonceLength(), profile.aad(),
                profile.hkdfInfo().getBytes(StandardCharsets.UTF_8), profile.keyFormat() == LabProfile.KeyFormat.X942,
                profile.keyEncoding() == LabProfile.KeyEncoding.DER, profile.serverSendsKeyFirst(),
                profile.plaintextReplies(), config.key().map(k -> k.bytes()), profile.describe());
    }

    @Override
    public byte[] aad() {
        return aad.clone();
    }

    @Override
    public byte[] hkdfInfo() {
        return hkdfInfo.clone();
    }

    @Override
    public Optional<byte[]> key() {
        return key.map(byte[]::clone);
    }

    /** The length of the record that carries {@code plaintextLength} bytes. */
    int recordLength(int plaintextLength) {
        return nonceLength + plaintextLength + LabGcm.TAG_LENGTH;
    }

    @Override
    public String toString() {
        return "LabKnobs[" + describe + "]";
    }
}
