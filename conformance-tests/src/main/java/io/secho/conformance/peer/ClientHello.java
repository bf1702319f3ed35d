package io.secho.conformance.peer;

import java.util.Set;

/** A ClientHello (frame 0x01, Table 3). */
public final class ClientHello extends HelloMessage {
    /** Any fields, including ones a correct client never sends. */
    public ClientHello(int version, int suiteCode, byte[] random, byte[] keyShare) {
        super(FrameType.CLIENT_HELLO, version, suiteCode, random, keyShare);
    }

    /** REQ-HS-1: version 0x0001, exactly one suite, its share. */
    public ClientHello(Suite suite, byte[] random, byte[] keyShare) {
        this(VERSION_1, suite.code(), random, keyShare);
    }

    /**
     * The server's checks of Table 6, steps a to e, in that order (REQ-HS-6). Step f, the key share's validity,
     * belongs to the key exchange ({@link KeyExchange#sharedSecret}), which the server runs next.
     *
     * @param enabled the suites the server enables
     * @throws ProtocolException with the alert of the first failing step
     */
    public static Accepted decodeAsServer(byte[] body, Set<Suite> enabled) throws ProtocolException {
        int version = versionOf(body, "ClientHello"); // a
        if (version != VERSION_1) { // b: nothing else is parsed
            throw new ProtocolException(AlertCode.UNSUPPORTED_VERSION,
                    String.format("ClientHello version 0x%04x (only 0x%04x is supported)", version, VERSION_1));
        }
        checkLength(body, "ClientHello"); // c
        int code = suiteCodeOf(body);
        Suite suite = Suite.fromCode(code).filter(enabled::contains).orElseThrow(() -> // d
                new ProtocolException(AlertCode.UNSUPPORTED_SUITE,
                        String.format("ClientHello suite 0x%02x is not enabled", code)));
        checkShareLength(suite, body, "ClientHello"); // e
        return new Accepted(suite, new ClientHello(suite, randomOf(body), keyShareOf(body)));
    }

    /** A ClientHello that passed steps a to e, and the suite it proposes. */
    public record Accepted(Suite suite, ClientHello hello) {
    }
}
