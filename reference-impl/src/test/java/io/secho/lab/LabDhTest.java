package io.secho.lab;

import io.secho.crypto.Modp2048Group;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public key formats and the derived key, checked against keys made by Python's cryptography. */
class LabDhTest {
    /** The exponent the Python side used for "our" key when it made the known answers below. */
    private static final byte[] OUR_EXPONENT = Hex.decode(
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");

    /** cryptography 38.0.4 (Debian 12): PKCS#3 dhKeyAgreement, p and g only. */
    private static final String PYTHON_PKCS3_PEM = String.join("\n",
            "-----BEGIN PUBLIC KEY-----",
            "MIICJTCCARcGCSqGSIb3DQEDATCCAQgCggEBAP//////////yQ/aoiFowjTExmKL",
            "gNwc0SkCTgiKZ8x0Agu+pjsTmyJRSgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVt",
            "bVHCReSFtXZiXn7G9ExC6aY37WsL/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR",
            "7ORbPcIAfLihY78FmNpINhxV05ppFj+o/STPX4NlXSPco62WHGLzViCFUrue1SkH",
            "cJaWbWcMNU5KvJgE8XRsCMoYIXwykF5GLjbOO+OedywYDoYDmyeDouwHoo+1xV3w",
            "b0xSyd4ry/aVWBcYOZVJfOqVauUV0iYYmPoFEBVyjlqKrKpo//////////8CAQID",
            "ggEGAAKCAQEAxTOOL4UpWUhyH7NUVYBtTypbgQrNdAxfIzn5HYdLa+BwjPaalkA8",
            "i8yPCGXefZO26vNustXFAyyHqD3ttViz1iUMhBHmXXv4QOCnYJCmtNic+DZqnHEv",
            "fABHRPkrIAJj7z8AIiR6A6TfI75LlzV8zncXkkziRBhS0XuluD6RRdEai0xkXEtt",
            "/RierSMalWI/tjKpF1Sq4Mh2WCoUvO0A3j3yrJWu8p8ApPH88uTmXeU/22j6W9gu",
            "sjU6paCUkN0BHARCdoE687w190t5DPFPc+pCh8pm81+BtTEBVut0QHF6JP5HJfdj",
            "wNqFmplIsNQAbmbqnZJq1GwF27dxVCotRg==",
            "-----END PUBLIC KEY-----", "");
    private static final String PYTHON_PKCS3_KEY = "ad9b2314e77372a8940f24659a367ed1279181f2e652ce509ad3be9594908a08";

    /** cryptography 48.0.0: X9.42 dhpublicnumber, p, g and q. */
    private static final String PYTHON_X942_PEM = String.join("\n",
            "-----BEGIN PUBLIC KEY-----",
            "MIIDJjCCAhkGByqGSM4+AgEwggIMAoIBAQD//////////8kP2qIhaMI0xMZii4Dc",
            "HNEpAk4IimfMdAILvqY7E5siUUoIeY40BN3vlRmzzTpDGzArCm3yXxQ3T+E1bW1R",
            "wkXkhbV2Yl5+xvRMQummN+1rC/9ctvQGt+3uOGv7Womfpa6fJBF8Sx/mSShmUezk",
            "Wz3CAHy4oWO/BZjaSDYcVdOaaRY/qP0kz1+DZV0j3KOtlhxi81YghVK7ntUpB3CW",
            "lm1nDDVOSryYBPF0bAjKGCF8MpBeRi42zjvjnncsGA6GA5sng6LsB6KPtcVd8G9M",
            "UsneK8v2lVgXGDmVSXzqlWrlFdImGJj6BRAVco5aiqyqaP//////////AgECAoIB",
            "AH//////////5IftURC0YRpiYzFFwG4OaJSBJwRFM+Y6AQXfUx2JzZEopQQ8xxoC",
            "bvfKjNnmnSGNmBWFNvkvihun8Jq2tqjhIvJC2rsxLz9jeiYhdNMb9rWF/65begNb",
            "9vccNf2tRM/S10+SCL4lj/MklDMo9nItnuEAPlxQsd+CzG0kGw4q6c00ix/UfpJn",
            "r8GyrpHuUdbLDjF5qxBCqV3PapSDuEtLNrOGGqclXkwCeLo2BGUMEL4ZSC8jFxtn",
            "HfHPO5YMB0MBzZPB0XYD0Ufa4q74N6YpZO8V5ftKrAuMHMqkvnVKtXKK6RMMTH0C",
            "iAq5Ry1FVlU0f/////////8DggEFAAKCAQAV7NBtCPMuQtxSoVSx6GVvjNa+3srK",
            "+MmKkTPuqZykWgFK4jjgA5HNH0JMf/rZygAnQ8QJXCr0+iAlpahON0XwtSszaRFn",
            "gmYaTAzVhAS4R5+tBo7ucmH9VEhLZuWHSH1Mi3ZBFWVRGhLl9fm4lpgjrW7Cim7G",
            "91L3T7ceNKZCJx2/D6c8fVM1lAKg5JIVsEmSdQALSSzLt8fchjxFRjXJ05D1XGu8",
            "OOYiOMyBxdLZTvgtM/FB4o4mw3rNjDQIlvD4RCIDJ2OQ/ePM/yLi8x5f6deUvBsc",
            "opBOiBuEKdDQ8rS11QBU3Kvfv3BftuHxrWDSwFhSiflR3N6NeFk62ash",
            "-----END PUBLIC KEY-----", "");
    private static final String PYTHON_X942_KEY = "8e7c298cbdda293d4b89827a89594979d2d347a1966ba528c51bb3d54c0e4d19";

    private static final byte[] INFO = LabProfile.DEFAULT_HKDF_INFO.getBytes(StandardCharsets.UTF_8);

    @Test
    void derivesTheKeyPythonDerivesFromAPkcs3Key() throws LabProtocolException {
        LabDh.PeerKey peer = LabDh.decodePublicKey(PYTHON_PKCS3_PEM.getBytes(StandardCharsets.US_ASCII));
        assertEquals(LabProfile.KeyFormat.PKCS3, peer.format());
        assertEquals(LabProfile.KeyEncoding.PEM, peer.encoding());
        assertEquals(PYTHON_PKCS3_KEY, Hex.encode(LabDh.fromPrivateKey(OUR_EXPONENT).deriveKey(peer, INFO)));
    }

    @Test
    void derivesTheKeyPythonDerivesFromAnX942Key() throws LabProtocolException {
        LabDh.PeerKey peer = LabDh.decodePublicKey(PYTHON_X942_PEM.getBytes(StandardCharsets.US_ASCII));
        assertEquals(LabProfile.KeyFormat.X942, peer.format());
        assertEquals(PYTHON_X942_KEY, Hex.encode(LabDh.fromPrivateKey(OUR_EXPONENT).deriveKey(peer, INFO)));
    }

    @Test
    void weWriteBothFormsByteForByteAsPythonDoes() throws LabProtocolException {
        for (String pem : new String[] {PYTHON_PKCS3_PEM, PYTHON_X942_PEM}) {
            LabDh.PeerKey peer = LabDh.decodePublicKey(pem.getBytes(StandardCharsets.US_ASCII));
            String ours = new String(LabDh.encodePublicKey(peer.y(), peer.format(), LabProfile.KeyEncoding.PEM),
                    StandardCharsets.US_ASCII);
            assertEquals(pem, ours, peer.format().title());
        }
    }

    @ParameterizedTest
    @EnumSource(LabProfile.KeyFormat.class)
    void everyFormAndEncodingRoundTripsAndAgrees(LabProfile.KeyFormat format) throws LabProtocolException {
        for (LabProfile.KeyEncoding encoding : LabProfile.KeyEncoding.values()) {
            LabDh alice = LabDh.generate(InsecureDeterministicRandomBytes.fromLabel("alice " + format + encoding));
            LabDh bob = LabDh.generate(InsecureDeterministicRandomBytes.fromLabel("bob " + format + encoding));
            LabDh.PeerKey fromAlice = LabDh.decodePublicKey(alice.encodedPublicKey(format, encoding));
            LabDh.PeerKey fromBob = LabDh.decodePublicKey(bob.encodedPublicKey(format, encoding));
            assertEquals(format, fromAlice.format());
            assertEquals(encoding, fromAlice.encoding());
            assertArrayEquals(alice.deriveKey(fromBob, INFO), bob.deriveKey(fromAlice, INFO), format + " " + encoding);
        }
    }

    @Test
    void theHkdfInfoChangesTheKey() throws LabProtocolException {
        LabDh.PeerKey peer = LabDh.decodePublicKey(PYTHON_PKCS3_PEM.getBytes(StandardCharsets.US_ASCII));
        LabDh ours = LabDh.fromPrivateKey(OUR_EXPONENT);
        assertTrue(!Arrays.equals(ours.deriveKey(peer, INFO), ours.deriveKey(peer, "other".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void rejectsKeysOutsideTheGroupOrOfAnotherGroup() {
        BigInteger p = Modp2048Group.P;
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p}) {
            byte[] der = LabDh.encodePublicKey(y, LabProfile.KeyFormat.PKCS3, LabProfile.KeyEncoding.DER);
            LabProtocolException e = assertThrows(LabProtocolException.class, () -> LabDh.decodePublicKey(der));
            assertTrue(e.getMessage().contains("1 < y < p-1"), e.getMessage());
        }
        byte[] otherGroup = LabDh.encodePublicKey(BigInteger.TEN, LabProfile.KeyFormat.PKCS3, LabProfile.KeyEncoding.DER);
        // Patch g from 2 to 5 in the DER: INTEGER 02 (02 01 02) is the only such run after p.
        String hex = Hex.encode(otherGroup).replace("020102", "020105");
        LabProtocolException e = assertThrows(LabProtocolException.class, () -> LabDh.decodePublicKey(Hex.decode(hex)));
        assertTrue(e.getMessage().contains("group 14"), e.getMessage());
    }

    @Test
    void rejectsTruncatedPemTrailingDataAndNonsense() {
        String cut = PYTHON_PKCS3_PEM.substring(0, 300);
        assertTrue(assertThrows(LabProtocolException.class,
                () -> LabDh.decodePublicKey(cut.getBytes(StandardCharsets.US_ASCII))).getMessage().contains("END"));
        byte[] withRecord = (PYTHON_PKCS3_PEM + "\u0001\u0002garbage").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(LabProtocolException.class, () -> LabDh.decodePublicKey(withRecord)).getMessage()
                .contains("after the PEM END line"));
        assertThrows(LabProtocolException.class, () -> LabDh.decodePublicKey("hello".getBytes(StandardCharsets.US_ASCII)));
        byte[] der = LabDh.encodePublicKey(BigInteger.TEN, LabProfile.KeyFormat.X942, LabProfile.KeyEncoding.DER);
        byte[] longer = Arrays.copyOf(der, der.length + 1);
        assertThrows(LabProtocolException.class, () -> LabDh.decodePublicKey(longer));
    }
}
