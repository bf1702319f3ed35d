package io.secho.conformance.peer;

/** A ServerHello (frame 0x02, Table 3). */
public final class ServerHello extends HelloMessage {
    /** Any fields: a test server sends a wrong version, suite or share on purpose. */
    public ServerHello(int version, int suiteCode, byte[] random, byte[] keyShare) {
        super(FrameType.SERVER_HELLO, version, suiteCode, random, keyShare);
    }

    /** REQ-HS-7: version 0x0001 and the client's suite. */
    public ServerHello(Suite suite, byte[] random, byte[] keyShare) {
        super(FrameType.SERVER_HELLO, VERSION_1, suite.code(), random, keyShare);
    }

    /**
     * The client's checks of Table 7, steps a to e, in that order (REQ-HS-8); step f is the key exchange's.
     * Unlike the server, a client answers a wrong version with {@code illegal_parameter}: it proposed 0x0001.
     *
     * @param offered the suite the client proposed
     * @throws ProtocolException with the alert of the first failing step
     */
    public static ServerHello decodeAsClient(byte[] body, Suite offered) throws ProtocolException {
        int version = versionOf(body, "ServerHello"); // a
        if (version != VERSION_1) { // b
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    String.format("ServerHello version 0x%04x (the client proposed 0x%04x)", version, VERSION_1));
        }
        checkLength(body, "ServerHello"); // c
        if (suiteCodeOf(body) != offered.code()) { // d, REQ-HS-4
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    String.format("ServerHello suite 0x%02x (the client proposed %s)", suiteCodeOf(body), offered));
        }
        checkShareLength(offered, body, "ServerHello"); // e
        return new ServerHello(offered, randomOf(body), keyShareOf(body));
    }
}
