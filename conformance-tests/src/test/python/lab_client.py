#!/usr/bin/env python3
"""A lab echo client in Python, written from spec/lab-profile.md: the client of the Python lab peer, a client in
another language for the harness's lab client cases (--profile lab --client-command).

It behaves like the lab's Client_sec.py and Client_dh.py: it reads the messages from standard input, one per
line (an empty line or the end of input ends the session), sends each as one record with one send, reads the
server's reply with one recv(9999), prints it on a line of its own, and ends the session with the single byte
0x0a. It takes the knobs of lab_server.py (variant, key file, nonce length, associated data, HKDF info, key
formats, who sends the key first, plaintext replies). Exit status: 0 when every message was answered and the
end marker sent, 1 when a reply did not come, did not open or is not UTF-8 (nothing of it is printed), 2 for a
usage error.

By default it does what a careful lab client does: a fresh random nonce per record, every reply's tag checked
before anything is printed, every wait bounded by --timeout. Each --weak MODE puts back one fault of the lab's
clients, so that tests can check the harness finds it. It never prints keys.

    printf 'hello\\nstraße\\n' | python3 lab_client.py --variant dh --port 8443
    printf 'hello\\n' | python3 lab_client.py --variant sec --key-file lab.key --nonce-length 16 --aad 6c6162
"""

import argparse
import os
import socket
import sys
import time

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dh
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# The Python lab peer's own key formats and key file rules (section 3 and 4 of spec/lab-profile.md).
from lab_server import (END_MARKER, G, MAX_READ, P, TAG_LENGTH, add_knobs, check_knobs, decode_public_key,
                        encode_public_key)
# The client contract's standard input and connection, as secho_client.py reads and opens them.
from secho_client import connect, messages

NAME = "lab_client.py"
# spec/lab-profile.md section 7: when our key was the last thing sent, wait before the first record.
KEY_SETTLE_SECONDS = 0.15

WEAK_MODES = {
    "accept-forged-reply": "a reply whose tag does not verify is decrypted anyway and printed (LAB-W2, client side)",
    "reuse-nonce": "one nonce, drawn at the start, for every record of the session (LAB-W1)",
    "counter-nonce": "nonces 0, 1, 2, ... restarting every session: under the sec variant's fixed key every "
                     "session reuses them (LAB-W1)",
    "newline-ends-session": "a reply whose first byte is 0x0a is taken for the end marker: the session ends "
                            "there, the reply unprinted (LAB-W3, client side)",
    "no-end-marker": "the session ends with a bare close, no 0x0a (LAB-R5)",
}


def log(line):
    print("%s: %s" % (NAME, line), file=sys.stderr, flush=True)


class Failed(Exception):
    """The session failed; the message says why (never a key, never a message's text)."""


class Client:
    def __init__(self, args, sock):
        self.args = args
        self.sock = sock
        self.aead = None
        self.key = None
        self.counter = 0
        self.session_nonce = os.urandom(args.nonce_length)

    def receive(self):
        """One recv(9999), as the lab's clients read, bounded by --timeout."""
        self.sock.settimeout(self.args.timeout)
        try:
            data = self.sock.recv(MAX_READ)
        except socket.timeout:
            raise Failed("no answer within %gs (the server hangs, or expects other settings)" % self.args.timeout)
        except OSError as e:
            raise Failed("the connection failed: %s" % (e.strerror or e))
        if not data:
            raise Failed("the server closed the connection instead of answering")
        return data

    def key_exchange(self):
        """sec: the fixed key. dh: swap public keys (LAB-R2) and derive the session key with HKDF-SHA256."""
        if self.args.variant == "sec":
            self.key = self.args.key
            self.aead = AESGCM(self.key)
            return "fixed %d-byte key" % len(self.key)
        private_key = dh.DHParameterNumbers(P, G).parameters().generate_private_key()
        ours = encode_public_key(private_key, self.args.key_format, self.args.key_encoding)
        if self.args.server_sends_key_first:
            theirs = self.receive()
            self.sock.sendall(ours)
        else:
            self.sock.sendall(ours)
            theirs = self.receive()
        try:
            y, encoding = decode_public_key(theirs)
        except ValueError as e:
            raise Failed("the server's public key is unusable: %s" % e)
        peer = dh.DHPublicNumbers(y, dh.DHParameterNumbers(P, G)).public_key()
        self.key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                        info=self.args.hkdf_info.encode("utf-8")).derive(private_key.exchange(peer))
        self.aead = AESGCM(self.key)
        if self.args.server_sends_key_first:
            time.sleep(KEY_SETTLE_SECONDS)  # our key was the last thing sent
        return "DH group 14, the server sent a %s key" % encoding

    def nonce(self):
        if "reuse-nonce" in self.args.weak:
            return self.session_nonce
        if "counter-nonce" in self.args.weak:
            self.counter += 1
            return (self.counter - 1).to_bytes(self.args.nonce_length, "big")
        return os.urandom(self.args.nonce_length)  # LAB-R3: a fresh random nonce for every record

    def open(self, reply):
        n = self.args.nonce_length
        if len(reply) < n + TAG_LENGTH:
            raise Failed("the reply of %d bytes is too short to be a record" % len(reply))
        nonce, sealed = reply[:n], reply[n:]
        try:
            return self.aead.decrypt(nonce, sealed, self.args.aad)
        except InvalidTag:
            if "accept-forged-reply" not in self.args.weak:
                raise Failed("the reply's tag does not verify (forged, or other settings: check the key, --aad, "
                             "--nonce-length%s); nothing of it is printed"
                             % (" and --hkdf-info" if self.args.variant == "dh" else ""))
            # GCM without its tag check: the keystream for this nonce is what it encrypts zeros to.
            keystream = self.aead.encrypt(nonce, bytes(len(sealed) - TAG_LENGTH), self.args.aad)
            return bytes(a ^ b for a, b in zip(sealed[:-TAG_LENGTH], keystream))

    def echo(self, message):
        """Returns the reply's text, or None when the session ended (newline-ends-session)."""
        nonce = self.nonce()
        self.sock.sendall(nonce + self.aead.encrypt(nonce, message, self.args.aad))
        reply = self.receive()
        if "newline-ends-session" in self.args.weak and reply[:1] == END_MARKER:
            return None
        plaintext = reply if self.args.plaintext_replies else self.open(reply)
        try:
            return plaintext.decode("utf-8")
        except UnicodeDecodeError:
            raise Failed("the reply is not UTF-8; nothing of it is printed")

    def end(self):
        """LAB-R5: the single byte 0x0a, then close."""
        if "no-end-marker" not in self.args.weak:
            try:
                self.sock.sendall(END_MARKER)
            except OSError:
                pass
        self.sock.close()


def run(args):
    sock = connect(NAME, args.host, args.port, args.timeout)
    if sock is None:
        return 1
    client = Client(args, sock)
    out = sys.stdout.buffer
    try:
        log("connected to %s:%d, %s variant, %s" % (args.host, args.port, args.variant, client.key_exchange()))
        for message in messages(sys.stdin.buffer):
            reply = client.echo(message)
            if reply is None:
                log("the server's reply began with 0x0a: taken for the end marker (newline-ends-session)")
                sock.close()
                return 0
            out.write(reply.encode("utf-8") + b"\n")
            out.flush()
        client.end()
        return 0
    except (Failed, OSError) as e:
        log(str(e) if isinstance(e, Failed) else "the connection failed: %s" % (e.strerror or e))
        sock.close()
        return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_knobs(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--timeout", type=float, default=10.0, help="bound on each wait, in seconds (default 10)")
    parser.add_argument("--weak", action="append", default=[], choices=sorted(WEAK_MODES),
                        help="put back one of the lab clients' faults (repeatable): " + "; ".join(
                            "%s: %s" % item for item in sorted(WEAK_MODES.items())))
    args = parser.parse_args()
    check_knobs(parser, args)
    if not 0 < args.timeout <= 300:
        parser.error("--timeout must be more than 0 and at most 300 seconds")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
