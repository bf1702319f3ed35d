#!/usr/bin/env python3
"""A Secho v1 server in Python, written from spec/secho-v1.md alone: a server that shares no code with the
reference implementation, so that the conformance harness is shown to pass an independent implementation and
not only the reference it was built next to.

It implements every server MUST of the spec: the header checks of Section 4.4 in order, the ClientHello checks
of Table 6 in order, the x25519, modp2048 and psk key exchanges with their share validation, the key schedule
of Section 7, Finished in both directions (compared in constant time), records with the checks of Table 12 in
order, the echo of Section 10 (strict UTF-8, full default upper-casing), the authenticated close, alerts
plaintext before ESTABLISHED and encrypted after, at most one alert per connection, every connection ended by
the closing procedure (half-close, drain for at most 2 s, close; never a reset), the handshake and idle
timeouts and the connection limit with `busy`.

    python3 secho_server.py --port 8443 [--host 127.0.0.1] [--psk-file F] [--suites x25519,modp2048,psk]
        [--handshake-timeout S] [--idle-timeout S] [--max-connections N] [--lifetime S]

It prints `listening on HOST:PORT` on standard output once it accepts connections, serves each connection in a
thread of its own, logs one line per connection on standard error (never keys or message contents) and stops
by itself after --lifetime seconds, or on SIGTERM. `--self-test-echo VECTORS` checks its echo transform against
vectors/secho_v1_echo_test.json instead of serving.

It uses Python's `cryptography` for X25519 and AES-GCM, the standard library for SHA-256, HMAC and HKDF, and
Python integers for modp2048.
"""

import argparse
import hashlib
import hmac
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# Section 6.2: P of RFC 3526 group 14 (g = 2); lab_server.py holds the same prime for the lab's dh variant.
from lab_server import P
# The same on both sides of a connection: a frame (Table 1), HKDF-Expand for L <= 32, the closing procedure
# (REQ-ALERT-4, REQ-CLOSE-12) and the PSK file format (REQ-KEX-11).
from secho_client import end_connection, frame, hkdf_expand, read_psk

G = 2
VERSION = 0x0001

# Table 4: name -> (code, share_len).
SUITES = {"x25519": (0x01, 32), "modp2048": (0x02, 256), "psk": (0x03, 0)}
SUITE_NAMES = {code: name for name, (code, _) in SUITES.items()}

# Table 2.
CLIENT_HELLO, SERVER_HELLO, FINISHED, ALERT, RECORD = 0x01, 0x02, 0x03, 0x04, 0x05
MAX_PLAINTEXT_BODY = 1024
MAX_RECORD_C2S = 16413
MIN_RECORD = 29

# Section 9.1.
DATA, CLOSE, ENCRYPTED_ALERT = 0x01, 0x02, 0x03

# Table 13.
DECODE_ERROR, UNSUPPORTED_VERSION, UNSUPPORTED_SUITE, ILLEGAL_PARAMETER = 0x01, 0x02, 0x03, 0x04
HANDSHAKE_FAILURE, BAD_RECORD_MAC, UNEXPECTED_MESSAGE, RECORD_OVERFLOW = 0x05, 0x06, 0x07, 0x08
BAD_SEQUENCE, BAD_PAYLOAD, TIMEOUT, INTERNAL_ERROR, BUSY = 0x09, 0x0A, 0x0B, 0x0C, 0x0D
ALERT_NAMES = {
    0x01: "decode_error", 0x02: "unsupported_version", 0x03: "unsupported_suite", 0x04: "illegal_parameter",
    0x05: "handshake_failure", 0x06: "bad_record_mac", 0x07: "unexpected_message", 0x08: "record_overflow",
    0x09: "bad_sequence", 0x0A: "bad_payload", 0x0B: "timeout", 0x0C: "internal_error", 0x0D: "busy",
}

# Table 8: the frame types allowed in each state (header step 2).
AWAIT_CLIENT_HELLO, AWAIT_CLIENT_FINISHED, ESTABLISHED = "AWAIT_CLIENT_HELLO", "AWAIT_CLIENT_FINISHED", "ESTABLISHED"
ALLOWED = {
    AWAIT_CLIENT_HELLO: (CLIENT_HELLO, ALERT),
    AWAIT_CLIENT_FINISHED: (FINISHED, ALERT),
    ESTABLISHED: (RECORD, ALERT),
}

DRAIN_SECONDS = 2.0            # REQ-ALERT-4
MAX_HANDSHAKE_TIMEOUT = 30.0   # REQ-LIM-2


def log(line):
    print("secho_server.py: " + line, file=sys.stderr, flush=True)


def echo(payload):
    """Section 10: strict UTF-8 decoding, full default upper-casing, UTF-8 encoding; None when ill-formed.

    Python's strict "utf-8" codec accepts exactly the well-formed sequences of Table 3-7 (it rejects overlongs,
    encoded surrogates, values above U+10FFFF, truncated sequences, stray continuation bytes and C0, C1,
    F5..FF). str.upper() is the full mapping of Section 10.3: its tables take SpecialCasing.txt's unconditional
    entries and skip the conditional and language-specific ones, and it never looks at the locale. The echo
    vectors hold both to the spec (--self-test-echo). Checked once more widely with Python 3.11 (Unicode
    14.0): str.upper() equals Perl 5.36's uc (Unicode 14.0) on all 1,112,064 scalar values, and gives every
    unconditional entry of SpecialCasing.txt."""
    try:
        text = payload.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return None
    return text.upper().encode("utf-8")


class Truncated(Exception):
    """EOF, or a reset or other transport error (REQ-CLOSE-6, REQ-CLOSE-8)."""


class Expired(Exception):
    """The handshake or idle deadline passed while waiting for input."""


class Fatal(Exception):
    """A failed check: the alert to send."""

    def __init__(self, code, why):
        super().__init__(why)
        self.code = code


class PeerAlert(Exception):
    """The client sent an alert: send nothing, closing procedure (REQ-ALERT-8, REQ-ALERT-9)."""


class ClientClosed(Exception):
    """The client's Close was answered with ours: closing procedure (REQ-CLOSE-3)."""


class Connection:
    def __init__(self, server, sock, peer):
        self.server = server
        self.sock = sock
        self.peer = peer
        self.buffer = bytearray()
        self.state = AWAIT_CLIENT_HELLO
        self.deadline = time.monotonic() + server.handshake_timeout
        self.suite = None
        self.requests = 0
        self.send_seq = 0
        self.recv_seq = 0

    # --- input ---------------------------------------------------------------------------------------------

    def read_exact(self, n):
        """Exactly n bytes, over as many reads as needed (REQ-FRM-4); the rest stays buffered (REQ-FRM-5)."""
        while len(self.buffer) < n:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise Expired()
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise Expired()
            except OSError as e:
                raise Truncated("transport error: " + type(e).__name__)
            if not chunk:
                raise Truncated("EOF")
            self.buffer += chunk
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    def read_frame(self):
        """The next frame, after the header checks of Section 4.4 in order, which need only the header."""
        header = self.read_exact(3)
        frame_type, length = struct.unpack(">BH", header)
        if not 0x01 <= frame_type <= 0x05:
            raise Fatal(DECODE_ERROR, "frame type 0x%02x" % frame_type)
        if frame_type not in ALLOWED[self.state]:
            raise Fatal(UNEXPECTED_MESSAGE, "frame type 0x%02x in %s" % (frame_type, self.state))
        maximum = MAX_RECORD_C2S if frame_type == RECORD else MAX_PLAINTEXT_BODY
        if length > maximum:
            raise Fatal(RECORD_OVERFLOW, "length %d of frame type 0x%02x" % (length, frame_type))
        if frame_type == RECORD and length < MIN_RECORD:
            raise Fatal(DECODE_ERROR, "record length %d" % length)
        body = self.read_exact(length)
        if self.state == ESTABLISHED:
            # REQ-LIM-3: the idle timer restarts on every complete frame, not on partial ones.
            self.deadline = time.monotonic() + self.server.idle_timeout
        return header, frame_type, body

    # --- output --------------------------------------------------------------------------------------------

    def send(self, data):
        # REQ-LIM-7: a client that does not take our output for the idle timeout loses the connection.
        self.sock.settimeout(self.server.idle_timeout)
        self.sock.sendall(data)

    def seal(self, inner_type, payload):
        body_length = MIN_RECORD + len(payload)
        header = struct.pack(">BH", RECORD, body_length)
        nonce = self.s2c_salt + struct.pack(">Q", self.send_seq)
        self.send_seq += 1
        return header + nonce + self.s2c.encrypt(nonce, bytes([inner_type]) + payload, header)

    def alert(self, code):
        """REQ-ALERT-2: plaintext until the client's Finished is verified, encrypted after."""
        if self.state == ESTABLISHED:
            self.send(self.seal(ENCRYPTED_ALERT, bytes([code])))
        else:
            self.send(frame(ALERT, bytes([code])))

    # --- handshake -----------------------------------------------------------------------------------------

    def client_hello(self, header, body):
        """Table 6, checks a to f in order; then ServerHello and Finished in one write (REQ-HS-7)."""
        if len(body) < 2:
            raise Fatal(DECODE_ERROR, "ClientHello body of %d bytes" % len(body))
        (version,) = struct.unpack(">H", body[:2])
        if version != VERSION:
            raise Fatal(UNSUPPORTED_VERSION, "version 0x%04x" % version)
        if len(body) < 37:
            raise Fatal(DECODE_ERROR, "ClientHello body of %d bytes" % len(body))
        (share_len,) = struct.unpack(">H", body[35:37])
        if len(body) != 37 + share_len:
            raise Fatal(DECODE_ERROR, "ClientHello body of %d bytes, share_len %d" % (len(body), share_len))
        suite = SUITE_NAMES.get(body[2])
        if suite is None or suite not in self.server.suites:
            raise Fatal(UNSUPPORTED_SUITE, "suite 0x%02x" % body[2])
        self.suite = suite
        if share_len != SUITES[suite][1]:
            raise Fatal(ILLEGAL_PARAMETER, "share_len %d for %s" % (share_len, suite))
        share = body[37:]
        own_share, secret = self.key_exchange(suite, share)
        server_hello = frame(SERVER_HELLO, struct.pack(">HB", VERSION, body[2]) + os.urandom(32)
                             + struct.pack(">H", len(own_share)) + own_share)
        transcript = header + body + server_hello
        th1 = hashlib.sha256(transcript).digest()
        prk = hmac.new(b"secho v1", secret, hashlib.sha256).digest()
        c2s_key = hkdf_expand(prk, b"c2s key" + th1, 32)
        s2c_key = hkdf_expand(prk, b"s2c key" + th1, 32)
        self.c2s_salt = hkdf_expand(prk, b"c2s salt" + th1, 4)
        self.s2c_salt = hkdf_expand(prk, b"s2c salt" + th1, 4)
        c_fin = hkdf_expand(prk, b"c finished" + th1, 32)
        s_fin = hkdf_expand(prk, b"s finished" + th1, 32)
        server_finished = frame(FINISHED, hmac.new(s_fin, th1, hashlib.sha256).digest())
        th2 = hashlib.sha256(transcript + server_finished).digest()
        self.expected_client_verify = hmac.new(c_fin, th2, hashlib.sha256).digest()
        self.c2s = AESGCM(c2s_key)
        self.s2c = AESGCM(s2c_key)
        self.state = AWAIT_CLIENT_FINISHED
        self.send(server_hello + server_finished)

    def key_exchange(self, suite, share):
        """Our key share and the shared secret; Table 6 step f (REQ-KEX-4, REQ-KEX-7)."""
        if suite == "x25519":
            private = X25519PrivateKey.from_private_bytes(os.urandom(32))
            own = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            try:
                secret = private.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError:
                # cryptography refuses the all-zero result of a low-order point itself.
                secret = bytes(32)
            if secret == bytes(32):
                raise Fatal(ILLEGAL_PARAMETER, "x25519 shared secret all zero")
            return own, secret
        if suite == "modp2048":
            y_peer = int.from_bytes(share, "big")
            if not 1 < y_peer < P - 1:
                raise Fatal(ILLEGAL_PARAMETER, "modp2048 key share out of range")
            x = 0
            while x < 2:   # REQ-KEX-5
                x = int.from_bytes(os.urandom(32), "big")
            own = pow(G, x, P).to_bytes(256, "big")
            return own, pow(y_peer, x, P).to_bytes(256, "big")
        return b"", self.server.psk

    def client_finished(self, body):
        if len(body) != 32:
            raise Fatal(DECODE_ERROR, "Finished body of %d bytes" % len(body))
        if not hmac.compare_digest(body, self.expected_client_verify):   # REQ-FIN-8
            raise Fatal(HANDSHAKE_FAILURE, "client Finished does not verify")
        self.state = ESTABLISHED
        self.deadline = time.monotonic() + self.server.idle_timeout

    # --- records -------------------------------------------------------------------------------------------

    def record(self, header, body):
        """Table 12, steps 2 to 6 in order, then the echo (REQ-ECHO-1) or the Close (REQ-CLOSE-3)."""
        nonce = body[:12]
        try:
            inner = self.c2s.decrypt(nonce, body[12:], header)
        except InvalidTag:
            raise Fatal(BAD_RECORD_MAC, "record tag does not verify")
        if nonce != self.c2s_salt + struct.pack(">Q", self.recv_seq):
            raise Fatal(BAD_SEQUENCE, "record nonce is not c2s_salt || %d" % self.recv_seq)
        self.recv_seq += 1
        inner_type, payload = inner[0], inner[1:]
        if inner_type == DATA:
            reply = echo(payload)
            if reply is None:
                raise Fatal(BAD_PAYLOAD, "request %d is not well-formed UTF-8" % (self.requests + 1))
            self.requests += 1
            self.send(self.seal(DATA, reply))
        elif inner_type == CLOSE:
            if payload:
                raise Fatal(DECODE_ERROR, "Close with a payload")
            self.send(self.seal(CLOSE, b""))
            raise ClientClosed()
        elif inner_type == ENCRYPTED_ALERT:
            if len(payload) != 1:
                raise Fatal(DECODE_ERROR, "encrypted alert of %d bytes" % len(payload))
            raise PeerAlert(ALERT_NAMES.get(payload[0], "code 0x%02x" % payload[0]))
        else:
            raise Fatal(DECODE_ERROR, "inner type 0x%02x" % inner_type)

    # --- the connection ------------------------------------------------------------------------------------

    def serve(self):
        while True:
            try:
                header, frame_type, body = self.read_frame()
            except Expired:
                raise Fatal(TIMEOUT, ("idle" if self.state == ESTABLISHED else "handshake") + " timeout")
            if frame_type == ALERT:
                # REQ-ALERT-10: a malformed plaintext alert is an alert too, and never answered.
                raise PeerAlert(ALERT_NAMES.get(body[0], "code 0x%02x" % body[0]) if len(body) == 1
                                else "malformed plaintext alert")
            if frame_type == CLIENT_HELLO:
                self.client_hello(header, body)
            elif frame_type == FINISHED:
                self.client_finished(body)
            else:
                self.record(header, body)

    def run(self):
        ending = "?"
        try:
            try:
                self.serve()
            except Fatal as e:
                ending = "sent %s (%s)" % (ALERT_NAMES[e.code], e)
                self.alert(e.code)   # REQ-ALERT-3: the only alert; nothing follows it
            except PeerAlert as e:
                ending = "client sent alert %s" % e
            except ClientClosed:
                ending = "clean close"
            except Truncated as e:
                ending = "truncated (%s)" % e
            self.closing_procedure()
        except socket.timeout:
            # REQ-LIM-7: the client took none of our output for the idle timeout; abort without the drain.
            ending = "aborted: the client stopped reading" + ("" if ending == "?" else " after " + ending)
            self.sock.close()
        except OSError as e:
            ending = "transport error " + type(e).__name__ + ("" if ending == "?" else " after " + ending)
            self.sock.close()
        finally:
            log("%s:%d %s, %s, %d requests: %s" % (self.peer[0], self.peer[1], self.suite or "no suite",
                                                  self.state, self.requests, ending))

    def closing_procedure(self):
        closing_procedure(self.sock)


def closing_procedure(sock):
    """Half-close, read and discard until EOF or for at most 2 s, close; never a reset."""
    end_connection(sock, ())


class Server:
    def __init__(self, args, psk):
        self.suites = args.suites
        self.psk = psk
        self.handshake_timeout = args.handshake_timeout
        self.idle_timeout = args.idle_timeout
        self.max_connections = args.max_connections
        self.lock = threading.Lock()
        self.open = 0

    def accept(self, sock, peer):
        with self.lock:
            busy = self.open >= self.max_connections
            if not busy:
                self.open += 1
        if busy:
            threading.Thread(target=self.refuse, args=(sock, peer), daemon=True).start()
        else:
            threading.Thread(target=self.serve, args=(sock, peer), daemon=True).start()

    def serve(self, sock, peer):
        try:
            Connection(self, sock, peer).run()
        finally:
            with self.lock:
                self.open -= 1

    @staticmethod
    def refuse(sock, peer):
        """REQ-LIM-4: `busy` as the only bytes, without reading a ClientHello, then the closing procedure."""
        try:
            sock.settimeout(DRAIN_SECONDS)
            sock.sendall(frame(ALERT, bytes([BUSY])))
        except OSError:
            pass
        closing_procedure(sock)
        log("%s:%d refused: sent busy" % peer[:2])


def self_test_echo(path):
    """Every echo vector through echo(): 0 when all agree, 1 with the failing tcIds otherwise."""
    with open(path, encoding="utf-8") as f:
        vectors = json.load(f)
    failed, count = [], 0
    for group in vectors["testGroups"]:
        for test in group["tests"]:
            count += 1
            reply = echo(bytes.fromhex(test["input"]))
            if test["result"] == "valid":
                ok = reply is not None and reply.hex() == test["output"]
            else:
                ok = reply is None
            if not ok:
                failed.append(test["tcId"])
    if failed:
        print("echo vectors failed: %s of %d: tcId %s" % (len(failed), count, failed))
        return 1
    print("echo vectors passed: %d of %d" % (count, count))
    return 0


def seconds(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def main():
    parser = argparse.ArgumentParser(prog="secho_server.py", description="A Secho v1 server (spec/secho-v1.md).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--psk-file")
    parser.add_argument("--suites", help="comma-separated, default x25519,modp2048 and psk when --psk-file is given")
    parser.add_argument("--handshake-timeout", type=seconds, default=10.0)
    parser.add_argument("--idle-timeout", type=seconds, default=300.0)
    parser.add_argument("--max-connections", type=int, default=1024)
    parser.add_argument("--lifetime", type=seconds, default=600.0)
    parser.add_argument("--self-test-echo", metavar="VECTORS")
    args = parser.parse_args()
    if args.self_test_echo:
        return self_test_echo(args.self_test_echo)
    if args.handshake_timeout > MAX_HANDSHAKE_TIMEOUT:
        parser.error("--handshake-timeout is at most 30 s (REQ-LIM-2)")
    if args.max_connections < 1:
        parser.error("--max-connections must be at least 1")
    try:
        psk = read_psk(args.psk_file) if args.psk_file else None
    except (OSError, ValueError) as e:
        # Neither error shows the file's content.
        parser.error(str(e) if isinstance(e, ValueError) else "cannot read the PSK file: %s" % e.strerror)
    if args.suites is None:
        args.suites = ["x25519", "modp2048"] + (["psk"] if psk else [])
    else:
        args.suites = [s.strip() for s in args.suites.split(",") if s.strip()]
        unknown = [s for s in args.suites if s not in SUITES]
        if unknown or not args.suites:
            parser.error("--suites takes x25519, modp2048 and psk, not %s" % (unknown or "nothing"))
        if "psk" in args.suites and psk is None:
            parser.error("the psk suite needs --psk-file (REQ-KEX-10)")
    server = Server(args, psk)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(128)
    print("listening on %s:%d" % listener.getsockname()[:2], flush=True)
    log("suites %s, handshake timeout %gs, idle timeout %gs, max connections %d"
        % (",".join(args.suites), args.handshake_timeout, args.idle_timeout, args.max_connections))
    stop = time.monotonic() + args.lifetime
    while True:
        remaining = stop - time.monotonic()
        if remaining <= 0:
            log("lifetime of %gs over, stopping" % args.lifetime)
            return 0
        listener.settimeout(min(remaining, 1.0))
        try:
            sock, peer = listener.accept()
        except socket.timeout:
            continue
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        server.accept(sock, peer)


if __name__ == "__main__":
    sys.exit(main())
