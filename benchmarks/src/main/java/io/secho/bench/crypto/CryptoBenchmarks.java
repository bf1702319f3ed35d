package io.secho.bench.crypto;

import io.secho.alert.ProtocolException;
import io.secho.crypto.AesGcm;
import io.secho.crypto.InvalidKeyShareException;
import io.secho.crypto.Modp2048KeyExchange;
import io.secho.crypto.PreSharedKey;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.SystemRandomBytes;
import io.secho.crypto.X25519KeyExchange;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.keyschedule.TrafficKeys;
import io.secho.record.RecordNonce;
import io.secho.wire.Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.crypto.AEADBadTagException;
import javax.crypto.KeyAgreement;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The bare-crypto limits, one thread each, through the very classes the reference implementation uses
 * (plus JCE's X25519, which JDK TLS uses). Run by {@link CryptoLimits}; JMH's annotation processor turns
 * these methods into the harness classes.
 */
public class CryptoBenchmarks {
    /** A full-size Secho request record: 16 KiB of payload. */
    public static final int RECORD_PAYLOAD = 16 * 1024;

    @State(Scope.Thread)
    public static class Aead {
        AesGcm gcm;
        byte[] salt;
        long sequence;
        byte[] nonce;
        byte[] header;
        byte[] plaintext;
        byte[] sealed;

        @Setup
        public void setUp() {
            SystemRandomBytes random = new SystemRandomBytes();
            gcm = new AesGcm(random.nextBytes(AesGcm.KEY_LENGTH));
            salt = random.nextBytes(TrafficKeys.SALT_LENGTH);
            nonce = RecordNonce.of(salt, 0);
            header = random.nextBytes(3);
            plaintext = random.nextBytes(RECORD_PAYLOAD);
            sealed = gcm.seal(nonce, header, plaintext);
        }
    }

    @State(Scope.Thread)
    public static class Peer {
        final RandomBytes random = new SystemRandomBytes();
        byte[] x25519Share;
        byte[] modpShare;
        KeyPair jcePeer;
        KeyPairGenerator jceGenerator;

        @Setup
        public void setUp() throws GeneralSecurityException {
            x25519Share = X25519KeyExchange.generate(random).publicShare();
            modpShare = Modp2048KeyExchange.generate(random).publicShare();
            jceGenerator = KeyPairGenerator.getInstance("X25519");
            jcePeer = jceGenerator.generateKeyPair();
        }
    }

    /**
     * The server's share of one handshake, in memory: ClientHello in, ServerHello and Finished out,
     * client Finished checked. The server's randomness restarts from one seed every time, so the same
     * precomputed client Finished verifies on every invocation.
     */
    @State(Scope.Thread)
    public static class ServerShare {
        private static final byte[] SERVER_SEED = {1, 2, 3};

        @Param({"x25519", "modp2048", "psk"})
        public String suite;

        Suite chosen;
        Optional<PreSharedKey> psk;
        Frame clientHello;
        Frame clientFinished;

        @Setup(Level.Trial)
        public void setUp() throws ProtocolException {
            chosen = Suite.fromWireName(suite).orElseThrow(() -> new IllegalArgumentException("suite " + suite));
            psk = Optional.of(PreSharedKey.of(new SystemRandomBytes().nextBytes(PreSharedKey.LENGTH)));
            ClientHandshake client = new ClientHandshake(chosen, psk, new SystemRandomBytes());
            clientHello = client.clientHello();
            List<Frame> flight = newServer().onClientHello(clientHello);
            client.onServerHello(flight.get(0));
            HandshakeResult result = client.onServerFinished(flight.get(1));
            clientFinished = Frame.parse(result.clientFinishedFrame());
        }

        ServerHandshake newServer() {
            return new ServerHandshake(EnumSet.allOf(Suite.class), psk, new InsecureDeterministicRandomBytes(SERVER_SEED));
        }
    }

    /** JCE refuses to seal twice under one key and nonce, so each record gets the next nonce, as in a session. */
    @Benchmark
    public byte[] aesGcmSeal16KiB(Aead state) {
        return state.gcm.seal(RecordNonce.of(state.salt, ++state.sequence), state.header, state.plaintext);
    }

    @Benchmark
    public byte[] aesGcmOpen16KiB(Aead state) throws AEADBadTagException {
        return state.gcm.open(state.nonce, state.header, state.sealed);
    }

    /** One key generation and one agreement: what each side of an x25519 handshake computes. */
    @Benchmark
    public byte[] x25519BouncyCastle(Peer peer) throws InvalidKeyShareException {
        return X25519KeyExchange.generate(peer.random).sharedSecret(peer.x25519Share);
    }

    /** The same through JCE's XDH, which JDK TLS uses. */
    @Benchmark
    public byte[] x25519Jce(Peer peer) throws GeneralSecurityException {
        KeyPair own = peer.jceGenerator.generateKeyPair();
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own.getPrivate());
        agreement.doPhase(peer.jcePeer.getPublic(), true);
        return agreement.generateSecret();
    }

    /** One key generation (256-bit exponent) and one agreement in the RFC 3526 2048-bit group. */
    @Benchmark
    public byte[] modp2048(Peer peer) throws InvalidKeyShareException {
        return Modp2048KeyExchange.generate(peer.random).sharedSecret(peer.modpShare);
    }

    @Benchmark
    public HandshakeResult serverHandshake(ServerShare state) throws ProtocolException {
        ServerHandshake server = state.newServer();
        server.onClientHello(state.clientHello);
        return server.onClientFinished(state.clientFinished);
    }
}
