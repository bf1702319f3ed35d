package io.secho.bench.server;

import java.util.Locale;

/** Which server a server process runs. */
public enum ServerKind {
    /** The reference server, {@link io.secho.server.SechoServer}, offering all three suites. */
    SECHO,
    /** {@link TlsEchoServer}: JDK TLS 1.3 with the same echo transform. */
    TLS;

    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServerKind fromArgument(String argument) {
        for (ServerKind kind : values()) {
            if (kind.argument().equals(argument)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server kind " + argument + " (secho or tls)");
    }
}
