package io.secho.conformance.lab.clients;

import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.peer.Modp2048Group;
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
 * The dh variant's key exchange as spec/lab-profile.md section 4 states it (LAB-R2), written for the lab test
 * server with BigInteger, the harness's own RFC 3526 group 14 ({@link Modp2048Group}, g = 2) and Bouncy Castle's
 * ASN.1 classes: public keys as an X.509 SubjectPublicKeyInfo in PKCS#3 or X9.42 form, sent as PEM or bare DER, and
 * Z = y^x mod p as 256 bytes.
 */
final class LabDhKey {
    static final BigInteger P = Modp2048Group.P;
    static final BigInteger G = Modp2048Group.G;
    static final BigInteger Q = P.subtract(BigInteger.ONE).shiftRight(1);
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";
    /** A private exponent this long is ample for a test server that talks to one client under test. */
    private static final int PRIVATE_BYTES = 40;

    private final BigInteger x;
    private final BigInteger y;

    private LabDhKey(BigInteger x) {
        this.x = x;
        this.y = G.modPow(x, P);
    }

    /** A key pair from the run's seeded bytes: 2 <= x, well below p. */
    static LabDhKey generate(SeededBytes random) {
        return new LabDhKey(new BigInteger(1, random.next(PRIVATE_BYTES)).add(BigInteger.TWO));
    }

    BigInteger publicValue() {
        return y;
    }

    /** Z = y_peer^x mod p, big-endian, padded to 256 bytes, as Python's {@code exchange} returns it. */
    byte[] secretWith(BigInteger peer) {
        return Modp2048Group.encode(peer.modPow(x, P));
    }

    /** The session key: HKDF-SHA256 of Z, no salt, the knob's info, 32 bytes. */
    byte[] sessionKey(BigInteger peer, byte[] info) {
        return LabGcm.hkdf(secretWith(peer), info, LabGcm.SESSION_KEY_LENGTH);
    }

    /** Our public key as the knobs say to send it. */
    byte[] encoded(boolean x942, boolean der) {
        AlgorithmIdentifier algorithm = x942
                ? new AlgorithmIdentifier(X9ObjectIdentifiers.dhpublicnumber, new DomainParameters(P, G, Q, null, null))
                : new AlgorithmIdentifier(PKCSObjectIdentifiers.dhKeyAgreement, new DHParameter(P, G, 0));
        byte[] encoded;
        try {
            encoded = new SubjectPublicKeyInfo(algorithm, new ASN1Integer(y)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode a DH public key", e);
        }
        if (der) {
            return encoded;
        }
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded);
        return (PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A public key a client sent, and the form it came in. */
    record Received(BigInteger y, String form) {
    }

    /** The key is not one of the four forms in group 14, or not yet complete; the message says which. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * A client's public key, in any of the four forms, only in group 14 (p, g, and q = (p-1)/2 when present) with
     * 1 &lt; y &lt; p - 1.
     */
    static Received decode(byte[] bytes) throws Refused {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
        byte[] der = bytes;
        String encoding = "DER";
        if (text.startsWith(PEM_BEGIN)) {
            encoding = "PEM";
            int end = text.indexOf(PEM_END);
            if (end < 0) {
                throw new Refused("a PEM public key without its END line");
            }
            if (!text.substring(end + PEM_END.length()).isBlank()) {
                throw new Refused("bytes after the PEM END line (the next message in the same write?)");
            }
            try {
                der = Base64.getMimeDecoder().decode(text.substring(PEM_BEGIN.length(), end));
            } catch (IllegalArgumentException e) {
                throw new Refused("a PEM public key whose body is not base64");
            }
        }
        SubjectPublicKeyInfo info;
        BigInteger value;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (primitive == null || primitive.getEncoded(ASN1Encoding.DER).length != der.length) {
                throw new Refused("not exactly one DER SubjectPublicKeyInfo");
            }
            info = SubjectPublicKeyInfo.getInstance(primitive);
            value = ASN1Integer.getInstance(info.parsePublicKey()).getPositiveValue();
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new Refused("not a DER SubjectPublicKeyInfo with an INTEGER public key");
        }
        ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
        String form;
        try {
            if (oid.equals(PKCSObjectIdentifiers.dhKeyAgreement)) {
                DHParameter parameters = DHParameter.getInstance(info.getAlgorithm().getParameters());
                checkGroup(parameters.getP(), parameters.getG(), null);
                form = "PKCS#3";
            } else if (oid.equals(X9ObjectIdentifiers.dhpublicnumber)) {
                DomainParameters parameters = DomainParameters.getInstance(info.getAlgorithm().getParameters());
                checkGroup(parameters.getP(), parameters.getG(), parameters.getQ());
                form = "X9.42";
            } else {
                throw new Refused("a public key of algorithm " + oid + ", not DH (PKCS#3 "
                        + PKCSObjectIdentifiers.dhKeyAgreement + " or X9.42 " + X9ObjectIdentifiers.dhpublicnumber + ")");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refused("malformed DH parameters in the public key");
        }
        if (value.compareTo(BigInteger.ONE) <= 0 || value.compareTo(P.subtract(BigInteger.ONE)) >= 0) {
            throw new Refused("a DH public key outside 1 < y < p-1");
        }
        return new Received(value, encoding + " " + form);
    }

    private static void checkGroup(BigInteger p, BigInteger g, BigInteger q) throws Refused {
        if (!P.equals(p) || !G.equals(g)) {
            throw new Refused("DH parameters other than RFC 3526 group 14 (p of " + p.bitLength() + " bits)");
        }
        if (q != null && !Q.equals(q)) {
            throw new Refused("X9.42 parameters whose q is not (p-1)/2 of group 14");
        }
    }
}
