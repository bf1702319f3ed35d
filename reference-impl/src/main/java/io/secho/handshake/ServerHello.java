package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.FrameType;

/** The server's answer to an acceptable ClientHello: the same layout, the suite echoed. */
public record ServerHello(int version, int suiteCode, byte[] random, byte[] keyShare) implements HandshakeMessage {
    public static final int RANDOM_LENGTH = HelloCodec.RANDOM_LENGTH;

    public ServerHello {
        HelloCodec.checkArguments(version, suiteCode, random, keyShare);
        random = random.clone();
        keyShare = keyShare.clone();
    }

    public ServerHello(Suite suite, byte[] random, byte[] keyShare) {
        this(ProtocolVersion.V1, suite.code(), random, keyShare);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] keyShare() {
        return keyShare.clone();
    }

    @Override
    public FrameType frameType() {
        return FrameType.SERVER_HELLO;
    }

    // REQ-HS-7: version 0x0001, the client's suite, a fresh random and the server's share.
    @Override
    public byte[] encodeBody() {
        return HelloCodec.encode(version, suiteCode, random, keyShare);
    }

    /**
     * Decodes and checks a ServerHello as a client must: structure (decode_error), then version and suite
     * equal to what the client sent and the share length of that suite (illegal_parameter).
     */
    // REQ-HS-8: Table 7 in order a to f.
    public static ServerHello decodeAsClient(byte[] body, Suite offered) throws ProtocolException {
        int version = HelloCodec.readVersion(body, "ServerHello");
        if (version != ProtocolVersion.V1) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    String.format("ServerHello version 0x%04x differs from the offered 0x%04x", version, ProtocolVersion.V1));
        }
        HelloCodec.Fields fields = HelloCodec.decode(body, "ServerHello");
        if (fields.suiteCode() != offered.code()) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, String.format(
                    "ServerHello suite 0x%02x differs from the offered %s", fields.suiteCode(), offered));
        }
        HelloCodec.checkShareLength(offered, fields.keyShare(), "ServerHello");
        return new ServerHello(fields.version(), fields.suiteCode(), fields.random(), fields.keyShare());
    }
}
