package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section 10's rule: the spec's own examples, and the UTF-8 check against a strict decoder of the JDK. */
class EchoRuleTest {
    @Test
    void theSpecsUpperCaseExamples() {
        assertEquals("STRASSE", EchoRule.upperCase("straße"));
        assertEquals("I", EchoRule.upperCase("i"), "never U+0130, whatever the locale (REQ-ECHO-10)");
        assertEquals("FI", EchoRule.upperCase("\ufb01"));
        assertEquals("\u02bcN", EchoRule.upperCase("\u0149"));
        assertEquals("\u0399\u0308\u0301", EchoRule.upperCase("\u0390"));
        assertEquals("\u03a3\u03a3", EchoRule.upperCase("\u03c3\u03c2"), "no Final_Sigma: upper-casing has no context");
        assertEquals("\ud801\udc00", EchoRule.upperCase("\ud801\udc28"), "a supplementary code point");
    }

    /** Section 10.4: the largest expansion, 2 bytes to 6, fills the S -> C limit exactly. */
    @Test
    void theLargestReply() throws ProtocolException {
        byte[] request = "\u0390".repeat(FrameLimits.MAX_REQUEST_PAYLOAD / 2).getBytes(StandardCharsets.UTF_8);
        assertEquals(FrameLimits.MAX_REPLY_PAYLOAD, EchoRule.reply(request).length);
    }

    @Test
    void theSpecsUtf8Examples() {
        for (String illFormed : new String[] {"c080", "e08080", "eda080", "f4908080", "c3", "e282", "80", "618062",
                "c1bf", "f5808080", "ff"}) {
            assertFalse(EchoRule.wellFormedUtf8(Hex.decode(illFormed)), illFormed);
        }
        for (String wellFormed : new String[] {"", "00", "efbfbf", "efb790", "f48fbfbf", "efbbbf"}) {
            assertTrue(EchoRule.wellFormedUtf8(Hex.decode(wellFormed)), wellFormed);
        }
    }

    /** Every code point encodes and decodes back; surrogates have no encoding at all. */
    @Test
    void everyScalarValueRoundTrips() {
        for (int point = 0; point <= Character.MAX_CODE_POINT; point++) {
            if (point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE) {
                continue;
            }
            byte[] encoded = new String(Character.toChars(point)).getBytes(StandardCharsets.UTF_8);
            int[] decoded = EchoRule.codePoints(encoded).orElseThrow();
            assertEquals(1, decoded.length);
            assertEquals(point, decoded[0]);
        }
    }

    /**
     * The table-driven check agrees with the JDK's strict decoder on every sequence of 1 and 2 bytes and on a
     * fixed sample of longer ones: two independent readings of the same rule.
     */
    @Test
    void agreesWithAStrictDecoder() {
        for (int a = 0; a < 256; a++) {
            agree(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                agree(new byte[] {(byte) a, (byte) b});
            }
        }
        Random random = new Random(12);
        for (int i = 0; i < 300_000; i++) {
            byte[] bytes = new byte[3 + random.nextInt(4)];
            bytes[0] = (byte) (0xe0 + random.nextInt(0x20));
            for (int k = 1; k < bytes.length; k++) {
                bytes[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x40) : random.nextInt(256));
            }
            agree(bytes);
        }
    }

    @Test
    void anIllFormedRequestIsBadPayload() {
        assertEquals(AlertCode.BAD_PAYLOAD, org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> EchoRule.reply(new byte[] {(byte) 0xed, (byte) 0xb0, (byte) 0x80})).alert());
        assertArrayEquals(new byte[0], EchoRule.expectedReply(new byte[0]).orElseThrow());
    }

    private static void agree(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean jdk;
        try {
            strict.decode(ByteBuffer.wrap(bytes));
            jdk = true;
        } catch (CharacterCodingException e) {
            jdk = false;
        }
        assertEquals(jdk, EchoRule.wellFormedUtf8(bytes), Hex.encode(bytes));
    }
}
