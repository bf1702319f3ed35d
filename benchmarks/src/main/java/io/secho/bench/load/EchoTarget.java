package io.secho.bench.load;

import java.io.IOException;

/** A server the load generator can open echo sessions with: Secho with one suite, or TLS 1.3. */
public interface EchoTarget {
    /** Connects and completes a full handshake. */
    EchoSession open() throws IOException;
}
