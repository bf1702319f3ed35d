package io.secho.vectors;

import com.google.gson.JsonArray;
import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.crypto.Modp2048Group;
import io.secho.crypto.Modp2048KeyExchange;
import io.secho.crypto.RandomBytes;
import io.secho.crypto.InvalidKeyShareException;
import io.secho.crypto.X25519KeyExchange;
import io.secho.handshake.Suite;
import io.secho.wire.Frame;
import io.secho.wire.FrameType;
import io.secho.wire.Hex;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code secho_v1_handshake_test.json}: hellos and Finished messages as the receiver parses them, and frame
 * headers, each with the alert of the first failing check (spec Tables 6 and 7, REQ-FIN-2, section 4.4).
 * Every test has the complete bytes to send ({@code frame}) and the {@code suite} it is about, so a harness
 * can send it to a real peer.
 */
final class HandshakeVectors {
    static final String BASE_NAME = "secho_v1_handshake_test";
    private static final int FIXED = 37;
    private static final BigInteger P = Modp2048Group.P;
    /** Curve25519's field prime 2^255 - 19. */
    private static final BigInteger CURVE_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** The u-coordinates of low order, canonical encodings (RFC 7748 little-endian). */
    private static final String[][] LOW_ORDER = {
        {"0000000000000000000000000000000000000000000000000000000000000000", "u = 0 (order 2)"},
        {"0100000000000000000000000000000000000000000000000000000000000000", "u = 1 (order 4)"},
        {"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", "a point of order 8"},
        {"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", "the other point of order 8"},
        {"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "u = p-1 (order 4)"},
        {"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "u = p, non-canonical 0"},
        {"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "u = p+1, non-canonical 1"},
    };

    private final byte[] random;
    private final byte[] x25519Share;
    private final byte[] modpShare;
    private final byte[] x25519Private;
    private final byte[] modpPrivate;

    private HandshakeVectors() {
        RandomBytes draws = InsecureDeterministicRandomBytes.fromLabel("secho v1 vectors handshake");
        random = draws.nextBytes(32);
        x25519Private = draws.nextBytes(32);
        modpPrivate = draws.nextBytes(32);
        x25519Share = X25519KeyExchange.fromPrivateKey(x25519Private).publicShare();
        modpShare = Modp2048KeyExchange.fromPrivateKey(modpPrivate).publicShare();
    }

    static VectorFile build() {
        return new HandshakeVectors().file();
    }

    private VectorFile file() {
        VectorFile file = new VectorFile("SECHO-V1-HANDSHAKE", BASE_NAME)
                .header("Secho v1 handshake messages and frame headers as a receiver checks them.",
                        "ClientHelloTest: a server that enables 'enabledSuites' receives 'frame' as the first frame of a",
                        "connection; valid: it answers with ServerHello and Finished; invalid: it sends the plaintext",
                        "alert of the first failing check of Table 6 and no ServerHello. ServerHelloTest: a client that",
                        "offered 'suite' receives 'frame' as the server's first frame (Table 7). FinishedTest:",
                        "'receiver' gets 'frame' where the peer's Finished is due, in a session of 'suite' whose",
                        "verify_data is not the frame's (REQ-FIN-2, then REQ-FIN-3 or REQ-FIN-6). FrameHeaderTest:",
                        "'receiver' in 'state' (Tables 8 and 9; a session of 'suite' when the state needs one) reads",
                        "'frame', which is a header alone: the alert is due before any body byte (section 4.4).",
                        "Every frame is complete: header and body, the header's length matching the body, so",
                        "'frame' is exactly the bytes to send. The key shares' private keys are never needed: a",
                        "low-order x25519 share gives the all-zero secret with every private key. A server that",
                        "does not enable 'suite' answers unsupported_suite where a test expects a later check",
                        "(steps e and f) or acceptance.")
                .note("ValidHello", "BASIC", "A well-formed hello the receiver accepts.")
                .note("Truncated", "MALFORMED",
                        "The body ends inside or right after a field; the frame length matches the short body.")
                .note("TrailingBytes", "MALFORMED", "Bytes after the key share: decode_error (step c).")
                .note("ShareLengthMismatch", "MALFORMED",
                        "share_len disagrees with the number of bytes that follow it: decode_error (step c).")
                .note("WrongShareLength", "MODIFIED_INPUT", "A body consistent with its share_len, but share_len"
                        + " is not the suite's (Table 4): illegal_parameter (step e).")
                .note("WrongVersion", "MODIFIED_INPUT", "version != 0x0001: unsupported_version from a server"
                        + " (Table 6 step b), illegal_parameter from a client (Table 7 step b).")
                .note("UnknownSuite", "MODIFIED_INPUT", "A suite code that v1 does not define.")
                .note("SuiteNotEnabled", "MODIFIED_INPUT", "A v1 suite that this server does not enable.")
                .note("SuiteMismatch", "MODIFIED_INPUT", "A ServerHello whose suite is not the one offered.")
                .note("LowOrderPoint", "EDGE_CASE", "An x25519 share of small order: the shared secret is all zero,"
                        + " so illegal_parameter (REQ-KEX-4). Canonical encodings and the same with bit 255 set.")
                .note("ModpRange", "EDGE_CASE", "A modp2048 share outside 1 < y < p-1: illegal_parameter"
                        + " (REQ-KEX-7).")
                .note("ModpBoundary", "EDGE_CASE", "A modp2048 share at the edge of the valid range (2, p-2): accepted.")
                .note("NonCanonicalShare", "EDGE_CASE", "An x25519 share with bit 255 set, or at least 2^255 - 19:"
                        + " accepted and decoded as RFC 7748 says (REQ-KEX-3).")
                .note("FinishedLength", "MALFORMED", "A Finished body other than 32 bytes: decode_error (REQ-FIN-2).")
                .note("FinishedMac", "MODIFIED_INPUT", "32 bytes that are not the session's verify_data:"
                        + " handshake_failure.")
                .note("UnknownFrameType", "MALFORMED", "A frame type outside 0x01..0x05: decode_error (step 1).")
                .note("UnexpectedFrame", "MODIFIED_INPUT",
                        "A frame type the receiver's state does not allow: unexpected_message (step 2).")
                .note("Oversized", "MALFORMED", "length above the maximum of Table 2 for the type and direction:"
                        + " record_overflow (step 3), before any body byte is read.")
                .note("ShortRecord", "MALFORMED", "A record frame with length < 29: decode_error (step 4).")
                .note("CheckOrder", "ORDER", "Two faults at once; the comment names the check that fires first.");

        clientHellos(file.group("ClientHelloTest").param("enabledSuites", suites(EnumSet.allOf(Suite.class))));
        VectorFile.Group partial = file.group("ClientHelloTest")
                .param("enabledSuites", suites(EnumSet.of(Suite.X25519, Suite.MODP2048)));
        clientHello(partial, Suite.X25519, "valid x25519 ClientHello", hello(1, Suite.X25519), "ValidHello").valid();
        clientHello(partial, Suite.PSK, "psk ClientHello, psk not enabled", hello(1, Suite.PSK), "SuiteNotEnabled")
                .invalid(AlertCode.UNSUPPORTED_SUITE);
        clientHello(partial, Suite.PSK, "psk not enabled and a 32-byte share: step d fires before step e",
                body(1, Suite.PSK.code(), 32, x25519Share), "SuiteNotEnabled", "CheckOrder")
                .invalid(AlertCode.UNSUPPORTED_SUITE);

        serverHellos(file.group("ServerHelloTest"));
        finished(file.group("FinishedTest"));
        headers(file.group("FrameHeaderTest"));
        return file;
    }

    private void clientHellos(VectorFile.Group group) {
        for (Suite suite : Suite.values()) {
            clientHello(group, suite, "valid " + suite + " ClientHello", hello(1, suite), "ValidHello").valid();
        }
        clientHello(group, Suite.X25519, "empty body (step a)", new byte[0], "Truncated").invalid(AlertCode.DECODE_ERROR);
        clientHello(group, Suite.X25519, "1-byte body 00 (step a)", new byte[1], "Truncated")
                .invalid(AlertCode.DECODE_ERROR);
        for (Suite suite : Suite.values()) {
            truncations(group, suite, "ClientHello", true);
            clientHello(group, suite, suite + ": one zero byte after the key share", trailing(hello(1, suite), 1),
                    "TrailingBytes").invalid(AlertCode.DECODE_ERROR);
        }
        byte[] valid = hello(1, Suite.X25519);
        clientHello(group, Suite.X25519, "x25519 ClientHello padded with zero bytes to the 1024-byte maximum body",
                trailing(valid, 1024 - valid.length), "TrailingBytes").invalid(AlertCode.DECODE_ERROR);
        clientHello(group, Suite.X25519, "share_len 33, 32 share bytes follow",
                body(1, Suite.X25519.code(), 33, x25519Share), "ShareLengthMismatch").invalid(AlertCode.DECODE_ERROR);
        clientHello(group, Suite.X25519, "share_len 31, 32 share bytes follow",
                body(1, Suite.X25519.code(), 31, x25519Share), "ShareLengthMismatch").invalid(AlertCode.DECODE_ERROR);
        clientHello(group, Suite.X25519, "share_len 0xffff, 32 share bytes follow",
                body(1, Suite.X25519.code(), 0xffff, x25519Share), "ShareLengthMismatch")
                .invalid(AlertCode.DECODE_ERROR);
        clientHello(group, Suite.X25519, "a 33-byte random (a zero byte inserted after it): share_len reads 0x0000",
                insertAt(valid, 35), "ShareLengthMismatch").invalid(AlertCode.DECODE_ERROR);
        wrongShareLengths(group, true);

        for (int version : new int[] {0x0000, 0x0002, 0x0100, 0x0301, 0xffff}) {
            clientHello(group, Suite.X25519, String.format("version 0x%04x, otherwise a valid x25519 hello", version),
                    hello(version, Suite.X25519), "WrongVersion").invalid(AlertCode.UNSUPPORTED_VERSION);
        }
        clientHello(group, Suite.X25519, "version 0x0002 and nothing else: nothing after the version is parsed",
                new byte[] {0, 2}, "WrongVersion", "CheckOrder").invalid(AlertCode.UNSUPPORTED_VERSION);
        clientHello(group, Suite.X25519, "a future version's 1024-byte hello: unsupported_version, not decode_error",
                trailing(hello(2, Suite.X25519), 1024 - valid.length), "WrongVersion", "CheckOrder")
                .invalid(AlertCode.UNSUPPORTED_VERSION);
        clientHello(group, Suite.X25519, "version 0x0000 and a truncated body: step b fires before step c",
                Arrays.copyOf(hello(0, Suite.X25519), 20), "WrongVersion", "Truncated", "CheckOrder")
                .invalid(AlertCode.UNSUPPORTED_VERSION);

        for (int code : new int[] {0x00, 0x04, 0xff}) {
            clientHello(group, Suite.X25519, String.format("unknown suite 0x%02x, empty share", code),
                    body(1, code, 0, new byte[0]), "UnknownSuite").invalid(AlertCode.UNSUPPORTED_SUITE);
        }
        clientHello(group, Suite.X25519, "unknown suite 0x04 with a 32-byte share",
                body(1, 0x04, 32, x25519Share), "UnknownSuite").invalid(AlertCode.UNSUPPORTED_SUITE);
        clientHello(group, Suite.X25519, "unknown suite 0x04 and a trailing byte: step c fires before step d",
                trailing(body(1, 0x04, 32, x25519Share), 1), "UnknownSuite", "TrailingBytes", "CheckOrder")
                .invalid(AlertCode.DECODE_ERROR);
        clientHello(group, Suite.X25519, "unknown suite 0x04 and a wrong share length: step d fires before step e",
                body(1, 0x04, 31, Arrays.copyOf(x25519Share, 31)), "UnknownSuite", "CheckOrder")
                .invalid(AlertCode.UNSUPPORTED_SUITE);

        keyShares(group, true);
    }

    private void serverHellos(VectorFile.Group group) {
        for (Suite suite : Suite.values()) {
            serverHello(group, suite, "valid " + suite + " ServerHello", hello(1, suite), "ValidHello").valid();
        }
        serverHello(group, Suite.X25519, "empty body (step a)", new byte[0], "Truncated").invalid(AlertCode.DECODE_ERROR);
        serverHello(group, Suite.X25519, "1-byte body 00 (step a)", new byte[1], "Truncated")
                .invalid(AlertCode.DECODE_ERROR);
        for (int version : new int[] {0x0000, 0x0002, 0xffff}) {
            serverHello(group, Suite.X25519, String.format("version 0x%04x: illegal_parameter, not"
                            + " unsupported_version", version), hello(version, Suite.X25519), "WrongVersion")
                    .invalid(AlertCode.ILLEGAL_PARAMETER);
        }
        serverHello(group, Suite.X25519, "version 0x0002 and nothing else: step b fires before step c",
                new byte[] {0, 2}, "WrongVersion", "CheckOrder").invalid(AlertCode.ILLEGAL_PARAMETER);
        for (Suite suite : Suite.values()) {
            truncations(group, suite, "ServerHello", false);
            serverHello(group, suite, suite + ": one zero byte after the key share", trailing(hello(1, suite), 1),
                    "TrailingBytes").invalid(AlertCode.DECODE_ERROR);
        }
        serverHello(group, Suite.X25519, "share_len 33, 32 share bytes follow",
                body(1, Suite.X25519.code(), 33, x25519Share), "ShareLengthMismatch").invalid(AlertCode.DECODE_ERROR);
        wrongShareLengths(group, false);
        String alsoLength = ": its share length is wrong for the offered suite too; step d fires before step e";
        serverHello(group, Suite.X25519, "offered x25519, answered with a valid modp2048 ServerHello" + alsoLength,
                hello(1, Suite.MODP2048), "SuiteMismatch", "CheckOrder").invalid(AlertCode.ILLEGAL_PARAMETER);
        serverHello(group, Suite.MODP2048, "offered modp2048, answered with a valid x25519 ServerHello" + alsoLength,
                hello(1, Suite.X25519), "SuiteMismatch", "CheckOrder").invalid(AlertCode.ILLEGAL_PARAMETER);
        serverHello(group, Suite.PSK, "offered psk, answered with a valid x25519 ServerHello" + alsoLength,
                hello(1, Suite.X25519), "SuiteMismatch", "CheckOrder").invalid(AlertCode.ILLEGAL_PARAMETER);
        serverHello(group, Suite.X25519, "offered x25519, answered with x25519's share under suite 0x04",
                body(1, 0x04, 32, x25519Share), "SuiteMismatch", "UnknownSuite").invalid(AlertCode.ILLEGAL_PARAMETER);
        serverHello(group, Suite.X25519, "offered x25519, answered with psk and a trailing byte: step c fires"
                + " before step d", trailing(hello(1, Suite.PSK), 1), "SuiteMismatch", "TrailingBytes", "CheckOrder")
                .invalid(AlertCode.DECODE_ERROR);
        keyShares(group, false);
    }

    private void truncations(VectorFile.Group group, Suite suite, String message, boolean atServer) {
        byte[] valid = hello(1, suite);
        int[] cuts = suite == Suite.PSK ? new int[] {2, 3, 19, 35, 36}
                : new int[] {2, 3, 19, 35, 36, FIXED, valid.length - 1};
        for (int cut : cuts) {
            String comment = suite + " " + message + " cut to " + cut + " bytes: " + where(cut, valid.length);
            byte[] body = Arrays.copyOf(valid, cut);
            (atServer ? clientHello(group, suite, comment, body, "Truncated")
                    : serverHello(group, suite, comment, body, "Truncated")).invalid(AlertCode.DECODE_ERROR);
        }
    }

    private static String where(int cut, int full) {
        switch (cut) {
            case 2:
                return "version only";
            case 3:
                return "version and suite";
            case 19:
                return "half of random";
            case 35:
                return "no share_len";
            case 36:
                return "half of share_len";
            case FIXED:
                return "share_len but no key share";
            default:
                return cut == full - 1 ? "key share one byte short" : "?";
        }
    }

    private void wrongShareLengths(VectorFile.Group group, boolean atServer) {
        Object[][] cases = {
            {Suite.X25519, 31}, {Suite.X25519, 33}, {Suite.X25519, 0},
            {Suite.MODP2048, 255}, {Suite.MODP2048, 257}, {Suite.MODP2048, 32},
            {Suite.PSK, 32}, {Suite.PSK, 1},
        };
        for (Object[] row : cases) {
            Suite suite = (Suite) row[0];
            int length = (Integer) row[1];
            byte[] share = Arrays.copyOf(suite == Suite.MODP2048 ? modpShare : x25519Share, length);
            String comment = suite + " with a consistent " + length + "-byte key share (step e)";
            byte[] hello = body(1, suite.code(), length, share);
            (atServer ? clientHello(group, suite, comment, hello, "WrongShareLength")
                    : serverHello(group, suite, comment, hello, "WrongShareLength"))
                    .invalid(AlertCode.ILLEGAL_PARAMETER);
        }
    }

    private void keyShares(VectorFile.Group group, boolean atServer) {
        for (String[] point : LOW_ORDER) {
            byte[] share = Hex.decode(point[0]);
            requireAllZeroSecret(share);
            keyShare(group, atServer, Suite.X25519, "x25519 share " + point[1], share, "LowOrderPoint")
                    .invalid(AlertCode.ILLEGAL_PARAMETER);
            byte[] high = share.clone();
            high[31] |= (byte) 0x80;
            requireAllZeroSecret(high);
            keyShare(group, atServer, Suite.X25519, "x25519 share " + point[1] + ", bit 255 set", high,
                    "LowOrderPoint").invalid(AlertCode.ILLEGAL_PARAMETER);
        }
        byte[] highBit = x25519Share.clone();
        highBit[31] |= (byte) 0x80;
        keyShare(group, atServer, Suite.X25519, "x25519 share with bit 255 set: masked, accepted", highBit,
                "NonCanonicalShare").valid();
        keyShare(group, atServer, Suite.X25519, "x25519 share 2^255 - 10 = p + 9: the base point, non-canonical,"
                + " accepted", littleEndian(CURVE_P.add(BigInteger.valueOf(9))), "NonCanonicalShare").valid();

        BigInteger max = BigInteger.TWO.pow(2048).subtract(BigInteger.ONE);
        Object[][] range = {
            {BigInteger.ZERO, "0"}, {BigInteger.ONE, "1"}, {P.subtract(BigInteger.ONE), "p-1"}, {P, "p"},
            {P.add(BigInteger.ONE), "p+1"}, {max, "2^2048-1"},
        };
        for (Object[] row : range) {
            keyShare(group, atServer, Suite.MODP2048, "modp2048 share y = " + row[1], bigEndian((BigInteger) row[0]),
                    "ModpRange").invalid(AlertCode.ILLEGAL_PARAMETER);
        }
        keyShare(group, atServer, Suite.MODP2048, "modp2048 share y = 2: the smallest valid value",
                bigEndian(BigInteger.TWO), "ModpBoundary").valid();
        keyShare(group, atServer, Suite.MODP2048, "modp2048 share y = p-2: the largest valid value",
                bigEndian(P.subtract(BigInteger.TWO)), "ModpBoundary").valid();
    }

    private VectorFile.Test keyShare(VectorFile.Group group, boolean atServer, Suite suite, String comment,
                                     byte[] share, String flag) {
        byte[] hello = body(1, suite.code(), share.length, share);
        return atServer ? clientHello(group, suite, comment, hello, flag)
                : serverHello(group, suite, comment, hello, flag);
    }

    private void finished(VectorFile.Group group) {
        int[] lengths = {0, 1, 31, 33, 64, 1024};
        for (String receiver : new String[] {"server", "client"}) {
            for (int length : lengths) {
                group.test(receiver + " receives a Finished with a " + length + "-byte body", "FinishedLength")
                        .str("receiver", receiver).str("suite", Suite.X25519.wireName())
                        .hex("frame", new Frame(FrameType.FINISHED, new byte[length]).encode())
                        .invalid(AlertCode.DECODE_ERROR);
            }
            group.test(receiver + " receives 32 zero bytes as Finished", "FinishedMac")
                    .str("receiver", receiver).str("suite", Suite.X25519.wireName())
                    .hex("frame", new Frame(FrameType.FINISHED, new byte[32]).encode())
                    .invalid(AlertCode.HANDSHAKE_FAILURE);
        }
    }

    private static void headers(VectorFile.Group group) {
        String server = "server";
        String client = "client";
        header(group, server, "AWAIT_CLIENT_HELLO", "000000", "frame type 0x00", AlertCode.DECODE_ERROR, "UnknownFrameType");
        header(group, server, "AWAIT_CLIENT_HELLO", "060001", "frame type 0x06", AlertCode.DECODE_ERROR, "UnknownFrameType");
        header(group, server, "AWAIT_CLIENT_HELLO", "ffffff", "frame type 0xff, length 65535: step 1 fires before step 3",
                AlertCode.DECODE_ERROR, "UnknownFrameType", "CheckOrder");
        header(group, server, "AWAIT_CLIENT_HELLO", "05001d", "a record before the handshake (the lab's data first)",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "AWAIT_CLIENT_HELLO", "030020", "a Finished before the ClientHello",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "AWAIT_CLIENT_HELLO", "020045", "a ServerHello sent to a server",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "AWAIT_CLIENT_HELLO", "05ffff", "a record of length 65535 before the handshake: step 2"
                + " fires before step 3", AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame", "CheckOrder");
        header(group, server, "AWAIT_CLIENT_HELLO", "050000", "a record of length 0 before the handshake: step 2"
                + " fires before step 4", AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame", "CheckOrder");
        header(group, server, "AWAIT_CLIENT_HELLO", "010401", "ClientHello of length 1025",
                AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "AWAIT_CLIENT_HELLO", "01ffff", "ClientHello of length 65535",
                AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "AWAIT_CLIENT_HELLO", "040401", "plaintext alert of length 1025 (alerts are allowed in"
                + " every state, so step 3 applies)", AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "AWAIT_CLIENT_FINISHED", "010045", "a second ClientHello",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "AWAIT_CLIENT_FINISHED", "05001d", "a record before the client Finished",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "AWAIT_CLIENT_FINISHED", "030401", "Finished of length 1025",
                AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "AWAIT_CLIENT_FINISHED", "070000", "frame type 0x07", AlertCode.DECODE_ERROR,
                "UnknownFrameType");
        header(group, server, "ESTABLISHED", "05401e", "record of length 16414, one above the client-to-server"
                + " maximum", AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "ESTABLISHED", "05c01d", "record of length 49181: the server-to-client maximum, too"
                + " long from a client", AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "ESTABLISHED", "05ffff", "record of length 65535", AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, server, "ESTABLISHED", "05001c", "record of length 28", AlertCode.DECODE_ERROR, "ShortRecord");
        header(group, server, "ESTABLISHED", "050000", "record of length 0", AlertCode.DECODE_ERROR, "ShortRecord");
        header(group, server, "ESTABLISHED", "010045", "a ClientHello after the handshake",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "ESTABLISHED", "030020", "a Finished after the handshake",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, server, "ESTABLISHED", "040401", "plaintext alert of length 1025", AlertCode.RECORD_OVERFLOW,
                "Oversized");
        header(group, server, "ESTABLISHED", "08001d", "frame type 0x08", AlertCode.DECODE_ERROR, "UnknownFrameType");
        header(group, client, "AWAIT_SERVER_HELLO", "010045", "a ClientHello sent to a client",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, client, "AWAIT_SERVER_HELLO", "05001d", "a record before the ServerHello",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, client, "AWAIT_SERVER_HELLO", "030020", "a Finished before the ServerHello",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, client, "AWAIT_SERVER_HELLO", "020401", "ServerHello of length 1025",
                AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, client, "AWAIT_SERVER_HELLO", "000000", "frame type 0x00", AlertCode.DECODE_ERROR,
                "UnknownFrameType");
        header(group, client, "AWAIT_SERVER_FINISHED", "020045", "a second ServerHello",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, client, "AWAIT_SERVER_FINISHED", "05001d", "a record before the server Finished",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
        header(group, client, "ESTABLISHED", "05c01e", "record of length 49182, one above the server-to-client"
                + " maximum", AlertCode.RECORD_OVERFLOW, "Oversized");
        header(group, client, "ESTABLISHED", "05001c", "record of length 28", AlertCode.DECODE_ERROR, "ShortRecord");
        header(group, client, "ESTABLISHED", "030020", "a Finished after the handshake",
                AlertCode.UNEXPECTED_MESSAGE, "UnexpectedFrame");
    }

    private static void header(VectorFile.Group group, String receiver, String state, String frame, String comment,
                               AlertCode alert, String... flags) {
        group.test(comment, flags).str("receiver", receiver).str("state", state).str("suite", Suite.X25519.wireName())
                .str("frame", frame).invalid(alert);
    }

    private static VectorFile.Test clientHello(VectorFile.Group group, Suite suite, String comment, byte[] body,
                                               String... flags) {
        return helloTest(group, FrameType.CLIENT_HELLO, suite, comment, body, flags);
    }

    private static VectorFile.Test serverHello(VectorFile.Group group, Suite suite, String comment, byte[] body,
                                               String... flags) {
        return helloTest(group, FrameType.SERVER_HELLO, suite, comment, body, flags);
    }

    private static VectorFile.Test helloTest(VectorFile.Group group, FrameType type, Suite suite, String comment,
                                             byte[] body, String... flags) {
        return group.test(comment, flags).str("suite", suite.wireName()).hex("frame", new Frame(type, body).encode());
    }

    /** A well-formed hello body of the suite with the given version. */
    private byte[] hello(int version, Suite suite) {
        byte[] share = switch (suite) {
            case X25519 -> x25519Share;
            case MODP2048 -> modpShare;
            case PSK -> new byte[0];
        };
        return body(version, suite.code(), share.length, share);
    }

    /** version u16 || suite u8 || random[32] || share_len u16 || share, with share_len written as given. */
    private byte[] body(int version, int suiteCode, int shareLength, byte[] share) {
        byte[] out = new byte[FIXED + share.length];
        out[0] = (byte) (version >>> 8);
        out[1] = (byte) version;
        out[2] = (byte) suiteCode;
        System.arraycopy(random, 0, out, 3, 32);
        out[35] = (byte) (shareLength >>> 8);
        out[36] = (byte) shareLength;
        System.arraycopy(share, 0, out, FIXED, share.length);
        return out;
    }

    private static byte[] insertAt(byte[] body, int offset) {
        byte[] out = new byte[body.length + 1];
        System.arraycopy(body, 0, out, 0, offset);
        System.arraycopy(body, offset, out, offset + 1, body.length - offset);
        return out;
    }

    private static byte[] trailing(byte[] body, int extra) {
        return Arrays.copyOf(body, body.length + extra);
    }

    private static byte[] bigEndian(BigInteger value) {
        byte[] magnitude = value.toByteArray();
        byte[] out = new byte[Modp2048Group.ELEMENT_LENGTH];
        int copy = Math.min(magnitude.length, out.length);
        System.arraycopy(magnitude, magnitude.length - copy, out, out.length - copy, copy);
        return out;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private void requireAllZeroSecret(byte[] share) {
        try {
            X25519KeyExchange.fromPrivateKey(x25519Private).sharedSecret(share);
        } catch (InvalidKeyShareException expected) {
            return;
        }
        throw new IllegalStateException("not a low-order point: " + Hex.encode(share));
    }

    private static JsonArray suites(Set<Suite> suites) {
        JsonArray out = new JsonArray();
        suites.forEach(suite -> out.add(suite.wireName()));
        return out;
    }
}
