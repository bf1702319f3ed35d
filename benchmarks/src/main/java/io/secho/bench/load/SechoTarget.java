package io.secho.bench.load;

import io.secho.client.ClientConfig;
import io.secho.client.SechoClient;
import io.secho.client.SessionException;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.SystemRandomBytes;
import io.secho.handshake.Suite;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sessions with the reference client, {@link SechoClient}: what an application built on Secho would use. */
public final class SechoTarget implements EchoTarget {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ClientConfig config;

    public SechoTarget(String host, int port, Suite suite, Optional<PreSharedKey> psk) {
        this.config = new ClientConfig(host, port, List.of(suite), psk, TIMEOUT, new SystemRandomBytes());
    }

    @Override
    public EchoSession open() throws IOException {
        try {
            return new Session(SechoClient.connect(config));
        } catch (SessionException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static final class Session implements EchoSession {
        private final SechoClient client;

        Session(SechoClient client) {
            this.client = client;
        }

        @Override
        public byte[] echo(byte[] message) throws IOException {
            try {
                return client.echo(message);
            } catch (SessionException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                client.close();
            } catch (SessionException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
