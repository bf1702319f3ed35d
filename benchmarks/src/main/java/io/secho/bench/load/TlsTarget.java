package io.secho.bench.load;

import io.secho.bench.server.TlsEchoServer;
import io.secho.bench.server.TlsSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * JDK TLS 1.3 sessions. Every session gets a new SSLContext, so the client has no session to resume
 * and every handshake is a full one (the server counts them to prove it).
 */
public final class TlsTarget implements EchoTarget {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final InetSocketAddress address;
    private final TrustManager[] trust;

    public TlsTarget(String host, int port, TrustManager[] trust) {
        this.address = new InetSocketAddress(host, port);
        this.trust = trust.clone();
    }

    @Override
    public EchoSession open() throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance(TlsSettings.PROTOCOL);
            context.init(null, trust, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up a TLS client: " + e.getMessage(), e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            TlsSettings.configure(socket);
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            return new Session(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static final class Session implements EchoSession {
        private final SSLSocket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Session(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = socket.getOutputStream();
        }

        @Override
        public byte[] echo(byte[] message) throws IOException {
            out.write(TlsEchoServer.frame(message));
            out.flush();
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return reply;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
