#!/usr/bin/env python3
"""A small Secho v1 client in Python, written from spec/secho-v1.md alone: a client in another language for
the harness's client cases, and, with --fault, a broken client for its fault matrix.

It follows the client contract of the conformance harness: it reads the messages from standard input, one per
line (UTF-8; an empty line or the end of input ends the session), prints each reply on its own line, and exits
0 when the session ended cleanly (every message answered, Close exchanged), 1 when it detected an error (a
message on standard error says which), 2 for a usage error and 127 when it does not support the suite asked
for (--no-suite). It waits for each reply before it sends the next message.

By default it is correct: every client MUST of the spec (Table 7 checks in order, key share validation,
Finished verification, nonces salt || seq from 0, the record checks of Table 12 in order, the UTF-8 check of
replies, no reply printed before its record passed every check, alerts plaintext before ESTABLISHED and
encrypted after, no answer to an alert, the authenticated close, truncation as an error, every wait bounded
by --timeout, at most 30 s, and the closing procedure, never a reset). Each --fault NAME puts back one
plausible mistake; --list-faults prints them, each with the requirement it breaks.

It uses Python's `cryptography` (Debian: python3-cryptography) for X25519 and AES-GCM, the standard library for
SHA-256, HMAC and HKDF, and Python integers for modp2048. It never prints keys, and prints message contents
only as the replies on standard output.

    printf 'hello\\nstraße\\n' | python3 secho_client.py --host 127.0.0.1 --port 8443 --suite x25519 --psk-file k
"""

import argparse
import hashlib
import hmac
import os
import select
import socket
import struct
import sys
import time

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# Section 6.2: P of RFC 3526 group 14 (g = 2), the group of the lab's dh variant too.
from lab_server import P

NAME = "secho_client.py"

# Table 4.
SUITES = {"x25519": (0x01, 32), "modp2048": (0x02, 256), "psk": (0x03, 0)}
VERSION = 0x0001

# Table 2.
CLIENT_HELLO, SERVER_HELLO, FINISHED, ALERT, RECORD = 0x01, 0x02, 0x03, 0x04, 0x05
MAX_PLAINTEXT_BODY = 1024
MAX_RECORD_S2C = 49181
MIN_RECORD = 29
MAX_REQUEST = 16384

# Section 9.1.
DATA, CLOSE, ENCRYPTED_ALERT = 0x01, 0x02, 0x03

# Table 13.
ALERTS = {
    "decode_error": 0x01, "unsupported_version": 0x02, "unsupported_suite": 0x03, "illegal_parameter": 0x04,
    "handshake_failure": 0x05, "bad_record_mac": 0x06, "unexpected_message": 0x07, "record_overflow": 0x08,
    "bad_sequence": 0x09, "bad_payload": 0x0A, "timeout": 0x0B, "internal_error": 0x0C, "busy": 0x0D,
}
ALERT_NAMES = {code: name for name, code in ALERTS.items()}

DRAIN_SECONDS = 2.0   # REQ-ALERT-4
MAX_TIMEOUT = 30.0    # REQ-LIM-8

# One plausible mistake each; the line says which requirement it breaks.
FAULTS = {
    "nonce-reuse": "REQ-REC-2: the sequence number is never incremented, so every record reuses nonce salt || 0",
    "seq-from-1": "REQ-REC-2: the first record is sent with seq 1 instead of 0",
    "wrong-direction-keys": "REQ-KS-4: records are sealed with s2c_key and s2c_salt instead of the c2s ones",
    "empty-aad": "REQ-REC-3: records are sealed without the frame header as associated data",
    "no-tag-check": "REQ-REC-6, REQ-REC-7: a reply whose tag does not verify is decrypted anyway and printed",
    "no-seq-check": "REQ-REC-8: the received nonce is not compared with s2c_salt || expected seq",
    "prints-before-check": "REQ-ECHO-12, REQ-REC-8: a reply is printed once its tag verifies, before the sequence "
                           "and UTF-8 checks",
    "no-utf8-check": "REQ-ECHO-13: a reply that is not UTF-8 is printed with replacement characters",
    "no-inner-type-check": "REQ-REC-10: an unknown inner type or a Close with a payload is taken as a reply",
    "no-low-order-check": "REQ-KEX-4: an x25519 share giving the all-zero secret is accepted",
    "no-modp-range-check": "REQ-KEX-7: a modp2048 share outside 1 < y < p-1 is accepted",
    "no-finished-check": "REQ-FIN-3: the server's Finished is not verified",
    "no-version-check": "REQ-HS-8: the ServerHello's version is not checked",
    "no-suite-check": "REQ-HS-8: the ServerHello's suite is not compared with the one proposed",
    "no-share-len-check": "REQ-HS-8, REQ-KEX-9: the ServerHello's share_len is not checked against the suite",
    "static-share": "REQ-HS-3, REQ-KEX-1: the same random and key share on every connection",
    "retry-other-suite": "REQ-HS-5: after unsupported_suite, a second ClientHello (another suite) on the same "
                         "connection",
    "one-frame-per-recv": "REQ-FRM-4: each recv() is taken to end at a frame boundary; a frame split across reads "
                          "is cut short (decode_error)",
    "unknown-frame-ignored": "REQ-FRM-7: a frame of an unknown type is skipped instead of answered with "
                             "decode_error",
    "no-state-check": "REQ-FRM-8: a hello or Finished in ESTABLISHED is skipped instead of answered with "
                      "unexpected_message",
    "no-size-check": "REQ-FRM-9, REQ-FRM-10: a record longer than 49181 bytes is awaited instead of answered with "
                     "record_overflow",
    "no-timeout": "REQ-LIM-8: every wait for the server is unbounded",
    "fin-is-clean": "REQ-CLOSE-6: EOF without the server's Close is taken for a clean end (exit 0)",
    "no-close": "REQ-CLOSE-1: the session ends with FIN, no Close record",
    "no-wait-for-close": "REQ-CLOSE-2: Close is sent and the connection closed at once, without waiting for the "
                         "server's Close",
    "unsolicited-reply-accepted": "REQ-CLOSE-9: a data record with no request outstanding is printed (or taken "
                                  "for the next reply)",
    "early-close-is-clean": "REQ-CLOSE-10: the server's Close before the client's own ends the session as clean",
    "alert-answers-alert": "REQ-ALERT-9: a received alert is answered with an alert of the same code",
    "answers-malformed-alert": "REQ-ALERT-10: a plaintext alert whose body is not 1 byte is answered with "
                               "decode_error",
    "plaintext-alert-after-established": "REQ-ALERT-2: alerts in ESTABLISHED are sent as plaintext frames",
    "reset-on-close": "REQ-ALERT-5, REQ-CLOSE-12: every connection ends with a TCP reset (SO_LINGER 0), no "
                      "half-close or drain",
}


def log(line):
    print("%s: %s" % (NAME, line), file=sys.stderr, flush=True)


# --- the session's ways to end ------------------------------------------------------------------------------

class Failure(Exception):
    """We detected an error: send this alert (Table 13), then the closing procedure."""

    def __init__(self, alert, detail):
        super().__init__(detail)
        self.alert = alert


class PeerAlert(Exception):
    """The server sent an alert (REQ-ALERT-8)."""

    def __init__(self, code, encrypted, malformed=False):
        name = "malformed (not 1 byte)" if malformed else ALERT_NAMES.get(code, "unknown (0x%02x)" % code)
        super().__init__("the server sent alert %s (%s)" % (name, "encrypted" if encrypted else "plaintext"))
        self.code = code
        self.encrypted = encrypted
        self.malformed = malformed


class Truncated(Exception):
    """EOF without the server's Close (REQ-CLOSE-6)."""


class TimedOut(Exception):
    """A wait for the server ran out (REQ-LIM-8)."""


class ServerClosed(Exception):
    """The server's Close arrived."""


# --- bytes on the wire ----------------------------------------------------------------------------------------

def frame(frame_type, body):
    return bytes([frame_type]) + len(body).to_bytes(2, "big") + body


class Wire:
    """Whole frames from a socket however TCP splits or joins them (REQ-FRM-4, REQ-FRM-5)."""

    def __init__(self, sock, timeout, faults):
        self.sock = sock
        self.timeout = None if "no-timeout" in faults else timeout
        self.faults = faults
        self.buffer = bytearray()
        self.whole_reads = "one-frame-per-recv" in faults

    def deadline(self):
        return None if self.timeout is None else time.monotonic() + self.timeout

    def fill(self, deadline):
        if deadline is None:
            self.sock.settimeout(None)
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimedOut()
            self.sock.settimeout(left)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            raise TimedOut()
        except OSError as e:
            raise Truncated("the connection failed: %s" % (e.strerror or e))  # REQ-CLOSE-8
        if not data:
            raise Truncated("the server closed the connection" + (" in the middle of a frame" if self.buffer
                                                                   else "") + " without Close")
        self.buffer += data

    def take(self, n, deadline):
        while len(self.buffer) < n:
            if self.whole_reads and self.buffer:
                # The mistake: the read that brought the start of this frame was taken to hold all of it.
                raise Failure("decode_error", "a frame was cut short (%d of %d bytes in the read)"
                              % (len(self.buffer), n))
            self.fill(deadline)
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    def pending(self):
        """Whether anything (bytes or EOF) arrived that nobody asked for."""
        if self.buffer:
            return True
        readable, _, _ = select.select([self.sock], [], [], 0)
        return bool(readable)

    def read_frame(self, allowed, established):
        """The header checks of Section 4.4 in order, before any body byte is read (REQ-FRM-6)."""
        deadline = self.deadline()
        while True:
            header = self.take(3, deadline)
            frame_type, length = header[0], int.from_bytes(header[1:3], "big")
            if not CLIENT_HELLO <= frame_type <= RECORD:
                if "unknown-frame-ignored" in self.faults:
                    self.take(length, deadline)
                    continue
                raise Failure("decode_error", "unknown frame type 0x%02x" % frame_type)  # REQ-FRM-7
            if frame_type not in allowed:
                if "no-state-check" in self.faults and established and frame_type != RECORD:
                    self.take(length, deadline)
                    continue
                raise Failure("unexpected_message", "frame type 0x%02x is not allowed here" % frame_type)  # REQ-FRM-8
            limit = MAX_RECORD_S2C if frame_type == RECORD else MAX_PLAINTEXT_BODY
            if length > limit and "no-size-check" not in self.faults:
                raise Failure("record_overflow", "frame length %d exceeds %d" % (length, limit))  # REQ-FRM-9
            if frame_type == RECORD and length < MIN_RECORD:
                raise Failure("decode_error", "record length %d is below %d" % (length, MIN_RECORD))  # REQ-FRM-11
            return frame_type, header, self.take(length, deadline)


# --- the handshake ----------------------------------------------------------------------------------------------

def hkdf_expand(prk, info, length):
    """RFC 5869 for L <= 32: the first L bytes of HMAC(prk, info || 0x01)."""
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()[:length]


class KeyShare:
    """Our side of the key exchange (Section 6), and the checks on the server's share."""

    def __init__(self, suite, psk, faults):
        self.suite = suite
        self.psk = psk
        self.faults = faults
        static = "static-share" in faults
        if suite == "x25519":
            # REQ-KEX-2: 32 bytes from the CSPRNG; X25519 clamps them.
            self.private = (X25519PrivateKey.from_private_bytes(hashlib.sha256(b"static x25519").digest())
                            if static else X25519PrivateKey.generate())
            self.share = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        elif suite == "modp2048":
            # REQ-KEX-5: 256 bits from the CSPRNG, drawn again if below 2; REQ-KEX-6: y = 2^x mod p, 256 bytes.
            self.x = 0
            while self.x < 2:
                self.x = int.from_bytes(hashlib.sha256(b"static modp2048").digest() if static else os.urandom(32),
                                        "big")
            self.share = pow(2, self.x, P).to_bytes(256, "big")
        else:
            self.share = b""

    def secret(self, peer_share):
        if self.suite == "x25519":
            try:
                # REQ-KEX-3: any 32 bytes, decoded as RFC 7748 says; the library refuses the all-zero result.
                return self.private.exchange(X25519PublicKey.from_public_bytes(peer_share))
            except ValueError:
                if "no-low-order-check" in self.faults:
                    return bytes(32)
                raise Failure("illegal_parameter", "the server's x25519 share gives the all-zero secret")  # REQ-KEX-4
        if self.suite == "modp2048":
            y = int.from_bytes(peer_share, "big")
            if not 1 < y < P - 1 and "no-modp-range-check" not in self.faults:
                raise Failure("illegal_parameter", "the server's modp2048 share is outside 1 < y < p-1")  # REQ-KEX-7
            return pow(y, self.x, P).to_bytes(256, "big")  # REQ-KEX-8
        return self.psk


class Keys:
    """The key schedule of Section 7."""

    def __init__(self, secret, client_hello, server_hello):
        th1 = hashlib.sha256(client_hello + server_hello).digest()
        prk = hmac.new(b"secho v1", secret, hashlib.sha256).digest()
        self.c2s_key = hkdf_expand(prk, b"c2s key" + th1, 32)
        self.s2c_key = hkdf_expand(prk, b"s2c key" + th1, 32)
        self.c2s_salt = hkdf_expand(prk, b"c2s salt" + th1, 4)
        self.s2c_salt = hkdf_expand(prk, b"s2c salt" + th1, 4)
        self.c_fin = hkdf_expand(prk, b"c finished" + th1, 32)
        self.s_fin = hkdf_expand(prk, b"s finished" + th1, 32)
        self.server_verify_data = hmac.new(self.s_fin, th1, hashlib.sha256).digest()
        self.transcript = client_hello + server_hello

    def client_verify_data(self, server_finished):
        th2 = hashlib.sha256(self.transcript + server_finished).digest()
        return hmac.new(self.c_fin, th2, hashlib.sha256).digest()


def client_hello(suite, share, faults):
    random = hashlib.sha256(b"static random").digest() if "static-share" in faults else os.urandom(32)  # REQ-HS-3
    code, _ = SUITES[suite]
    body = VERSION.to_bytes(2, "big") + bytes([code]) + random + len(share).to_bytes(2, "big") + share
    return frame(CLIENT_HELLO, body)  # REQ-HS-1


def check_server_hello(body, suite, faults):
    """Table 7, steps a to e, in order (REQ-HS-8); step f is the key share's own check. Returns the share."""
    code, share_length = SUITES[suite]
    if len(body) < 2:
        raise Failure("decode_error", "ServerHello body of %d bytes" % len(body))
    if int.from_bytes(body[0:2], "big") != VERSION and "no-version-check" not in faults:
        raise Failure("illegal_parameter", "ServerHello version 0x%04x" % int.from_bytes(body[0:2], "big"))
    if len(body) < 37 or len(body) != 37 + int.from_bytes(body[35:37], "big"):
        raise Failure("decode_error", "ServerHello body of %d bytes does not match its share_len" % len(body))
    if body[2] != code and "no-suite-check" not in faults:
        raise Failure("illegal_parameter", "ServerHello suite 0x%02x, not the one proposed" % body[2])
    if int.from_bytes(body[35:37], "big") != share_length and "no-share-len-check" not in faults:
        raise Failure("illegal_parameter", "ServerHello share_len %d for suite %s" % (
            int.from_bytes(body[35:37], "big"), suite))
    return body[37:]


# --- the session --------------------------------------------------------------------------------------------

class Session:
    def __init__(self, sock, args):
        self.sock = sock
        self.faults = set(args.fault)
        self.suite = args.suite
        self.psk = args.psk
        self.wire = Wire(sock, args.timeout, self.faults)
        self.keys = None
        self.send_seq = 1 if "seq-from-1" in self.faults else 0
        self.receive_seq = 0
        self.established = False
        self.close_sent = False
        self.awaiting = "the ServerHello"
        self.out = sys.stdout.buffer

    # Sending.

    def send(self, data):
        self.sock.sendall(data)

    def seal(self, inner_type, payload):
        """REQ-REC-1 to REQ-REC-3: nonce salt || seq, AAD the header, body nonce || ciphertext || tag."""
        if "wrong-direction-keys" in self.faults:
            key, salt = self.keys.s2c_key, self.keys.s2c_salt
        else:
            key, salt = self.keys.c2s_key, self.keys.c2s_salt
        nonce = salt + self.send_seq.to_bytes(8, "big")
        if "nonce-reuse" not in self.faults:
            self.send_seq += 1
        header = bytes([RECORD]) + (MIN_RECORD + len(payload)).to_bytes(2, "big")
        aad = b"" if "empty-aad" in self.faults else header
        return header + nonce + AESGCM(key).encrypt(nonce, bytes([inner_type]) + payload, aad)

    def send_alert(self, name):
        """Plaintext until we verified the server's Finished, encrypted after (REQ-ALERT-2)."""
        code = ALERTS[name]
        if self.established and "plaintext-alert-after-established" not in self.faults:
            data = self.seal(ENCRYPTED_ALERT, bytes([code]))
        else:
            data = frame(ALERT, bytes([code]))
        try:
            self.send(data)
        except OSError:
            pass  # the alert is a courtesy; the closing procedure ends the connection either way

    # Receiving.

    def open(self, header, body):
        """Table 12, steps 2 to 5, in order (REQ-REC-5). Returns (inner type, payload)."""
        nonce, sealed = body[:12], body[12:]
        try:
            inner = AESGCM(self.keys.s2c_key).decrypt(nonce, sealed, header)  # REQ-REC-6
        except InvalidTag:
            if "no-tag-check" not in self.faults:
                raise Failure("bad_record_mac", "a record's tag does not verify")
            # GCM without its tag is CTR from counter 2 (NIST SP 800-38D, 96-bit IV).
            decryptor = Cipher(algorithms.AES(self.keys.s2c_key), modes.CTR(nonce + b"\x00\x00\x00\x02")).decryptor()
            inner = decryptor.update(sealed[:-16]) + decryptor.finalize()
        printed = False
        if "prints-before-check" in self.faults and inner[:1] == bytes([DATA]):
            self.deliver(inner[1:].decode("utf-8", "replace").encode("utf-8"))
            printed = True
        expected = self.keys.s2c_salt + self.receive_seq.to_bytes(8, "big")
        if nonce != expected and "no-seq-check" not in self.faults:
            raise Failure("bad_sequence", "a record's nonce is not s2c_salt || %d" % self.receive_seq)  # REQ-REC-8
        self.receive_seq += 1  # REQ-REC-9
        inner_type, payload = inner[0], inner[1:]
        if "no-inner-type-check" not in self.faults:  # REQ-REC-10
            if inner_type not in (DATA, CLOSE, ENCRYPTED_ALERT):
                raise Failure("decode_error", "inner type 0x%02x" % inner_type)
            if inner_type == CLOSE and payload:
                raise Failure("decode_error", "a Close with a payload")
        elif inner_type not in (DATA, CLOSE, ENCRYPTED_ALERT) or (inner_type == CLOSE and payload):
            inner_type = DATA
        if inner_type == ENCRYPTED_ALERT:
            if len(payload) != 1:
                raise Failure("decode_error", "an encrypted alert of %d bytes" % len(payload))
            raise PeerAlert(payload[0], True)
        return inner_type, payload, printed

    def plaintext_alert(self, body):
        """REQ-ALERT-8 to REQ-ALERT-10: any alert ends the connection, and gets no answer."""
        if len(body) != 1:
            if "answers-malformed-alert" in self.faults:
                raise Failure("decode_error", "a plaintext alert of %d bytes" % len(body))
            raise PeerAlert(0, False, malformed=True)
        raise PeerAlert(body[0], False)

    def record(self):
        """The next data or close record in ESTABLISHED."""
        frame_type, header, body = self.wire.read_frame({RECORD, ALERT}, True)
        if frame_type == ALERT:
            self.plaintext_alert(body)
        return self.open(header, body)

    # The steps of a session.

    def handshake(self):
        share = KeyShare(self.suite, self.psk, self.faults)
        hello = client_hello(self.suite, share.share, self.faults)
        self.send(hello)
        while True:
            frame_type, header, body = self.wire.read_frame({SERVER_HELLO, ALERT}, False)
            if frame_type != ALERT:
                break
            try:
                self.plaintext_alert(body)
            except PeerAlert as e:
                if "retry-other-suite" in self.faults and e.code == ALERTS["unsupported_suite"]:
                    other = [s for s in SUITES if s != self.suite][0]
                    self.send(client_hello(other, KeyShare(other, self.psk, self.faults).share, self.faults))
                    continue
                raise
        server_hello = header + body
        secret = share.secret(check_server_hello(body, self.suite, self.faults))
        self.keys = Keys(secret, hello, server_hello)
        self.awaiting = "the server's Finished"
        frame_type, header, body = self.wire.read_frame({FINISHED, ALERT}, False)
        if frame_type == ALERT:
            self.plaintext_alert(body)
        if len(body) != 32:
            raise Failure("decode_error", "server Finished of %d bytes" % len(body))  # REQ-FIN-2
        if not hmac.compare_digest(body, self.keys.server_verify_data) and "no-finished-check" not in self.faults:
            raise Failure("handshake_failure", "the server's Finished does not verify (a different PSK?)")  # REQ-FIN-3
        self.established = True
        self.send(frame(FINISHED, self.keys.client_verify_data(header + body)))  # REQ-FIN-4

    def reject_unsolicited(self):
        """REQ-CLOSE-9, REQ-CLOSE-10: with no request outstanding, anything that arrived was sent unasked."""
        if "unsolicited-reply-accepted" in self.faults or not self.wire.pending():
            return
        inner_type, _, _ = self.record()
        if inner_type == CLOSE:
            if "early-close-is-clean" in self.faults:
                raise ServerClosed()
            raise Failure("unexpected_message", "the server sent Close before the client did")
        raise Failure("unexpected_message", "the server sent a data record when no request was outstanding")

    def echo(self, message):
        self.reject_unsolicited()
        self.send(self.seal(DATA, message))
        self.awaiting = "the server's reply"
        inner_type, payload, printed = self.record()
        if inner_type == CLOSE:
            if "early-close-is-clean" in self.faults:
                raise ServerClosed()
            raise Failure("unexpected_message", "the server sent Close instead of a reply")  # REQ-CLOSE-10
        if "no-utf8-check" in self.faults:
            payload = payload.decode("utf-8", "replace").encode("utf-8")
        else:
            try:
                payload.decode("utf-8")  # strict: no overlongs, surrogates or values above U+10FFFF
            except UnicodeDecodeError:
                raise Failure("bad_payload", "the reply is not well-formed UTF-8")  # REQ-ECHO-13
        if not printed:
            self.deliver(payload)  # REQ-ECHO-12: only now, after every check

    def deliver(self, payload):
        self.out.write(payload + b"\n")
        self.out.flush()

    def close(self):
        """REQ-CLOSE-1, REQ-CLOSE-2: Close last, then read until the server's Close."""
        self.reject_unsolicited()
        if "no-close" in self.faults:
            return
        self.send(self.seal(CLOSE, b""))
        self.close_sent = True
        self.awaiting = "the server's Close"
        if "no-wait-for-close" in self.faults:
            return
        while True:
            inner_type, payload, _ = self.record()
            if inner_type == CLOSE:
                return
            if "unsolicited-reply-accepted" in self.faults:
                self.deliver(payload)
                continue
            raise Failure("unexpected_message", "a data record after the client's Close")  # REQ-CLOSE-9


def end_connection(sock, faults):
    """The closing procedure (REQ-ALERT-4, REQ-CLOSE-12): FIN, drain for at most 2 s or until EOF, close."""
    if "reset-on-close" in faults:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        return
    try:
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + DRAIN_SECONDS
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            sock.settimeout(left)
            if not sock.recv(65536):
                break
    except OSError:
        pass
    sock.close()


def read_psk(path):
    """REQ-KEX-11: exactly 64 hex digits, then at most one LF or CRLF. The content is never shown."""
    with open(path, "rb") as f:
        content = f.read(1025)
    digits = content[:-1] if content.endswith(b"\n") else content
    digits = digits[:-1] if content.endswith(b"\n") and digits.endswith(b"\r") else digits
    if len(digits) != 64 or any(c not in b"0123456789abcdefABCDEF" for c in digits):
        raise ValueError("%s: a PSK file must hold exactly 64 hex digits, optionally followed by one line end"
                         % path)
    return bytes.fromhex(digits.decode("ascii"))


def messages(stdin):
    """One message a line; an empty line or the end of input ends the session (REQ-ECHO-5)."""
    for line in stdin:
        line = line[:-1] if line.endswith(b"\n") else line
        line = line[:-1] if line.endswith(b"\r") else line
        if not line:
            return
        yield line


def connect(name, host, port, timeout):
    """The client's TCP connection, or None after saying why there is none."""
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as e:
        print("%s: cannot connect to %s:%d: %s" % (name, host, port, e.strerror or e), file=sys.stderr, flush=True)
        return None
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def run(args):
    faults = set(args.fault)
    sock = connect(NAME, args.host, args.port, args.timeout)
    if sock is None:
        return 1
    session = Session(sock, args)
    try:
        session.handshake()
        log("connected to %s:%d, suite %s" % (args.host, args.port, args.suite))
        for message in messages(sys.stdin.buffer):
            try:
                message.decode("utf-8")
            except UnicodeDecodeError:
                log("a line of standard input is not UTF-8; the session is closed without sending it")
                session.close()
                end_connection(sock, faults)
                return 1
            if len(message) > MAX_REQUEST:
                log("a message of %d bytes is longer than %d; the session is closed without sending it"
                    % (len(message), MAX_REQUEST))
                session.close()
                end_connection(sock, faults)
                return 1
            session.echo(message)
        session.close()
        end_connection(sock, faults)
        return 0
    except Failure as e:
        log("%s; sent alert %s" % (e, e.alert))
        session.send_alert(e.alert)
        end_connection(sock, faults)
        return 1
    except PeerAlert as e:
        log(str(e))
        if "alert-answers-alert" in faults:
            session.send_alert(ALERT_NAMES.get(e.code, "decode_error"))
        end_connection(sock, faults)
        return 1
    except ServerClosed:
        end_connection(sock, faults)
        return 0
    except Truncated as e:
        end_connection(sock, faults)
        if "fin-is-clean" in faults and session.established:
            return 0
        log(str(e))
        return 1
    except TimedOut:
        log("no answer within %gs (waiting for %s)" % (args.timeout, session.awaiting))
        if not session.close_sent:
            session.send_alert("timeout")  # REQ-LIM-8 allows it; never after our Close (REQ-CLOSE-1)
        end_connection(sock, faults)
        return 1
    except OSError as e:
        log("the connection failed: %s" % (e.strerror or e))
        sock.close()
        return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--suite", required=True, help="x25519, modp2048 or psk")
    parser.add_argument("--psk-file", help="the psk suite's key: 64 hex digits and at most one line end")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="bound on each wait for the server, in seconds (default 10, at most 30)")
    parser.add_argument("--no-suite", action="append", default=[], choices=sorted(SUITES),
                        help="act as a client that does not implement this suite: exit 127 (repeatable)")
    parser.add_argument("--fault", action="append", default=[], choices=sorted(FAULTS), metavar="NAME",
                        help="put back one mistake (repeatable); --list-faults lists them")
    parser.add_argument("--list-faults", action="store_true", help="list the faults and the requirement each breaks")
    if "--list-faults" in sys.argv[1:]:
        for name, broken in FAULTS.items():
            print("%-34s %s" % (name, broken))
        return 0
    args = parser.parse_args()
    if args.suite not in SUITES or args.suite in args.no_suite:
        log("suite %s is not supported by this client" % args.suite)
        return 127
    if not 0 < args.timeout <= MAX_TIMEOUT:
        parser.error("--timeout must be more than 0 and at most %g seconds (REQ-LIM-8)" % MAX_TIMEOUT)
    args.psk = None
    if args.suite == "psk":
        if not args.psk_file:
            parser.error("suite psk needs --psk-file")
        try:
            args.psk = read_psk(args.psk_file)
        except (OSError, ValueError) as e:
            log(str(e) if isinstance(e, ValueError) else "%s: %s" % (args.psk_file, e.strerror or e))
            return 1
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
