package io.secho.bench.server;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** The one TLS configuration both sides use: TLS 1.3, TLS_AES_256_GCM_SHA384, x25519 only. */
public final class TlsSettings {
    public static final String PROTOCOL = "TLSv1.3";
    public static final String CIPHER_SUITE = "TLS_AES_256_GCM_SHA384";
    public static final String NAMED_GROUP = "x25519";
    private static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

    private TlsSettings() {
    }

    /**
     * Java 17 has no per-socket named-group setting (SSLParameters.setNamedGroups came in Java 20), so the
     * group is chosen JVM-wide; the JDK reads the property once, so this must run before any TLS class is used.
     * With x25519 the only group, a handshake that succeeds has used x25519.
     */
    public static void restrictNamedGroups() {
        System.setProperty(NAMED_GROUPS_PROPERTY, NAMED_GROUP);
    }

    public static void configure(SSLSocket socket) {
        socket.setEnabledProtocols(new String[] {PROTOCOL});
        socket.setEnabledCipherSuites(new String[] {CIPHER_SUITE});
    }

    public static void configure(SSLServerSocket socket) {
        socket.setEnabledProtocols(new String[] {PROTOCOL});
        socket.setEnabledCipherSuites(new String[] {CIPHER_SUITE});
    }
}
