package io.secho.lab;

import io.secho.crypto.Hkdf;
import io.secho.crypto.InvalidKeyShareException;
import io.secho.crypto.Modp2048Group;
import io.secho.crypto.Modp2048KeyExchange;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.Sha256;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.DomainParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The dh variant's key exchange: RFC 3526 group 14, public keys as X.509 SubjectPublicKeyInfo (PKCS#3
 * or X9.42, PEM or DER), and the AES key as HKDF-SHA256(salt none, info, 32) of the shared secret
 * padded to the length of p, as Python's {@code cryptography} computes it.
 */
public final class LabDh {
    /** The order of the subgroup that g = 2 generates in a safe-prime group: (p - 1) / 2. */
    public static final BigInteger Q = Modp2048Group.P.subtract(BigInteger.ONE).shiftRight(1);
    static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    static final String PEM_END = "-----END PUBLIC KEY-----";
    private static final int PEM_LINE_LENGTH = 64;
    /** RFC 5869: "salt not provided" means HashLen zero bytes, which is what the lab's salt=None gives. */
    private static final byte[] NO_SALT = new byte[Sha256.HASH_LENGTH];

    private final Modp2048KeyExchange exchange;

    private LabDh(Modp2048KeyExchange exchange) {
        this.exchange = exchange;
    }

    public static LabDh generate(RandomBytes random) {
        return new LabDh(Modp2048KeyExchange.generate(random));
    }

    /** A fixed 32-byte exponent, for known-answer tests against other implementations. */
    static LabDh fromPrivateKey(byte[] exponent) {
        return new LabDh(Modp2048KeyExchange.fromPrivateKey(exponent));
    }

    /** A public key as it arrived: the value, and the form it came in (for logs and reports). */
    public record PeerKey(BigInteger y, LabProfile.KeyFormat format, LabProfile.KeyEncoding encoding) {
        public String describe() {
            return encoding.name() + " " + format.title();
        }
    }

    /** Our public key, in the form the profile says we send. */
    public byte[] encodedPublicKey(LabProfile.KeyFormat format, LabProfile.KeyEncoding encoding) {
        return encodePublicKey(new BigInteger(1, exchange.publicShare()), format, encoding);
    }

    public static byte[] encodePublicKey(BigInteger y, LabProfile.KeyFormat format, LabProfile.KeyEncoding encoding) {
        AlgorithmIdentifier algorithm = format == LabProfile.KeyFormat.PKCS3
                ? new AlgorithmIdentifier(PKCSObjectIdentifiers.dhKeyAgreement,
                        new DHParameter(Modp2048Group.P, Modp2048Group.G, 0))
                : new AlgorithmIdentifier(X9ObjectIdentifiers.dhpublicnumber,
                        new DomainParameters(Modp2048Group.P, Modp2048Group.G, Q, null, null));
        byte[] der;
        try {
            der = new SubjectPublicKeyInfo(algorithm, new ASN1Integer(y)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode a DH public key", e);
        }
        return encoding == LabProfile.KeyEncoding.DER ? der : toPem(der);
    }

    /**
     * Reads a peer's public key in any of the four forms, and accepts it only in RFC 3526 group 14 with
     * 1 &lt; y &lt; p - 1.
     *
     * @throws LabProtocolException saying what is wrong, for anything else
     */
    public static PeerKey decodePublicKey(byte[] message) throws LabProtocolException {
        LabProfile.KeyEncoding encoding;
        byte[] der;
        String text = new String(message, StandardCharsets.ISO_8859_1).strip();
        if (text.startsWith(PEM_BEGIN)) {
            encoding = LabProfile.KeyEncoding.PEM;
            der = fromPem(text);
        } else {
            encoding = LabProfile.KeyEncoding.DER;
            der = message;
        }
        SubjectPublicKeyInfo info;
        BigInteger y;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
            y = ASN1Integer.getInstance(info.parsePublicKey()).getPositiveValue();
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new LabProtocolException("not a DER SubjectPublicKeyInfo with an INTEGER public key ("
                    + message.length + " bytes): " + e.getMessage(), e);
        }
        ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
        LabProfile.KeyFormat format;
        try {
            if (oid.equals(PKCSObjectIdentifiers.dhKeyAgreement)) {
                format = LabProfile.KeyFormat.PKCS3;
                DHParameter parameters = DHParameter.getInstance(info.getAlgorithm().getParameters());
                checkGroup(parameters.getP(), parameters.getG(), null);
            } else if (oid.equals(X9ObjectIdentifiers.dhpublicnumber)) {
                format = LabProfile.KeyFormat.X942;
                DomainParameters parameters = DomainParameters.getInstance(info.getAlgorithm().getParameters());
                checkGroup(parameters.getP(), parameters.getG(), parameters.getQ());
            } else {
                throw new LabProtocolException("a public key of algorithm " + oid + ", not DH (dhKeyAgreement "
                        + PKCSObjectIdentifiers.dhKeyAgreement + " or X9.42 " + X9ObjectIdentifiers.dhpublicnumber + ")");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LabProtocolException("malformed DH parameters in the public key: " + e.getMessage(), e);
        }
        try {
            Modp2048KeyExchange.validatePeerShare(Modp2048Group.encode(y));
        } catch (InvalidKeyShareException | IllegalArgumentException e) {
            throw new LabProtocolException("DH public key outside 1 < y < p-1", e);
        }
        return new PeerKey(y, format, encoding);
    }

    /** The AES-256 key both sides derive from the shared secret. */
    public byte[] deriveKey(PeerKey peer, byte[] hkdfInfo) {
        byte[] secret;
        try {
            secret = exchange.sharedSecret(Modp2048Group.encode(peer.y()));
        } catch (InvalidKeyShareException e) {
            throw new IllegalStateException("a peer key that decodePublicKey accepted was refused", e);
        }
        return Hkdf.expand(Hkdf.extract(NO_SALT, secret), hkdfInfo, LabProfile.DERIVED_KEY_LENGTH);
    }

    private static void checkGroup(BigInteger p, BigInteger g, BigInteger q) throws LabProtocolException {
        if (!Modp2048Group.P.equals(p) || !Modp2048Group.G.equals(g)) {
            throw new LabProtocolException("DH parameters other than RFC 3526 group 14 (p of " + p.bitLength()
                    + " bits, g = " + (g.bitLength() <= 32 ? g.toString() : g.bitLength() + " bits") + ")");
        }
        if (q != null && !Q.equals(q)) {
            throw new LabProtocolException("X9.42 parameters with a q other than (p-1)/2 of RFC 3526 group 14");
        }
    }

    static byte[] toPem(byte[] der) {
        String base64 = Base64.getMimeEncoder(PEM_LINE_LENGTH, new byte[] {'\n'}).encodeToString(der);
        return (PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] fromPem(String text) throws LabProtocolException {
        int end = text.indexOf(PEM_END);
        if (end < 0) {
            throw new LabProtocolException("a PEM public key without its END line (" + text.length()
                    + " characters: cut short, or split across reads?)");
        }
        String after = text.substring(end + PEM_END.length()).strip();
        if (!after.isEmpty()) {
            throw new LabProtocolException(after.length() + " bytes after the PEM END line (did the next message "
                    + "arrive in the same read?)");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(PEM_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new LabProtocolException("a PEM public key whose body is not base64: " + e.getMessage(), e);
        }
    }
}
