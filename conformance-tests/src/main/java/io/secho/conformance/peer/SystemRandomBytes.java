package io.secho.conformance.peer;

import java.security.SecureRandom;

/** The platform's CSPRNG (REQ-HS-3, REQ-KEX-1): for keys that protect something, such as a PSK file. */
public final class SystemRandomBytes implements RandomBytes {
    private final SecureRandom random = new SecureRandom();

    @Override
    public void nextBytes(byte[] out) {
        random.nextBytes(out);
    }
}
