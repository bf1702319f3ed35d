package io.secho.example;

import io.secho.crypto.RandomBytes;

import java.util.ArrayList;
import java.util.List;

/** Passes draws through and keeps each one, so the example can show every input it used. */
final class RecordingRandomBytes implements RandomBytes {
    private final RandomBytes source;
    private final List<byte[]> draws = new ArrayList<>();

    RecordingRandomBytes(RandomBytes source) {
        this.source = source;
    }

    @Override
    public void nextBytes(byte[] out) {
        source.nextBytes(out);
        draws.add(out.clone());
    }

    List<byte[]> draws() {
        return draws;
    }
}
