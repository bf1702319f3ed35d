package io.secho.crypto;

import java.security.SecureRandom;

/** The platform CSPRNG. */
public final class SystemRandomBytes implements RandomBytes {
    private final SecureRandom random = new SecureRandom();

    @Override
    public void nextBytes(byte[] out) {
        random.nextBytes(out);
    }
}
