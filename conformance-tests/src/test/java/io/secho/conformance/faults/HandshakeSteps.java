package io.secho.conformance.faults;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.crypto.KeyExchange;
import io.secho.crypto.Modp2048Group;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Finished;
import io.secho.handshake.KeyAgreement;
import io.secho.handshake.Suite;
import io.secho.wire.ByteReader;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's side of the handshake that the faults change: the ClientHello checks of Table 6 and their
 * order, the key agreement, the server random and the client Finished check. One per server: the
 * faults that reuse a random or a key share keep it here.
 */
final class HandshakeSteps {
    private static final int HELLO_FIXED_PART = 2 + 1 + 32 + 2;
    private static final int VERIFY_DATA_COMPARED_BY_PREFIX = 16;

    private final Fault fault;
    private final Set<Suite> enabled;
    private final Optional<PreSharedKey> psk;
    private final RandomBytes random;
    /** For {@link Fault#SERVER_RANDOM_REUSED}: drawn once, when the server starts. */
    private final byte[] startupRandom;
    /** For {@link Fault#KEY_SHARE_REUSED}: one key pair per suite for the server's lifetime. */
    private final Map<Suite, KeyExchange> startupExchanges = new EnumMap<>(Suite.class);

    /** The server's half of a key agreement. */
    record Agreement(byte[] share, byte[] secret) {
    }

    HandshakeSteps(Fault fault, Set<Suite> enabled, Optional<PreSharedKey> psk, RandomBytes random) {
        this.fault = fault;
        this.enabled = Set.copyOf(enabled);
        this.psk = psk;
        this.random = random;
        this.startupRandom = random.nextBytes(32);
        if (fault == Fault.KEY_SHARE_REUSED) {
            enabled.forEach(suite -> startupExchanges.put(suite, suite.newKeyExchange(random, psk)));
        }
    }

    Set<Suite> enabled() {
        return enabled;
    }

    /** Table 6, steps a to e, in the spec's order or in the order the fault gets wrong. */
    ClientHello.Accepted checkClientHello(byte[] body) throws ProtocolException {
        switch (fault) {
            case VERSION_CHECKED_AFTER_SUITE -> {
                // Parses the whole hello and picks the suite first; the version is looked at last.
                int suiteCode = shareLengthAndSuite(body).suiteCode();
                Suite.fromCode(suiteCode).filter(enabled::contains).orElseThrow(() -> new ProtocolException(
                        AlertCode.UNSUPPORTED_SUITE, "suite " + suiteCode + " is not enabled"));
            }
            case SHARE_LEN_CHECKED_BEFORE_SUITE -> {
                // Looks up the share length by the suite code before asking whether the suite is enabled.
                int version = new ByteReader(body, "ClientHello").readU16("version");
                if (version != 1) {
                    throw new ProtocolException(AlertCode.UNSUPPORTED_VERSION, "version " + version);
                }
                Fields fields = shareLengthAndSuite(body);
                Optional<Suite> known = Suite.fromCode(fields.suiteCode());
                if (known.isPresent() && known.get().shareLength() != fields.shareLength()) {
                    throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, "share_len " + fields.shareLength());
                }
            }
            default -> {
                // The reference decoder: the spec's order.
            }
        }
        return ClientHello.decodeAsServer(body, enabled);
    }

    private record Fields(int suiteCode, int shareLength) {
    }

    /** Step c alone: the body holds exactly 37 + share_len bytes. */
    private static Fields shareLengthAndSuite(byte[] body) throws ProtocolException {
        if (body.length < HELLO_FIXED_PART) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "ClientHello of " + body.length + " bytes");
        }
        int shareLength = ((body[HELLO_FIXED_PART - 2] & 0xff) << 8) | (body[HELLO_FIXED_PART - 1] & 0xff);
        if (body.length != HELLO_FIXED_PART + shareLength) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "ClientHello length does not match share_len");
        }
        return new Fields(body[2] & 0xff, shareLength);
    }

    /** The server's key share and the shared secret, with the share validated unless the fault skips it. */
    Agreement agree(Suite suite, byte[] peerShare) throws ProtocolException {
        if (fault == Fault.ACCEPTS_INVALID_SHARES && suite != Suite.PSK) {
            return agreeWithoutValidation(suite, peerShare);
        }
        KeyExchange exchange = fault == Fault.KEY_SHARE_REUSED ? startupExchanges.get(suite)
                : suite.newKeyExchange(random, psk);
        return new Agreement(exchange.publicShare(), KeyAgreement.sharedSecret(exchange, peerShare));
    }

    /** Raw X25519 and modular exponentiation, taking whatever comes out: 0, 1, p-1 and low-order points too. */
    private Agreement agreeWithoutValidation(Suite suite, byte[] peerShare) {
        byte[] privateKey = random.nextBytes(32);
        if (suite == Suite.X25519) {
            byte[] share = new byte[X25519.POINT_SIZE];
            X25519.generatePublicKey(privateKey, 0, share, 0);
            byte[] secret = new byte[X25519.POINT_SIZE];
            X25519.calculateAgreement(privateKey, 0, peerShare, 0, secret, 0);
            return new Agreement(share, secret);
        }
        BigInteger x = new BigInteger(1, privateKey);
        BigInteger y = new BigInteger(1, peerShare).mod(Modp2048Group.P);
        return new Agreement(Modp2048Group.encode(Modp2048Group.G.modPow(x, Modp2048Group.P)),
                Modp2048Group.encode(y.modPow(x, Modp2048Group.P)));
    }

    /** 32 fresh bytes per connection, or the one drawn at startup. */
    byte[] serverRandom() {
        return fault == Fault.SERVER_RANDOM_REUSED ? startupRandom.clone() : random.nextBytes(32);
    }

    /** REQ-FIN-6: the whole verify_data, or what the fault compares of it. */
    void verifyClientFinished(byte[] expected, Finished received) throws ProtocolException {
        switch (fault) {
            case SKIPS_FINISHED_CHECK -> {
                // Never compared.
            }
            case FINISHED_PREFIX_COMPARED -> {
                byte[] got = received.verifyData();
                if (!Arrays.equals(expected, 0, VERIFY_DATA_COMPARED_BY_PREFIX, got, 0,
                        VERIFY_DATA_COMPARED_BY_PREFIX)) {
                    throw new ProtocolException(AlertCode.HANDSHAKE_FAILURE, "client Finished (first 16 bytes)");
                }
            }
            default -> received.verify(expected, "client");
        }
    }
}
