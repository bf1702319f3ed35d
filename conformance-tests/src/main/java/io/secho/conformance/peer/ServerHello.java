package io.secho.conformance.peer;

/**
 * A ServerHello (frame 0x02, Table 3). Like {@link ClientHello}, the canonical constructor takes any
 * version and suite code: a test server sends wrong ones on purpose.
 */
public record ServerHello(int version, int suiteCode, byte[] random, byte[] keyShare) {
    public static final int RANDOM_LENGTH = Hello.RANDOM_LENGTH;

    public ServerHello {
        Hello.checkFields(version, suiteCode, random, keyShare);
        random = random.clone();
        keyShare = keyShare.clone();
    }

    /** REQ-HS-7: version 0x0001 and the client's suite. */
    public ServerHello(Suite suite, byte[] random, byte[] keyShare) {
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
        return FrameType.SERVER_HELLO;
    }

    public byte[] encodeBody() {
        return Hello.encode(version, suiteCode, random, keyShare);
    }

    public Frame toFrame() {
        return new Frame(FrameType.SERVER_HELLO, encodeBody());
    }

    /**
     * The client's checks of Table 7, steps a to e, in that order (REQ-HS-8); step f is the key exchange's.
     * Unlike the server, a client answers a wrong version with {@code illegal_parameter}: it proposed 0x0001.
     *
     * @param offered the suite the client proposed
     * @throws ProtocolException with the alert of the first failing step
     */
    public static ServerHello decodeAsClient(byte[] body, Suite offered) throws ProtocolException {
        int version = Hello.version(body, "ServerHello"); // a
        if (version != Hello.VERSION_1) { // b
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    String.format("ServerHello version 0x%04x (the client proposed 0x%04x)", version, Hello.VERSION_1));
        }
        Hello.Fields fields = Hello.fields(body, "ServerHello"); // c
        if (fields.suiteCode() != offered.code()) { // d, REQ-HS-4
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    String.format("ServerHello suite 0x%02x (the client proposed %s)", fields.suiteCode(), offered));
        }
        Hello.checkShareLength(offered, fields.keyShare(), "ServerHello"); // e
        return new ServerHello(fields.version(), fields.suiteCode(), fields.random(), fields.keyShare());
    }
}
