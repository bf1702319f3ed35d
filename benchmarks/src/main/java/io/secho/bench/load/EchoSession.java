package io.secho.bench.load;

import java.io.IOException;

/** One established session; not for use by several threads at once. */
public interface EchoSession extends AutoCloseable {
    /** Sends one message and returns its one reply. */
    byte[] echo(byte[] message) throws IOException;

    /** Ends the session the way its protocol ends one cleanly. */
    @Override
    void close() throws IOException;
}
