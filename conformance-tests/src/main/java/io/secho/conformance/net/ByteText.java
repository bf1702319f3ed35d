package io.secho.conformance.net;

import io.secho.conformance.peer.Hex;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bytes as a person reads them in a report: always the hex, and the text as well when the bytes are
 * text, so that a server answering "HTTP/1.1 400 Bad Request" is seen to do so at a glance.
 */
public final class ByteText {
    /** Hex beyond this many bytes is cut, with the total length said. */
    public static final int MAX_HEX_BYTES = 96;
    private static final int MAX_TEXT_BYTES = 160;
    /** Fewer printable bytes than this is too little to call text. */
    private static final int MIN_TEXT_BYTES = 3;

    private ByteText() {
    }

    /** Lower-case hex of at most {@link #MAX_HEX_BYTES} bytes, "..." when cut. */
    public static String hex(byte[] bytes) {
        if (bytes.length <= MAX_HEX_BYTES) {
            return Hex.encode(bytes);
        }
        return Hex.encode(Arrays.copyOf(bytes, MAX_HEX_BYTES)) + "...";
    }

    /**
     * The bytes as a quoted string with C escapes, when they are well-formed UTF-8 text: printable
     * characters, tabs and line ends only (checked on the first bytes; a cut multi-byte character at
     * the end is allowed).
     */
    public static Optional<String> text(byte[] bytes) {
        if (bytes.length < MIN_TEXT_BYTES) {
            return Optional.empty();
        }
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, MAX_TEXT_BYTES));
        String decoded = decodeAllowingCutEnd(head);
        if (decoded == null || decoded.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < decoded.length(); ) {
            int c = decoded.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\r' -> quoted.append("\\r");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || !Character.isDefined(c)) {
                        return Optional.empty();
                    }
                    quoted.appendCodePoint(c);
                }
            }
        }
        quoted.append('"');
        if (bytes.length > head.length) {
            quoted.append("...");
        }
        return Optional.of(quoted.toString());
    }

    /** {@code 27 bytes "HTTP/1.1 400..." [48545450...]}, or {@code 4 bytes [04000101]} for bytes that are no text. */
    public static String describe(byte[] bytes) {
        if (bytes.length == 0) {
            return "no bytes";
        }
        return bytes.length + (bytes.length == 1 ? " byte " : " bytes ")
                + text(bytes).map(t -> t + " ").orElse("") + "[" + hex(bytes) + "]";
    }

    private static String decodeAllowingCutEnd(byte[] bytes) {
        for (int cut = 0; cut < 4 && cut < bytes.length; cut++) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, bytes.length - cut)).toString();
            } catch (CharacterCodingException e) {
                // Perhaps a multi-byte character cut by the head's end: try a byte shorter.
            }
        }
        return null;
    }
}
