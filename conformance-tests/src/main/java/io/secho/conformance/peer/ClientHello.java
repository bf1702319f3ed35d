package io.secho.conformance.peer;

import java.util.Set;

/**
 * A ClientHello (frame 0x01, Table 3). The canonical constructor takes any version and suite code, so a
 * test can send one a correct client never would; {@link #ClientHello(Suite, byte[], byte[])} is the
 * correct one (REQ-HS-1).
 */
public record ClientHello(int version, int suiteCode, byte[] random, byte[] keyShare) {
    public static final int RANDOM_LENGTH = Hello.RANDOM_LENGTH;
    public static final int VERSION_1 = Hello.VERSION_1;

    public ClientHello {
        Hello.checkFields(version, suiteCode, random, keyShare);
        random = random.clone();
        keyShare = keyShare.clone();
    }

    /** REQ-HS-1: version 0x0001 and exactly one suite. */
    public ClientHello(Suite suite, byte[] random, byte[] keyShare) {
        this(Hello.VERSION_1, suite.code(), random, keyShare);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] keyShare() {
        return keyShare.clone();
    }

    public FrameType frameType() {
        return FrameType.CLIENT_HELLO;
    }

    public byte[] encodeBody() {
        return Hello.encode(version, suiteCode, random, keyShare);
    }

    public Frame toFrame() {
        return new Frame(FrameType.CLIENT_HELLO, encodeBody());
    }

    /**
     * The server's checks of Table 6, steps a to e, in that order (REQ-HS-6). Step f, the key share's
     * validity, is the key exchange's ({@link KeyExchange#sharedSecret}), which the server runs next.
     *
     * @param enabled the suites the server enables
     * @throws ProtocolException with the alert of the first failing step
     */
    public static Accepted decodeAsServer(byte[] body, Set<Suite> enabled) throws ProtocolException {
        int version = Hello.version(body, "ClientHello"); // a
        if (version != Hello.VERSION_1) { // b: nothing else is parsed
            throw new ProtocolException(AlertCode.UNSUPPORTED_VERSION,
                    String.format("ClientHello version 0x%04x (only 0x%04x is supported)", version, Hello.VERSION_1));
        }
        Hello.Fields fields = Hello.fields(body, "ClientHello"); // c
        Suite suite = Suite.fromCode(fields.suiteCode()).filter(enabled::contains).orElseThrow(() -> // d
                new ProtocolException(AlertCode.UNSUPPORTED_SUITE,
                        String.format("ClientHello suite 0x%02x is not enabled", fields.suiteCode())));
        Hello.checkShareLength(suite, fields.keyShare(), "ClientHello"); // e
        return new Accepted(suite, new ClientHello(fields.version(), fields.suiteCode(), fields.random(),
                fields.keyShare()));
    }

    /** A ClientHello that passed steps a to e, and the suite it proposes. */
    public record Accepted(Suite suite, ClientHello hello) {
    }
}
