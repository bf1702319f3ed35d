package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.FrameType;

import java.util.Set;

/**
 * The first frame of a session. Version and suite stay raw integers so that a tester can build the
 * hellos that a real server must refuse.
 */
public record ClientHello(int version, int suiteCode, byte[] random, byte[] keyShare) implements HandshakeMessage {
    public static final int RANDOM_LENGTH = HelloCodec.RANDOM_LENGTH;

    public ClientHello {
        HelloCodec.checkArguments(version, suiteCode, random, keyShare);
        random = random.clone();
        keyShare = keyShare.clone();
    }

    public ClientHello(Suite suite, byte[] random, byte[] keyShare) {
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
        return FrameType.CLIENT_HELLO;
    }

    // REQ-HS-1, REQ-HS-3: the client's first frame, with a fresh random drawn by the caller.
    @Override
    public byte[] encodeBody() {
        return HelloCodec.encode(version, suiteCode, random, keyShare);
    }

    /**
     * Decodes and checks a ClientHello as a server must, in the spec's order: version
     * (unsupported_version), structure (decode_error), suite offered (unsupported_suite), share length
     * (illegal_parameter). The share's value is checked by the key exchange.
     */
    // REQ-HS-4, REQ-HS-6: Table 6 in order a to f; the proposed version and suite or an alert, nothing else.
    public static Accepted decodeAsServer(byte[] body, Set<Suite> offered) throws ProtocolException {
        int version = HelloCodec.readVersion(body, "ClientHello");
        if (version != ProtocolVersion.V1) {
            throw new ProtocolException(AlertCode.UNSUPPORTED_VERSION,
                    String.format("ClientHello version 0x%04x is not supported (only 0x%04x)", version, ProtocolVersion.V1));
        }
        HelloCodec.Fields fields = HelloCodec.decode(body, "ClientHello");
        Suite suite = Suite.fromCode(fields.suiteCode()).filter(offered::contains).orElseThrow(
                () -> new ProtocolException(AlertCode.UNSUPPORTED_SUITE, String.format(
                        "ClientHello suite 0x%02x is not offered (offered: %s)", fields.suiteCode(), offered)));
        HelloCodec.checkShareLength(suite, fields.keyShare(), "ClientHello");
        return new Accepted(suite, new ClientHello(fields.version(), fields.suiteCode(), fields.random(),
                fields.keyShare()));
    }

    /** A ClientHello that passed every check but the key share's value. */
    public record Accepted(Suite suite, ClientHello hello) {
    }
}
