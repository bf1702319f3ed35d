#!/usr/bin/env python3
"""A lab echo server in Python, written from spec/lab-profile.md: a second, independent peer for the
reference lab client and for the harness's lab cases.

It speaks the lab protocol as the lab's programs do (one recv(9999) is one message, 0x0a ends the
session), with Python's `cryptography` (Debian: python3-cryptography). By default it is robust: one
thread per connection, time limits, and a bad record ends only its own connection. Each --weak mode
puts back one fault the lab's programs are known for, so that tests can check the harness finds it.

It listens on 127.0.0.1 only, prints "listening on 127.0.0.1:PORT" on standard output once ready,
logs one line per connection on standard error (never keys or message contents), and stops by itself
after --lifetime seconds.

With --asyncio it serves the way the newer lab programs do: asyncio streams, one reader.read(9999) per
message, a task per client.

    python3 lab_server.py --variant dh --port 8443
    python3 lab_server.py --variant sec --key-file lab.key --nonce-length 16 --aad 6c6162
    python3 lab_server.py --variant dh --asyncio --weak reuse-dh-key
"""

import argparse
import asyncio
import base64
import binascii
import os
import socket
import sys
import threading
import time

import cryptography
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dh
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# RFC 3526 section 3: the 2048-bit MODP group (group 14), g = 2.
P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)
G = 2
Q = (P - 1) // 2
MAX_READ = 9999
END_MARKER = b"\n"
TAG_LENGTH = 16
OID_DH_KEY_AGREEMENT = bytes.fromhex("06092a864886f70d010301")  # PKCS#3, 1.2.840.113549.1.3.1
OID_DH_PUBLIC_NUMBER = bytes.fromhex("06072a8648ce3e0201")  # X9.42, 1.2.840.10046.2.1

WEAK_MODES = {
    "newline-prefix": "take any read that begins with 0x0a for the end marker (LAB-W3)",
    "nonce-reuse": "seal each reply under the nonce of its request (LAB-W1)",
    "counter-nonce": "reply nonces 0, 1, 2, ... restarting every session (LAB-W1 under a fixed key)",
    "echo-forged": "when the tag does not verify, decrypt anyway and echo (LAB-W2; 12-byte nonces)",
    "freeze-on-disconnect": "serve one client at a time and spin on a connection the client left (LAB-W4)",
    "crash-on-bad-record": "serve one client at a time and let a bad record end the server (LAB-W6)",
    "ascii-upper": "upper-case with bytes.upper(), ASCII only (breaks LAB-R4)",
    "reuse-dh-key": "make one DH key pair at start and use it for every session (LAB-W13)",
    "plaintext-replies": "answer with the upper-cased plaintext instead of a sealed record (LAB-W11)",
}


def log(line):
    print("lab_server.py: " + line, file=sys.stderr, flush=True)


def der_length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der(tag, content):
    return bytes([tag]) + der_length(len(content)) + content


def der_integer(value):
    # One leading zero bit more than needed, so that the DER INTEGER stays positive.
    return der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def spki(y, key_format):
    """A SubjectPublicKeyInfo written by hand, so either form can be sent whatever the library writes."""
    if key_format == "x942":
        algorithm = der(0x30, OID_DH_PUBLIC_NUMBER + der(0x30, der_integer(P) + der_integer(G) + der_integer(Q)))
    else:
        algorithm = der(0x30, OID_DH_KEY_AGREEMENT + der(0x30, der_integer(P) + der_integer(G)))
    return der(0x30, algorithm + der(0x03, b"\x00" + der_integer(y)))


def to_pem(der_bytes):
    body = base64.b64encode(der_bytes).decode("ascii")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return ("-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n").encode("ascii")


def encode_public_key(private_key, key_format, key_encoding):
    public_key = private_key.public_key()
    if key_format == "native":
        encoding = serialization.Encoding.PEM if key_encoding == "pem" else serialization.Encoding.DER
        return public_key.public_bytes(encoding, serialization.PublicFormat.SubjectPublicKeyInfo)
    der_bytes = spki(public_key.public_numbers().y, key_format)
    return to_pem(der_bytes) if key_encoding == "pem" else der_bytes


def decode_public_key(data):
    """Either form, either encoding; only group 14 with 1 < y < p - 1."""
    if data.lstrip().startswith(b"-----BEGIN"):
        key = serialization.load_pem_public_key(data)
    else:
        key = serialization.load_der_public_key(data)
    if not isinstance(key, dh.DHPublicKey):
        raise ValueError("not a DH public key")
    numbers = key.public_numbers()
    parameters = numbers.parameter_numbers
    if parameters.p != P or parameters.g != G or parameters.q not in (None, Q):
        raise ValueError("DH parameters other than RFC 3526 group 14")
    if not 1 < numbers.y < P - 1:
        raise ValueError("DH public key outside 1 < y < p-1")
    return numbers.y, "PEM" if data.lstrip().startswith(b"-----BEGIN") else "DER"


def read_key_file(path, key_file_format):
    """As the reference tools read it: auto takes 32 or 64 hex digits for hex, else 16 or 32 raw bytes."""
    content = open(path, "rb").read()
    text = content.strip()
    is_hex = len(text) in (32, 64) and all(c in b"0123456789abcdefABCDEF" for c in text)
    if is_hex and key_file_format in ("auto", "hex"):
        return bytes.fromhex(text.decode("ascii"))
    if len(content) in (16, 32) and key_file_format in ("auto", "raw"):
        return content
    raise SystemExit("%s: %s: %d bytes are no %s key" % (os.path.basename(sys.argv[0]), path, len(content),
                                                        key_file_format))


class Session:
    """One session's state and rules, apart from how bytes come and go (threads or asyncio)."""

    def __init__(self, args):
        self.args = args
        self.counter = 0
        self.aead = None
        self.key = None
        self.private_key = None

    def keyed_without_exchange(self):
        """sec: the fixed key; returns how the session got its key."""
        self.key = self.args.key
        self.aead = AESGCM(self.key)
        return "fixed %d-byte key" % len(self.key)

    def our_public_key(self):
        if "reuse-dh-key" in self.args.weak:
            self.private_key = self.args.static_private_key
        else:
            self.private_key = dh.DHParameterNumbers(P, G).parameters().generate_private_key()
        return encode_public_key(self.private_key, self.args.key_format, self.args.key_encoding)

    def take_their_key(self, theirs):
        if not theirs:
            raise ConnectionError("the client left before sending its key")
        y, encoding = decode_public_key(theirs)
        # Rebuilt in our own parameters, so that a PKCS#3 key and an X9.42 key agree alike.
        peer = dh.DHPublicNumbers(y, dh.DHParameterNumbers(P, G)).public_key()
        shared = self.private_key.exchange(peer)
        self.key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                        info=self.args.hkdf_info.encode("utf-8")).derive(shared)
        self.aead = AESGCM(self.key)
        return "DH group 14, the client sent a %s key" % encoding

    def open(self, record):
        n = self.args.nonce_length
        nonce, sealed = record[:n], record[n:]
        try:
            return nonce, self.aead.decrypt(nonce, sealed, self.args.aad)
        except InvalidTag:
            if "echo-forged" not in self.args.weak or n != 12 or len(sealed) < TAG_LENGTH:
                raise
            # GCM without its tag check is CTR mode from counter 2 (NIST SP 800-38D, 12-byte IV).
            decryptor = Cipher(algorithms.AES(self.key), modes.CTR(nonce + b"\x00\x00\x00\x02")).decryptor()
            return nonce, decryptor.update(sealed[:-TAG_LENGTH]) + decryptor.finalize()

    def reply_nonce(self, request_nonce):
        if "nonce-reuse" in self.args.weak:
            return request_nonce
        if "counter-nonce" in self.args.weak:
            self.counter += 1
            return (self.counter - 1).to_bytes(self.args.nonce_length, "big")
        return os.urandom(self.args.nonce_length)

    def answer(self, data):
        """The bytes to send back for one message."""
        nonce, plaintext = self.open(data)
        if "ascii-upper" in self.args.weak:
            upper = plaintext.upper()
        else:
            upper = plaintext.decode("utf-8").upper().encode("utf-8")
        if self.args.plaintext_replies or "plaintext-replies" in self.args.weak:
            return upper
        reply_nonce = self.reply_nonce(nonce)
        return reply_nonce + self.aead.encrypt(reply_nonce, upper, self.args.aad)

    def is_end(self, data):
        if "newline-prefix" in self.args.weak:
            return data[:1] == END_MARKER
        return data == END_MARKER


class SocketSession(Session):
    """A session on a blocking socket, one recv(9999) per message, as Server_sec.py and Server_dh.py do."""

    def __init__(self, args, conn):
        super().__init__(args)
        self.conn = conn

    def handshake(self):
        if self.args.variant == "sec":
            return self.keyed_without_exchange()
        ours = self.our_public_key()
        if self.args.server_sends_key_first:
            self.conn.sendall(ours)
        theirs = self.conn.recv(MAX_READ)
        described = self.take_their_key(theirs)
        if not self.args.server_sends_key_first:
            self.conn.sendall(ours)
        return described

    def run(self):
        """One session; returns how it ended. Exceptions are the caller's to judge."""
        handshake = self.handshake()
        messages = 0
        while True:
            data = self.conn.recv(MAX_READ)
            if not data:
                if "freeze-on-disconnect" in self.args.weak:
                    self.freeze()
                return handshake, messages, "the client left without the end marker"
            if self.is_end(data):
                return handshake, messages, "the client sent the end marker"
            self.conn.sendall(self.answer(data))
            messages += 1

    def freeze(self):
        # As the lab's servers do: recv() keeps returning b"" and the loop goes on; this one at least sleeps.
        log("the client left without 0x0a: spinning on the dead connection (freeze-on-disconnect)")
        while True:
            try:
                self.conn.recv(MAX_READ)
            except OSError:
                pass
            time.sleep(0.05)


async def serve_asyncio_session(args, reader, writer):
    """The shape of the lab's asyncio programs: one reader.read(9999) per message, a task per client."""
    address = writer.get_extra_info("peername")
    session = Session(args)
    handshake, messages, ending = "no key yet", 0, "?"
    try:
        if args.variant == "sec":
            handshake = session.keyed_without_exchange()
        else:
            ours = session.our_public_key()
            if args.server_sends_key_first:
                writer.write(ours)
                await writer.drain()
            handshake = session.take_their_key(await reader.read(MAX_READ))
            if not args.server_sends_key_first:
                writer.write(ours)
                await writer.drain()
        while True:
            data = await asyncio.wait_for(reader.read(MAX_READ), args.idle_timeout)
            if not data:
                ending = "the client left without the end marker"
                break
            if session.is_end(data):
                ending = "the client sent the end marker"
                break
            writer.write(session.answer(data))
            await writer.drain()
            messages += 1
    except asyncio.TimeoutError:
        ending = "timed out"
    except (InvalidTag, ValueError, UnicodeDecodeError, ConnectionError) as e:
        ending = "bad input (%s); connection closed" % type(e).__name__
    finally:
        writer.close()
    log("%s:%d %s (asyncio), %s; %d message(s) echoed; %s" % (address[0], address[1], args.variant, handshake,
                                                              messages, ending))


async def serve_asyncio(args, listening):
    server = await asyncio.start_server(lambda r, w: serve_asyncio_session(args, r, w), sock=listening)
    async with server:
        await server.serve_forever()


def serve_robustly(args, conn, address):
    started = time.monotonic()
    conn.settimeout(args.idle_timeout)
    handshake, messages, ending = "no key yet", 0, "?"
    session = SocketSession(args, conn)
    try:
        handshake, messages, ending = session.run()
    except socket.timeout:
        ending = "timed out"
    except InvalidTag:
        ending = "bad record: the tag does not verify; connection closed, nothing echoed"
    except (ValueError, UnicodeDecodeError) as e:
        ending = "bad input (%s); connection closed" % type(e).__name__
    except OSError as e:
        ending = "connection failed: %s" % e
    finally:
        conn.close()
    log("%s:%d %s, %s; %d message(s) echoed; %s (%d ms)" % (address[0], address[1], args.variant, handshake,
                                                            messages, ending, (time.monotonic() - started) * 1000))


def serve_one_at_a_time(args, conn, address):
    """The lab's own shape: no thread, so one client at a time; a weak mode lets its fault through."""
    frozen = "freeze-on-disconnect" in args.weak
    if not frozen:
        conn.settimeout(args.idle_timeout)
    session = SocketSession(args, conn)
    handshake, messages, ending = "no key yet", 0, "?"
    try:
        handshake, messages, ending = session.run()
    except (InvalidTag, ValueError, UnicodeDecodeError) as e:
        if "crash-on-bad-record" in args.weak:
            log("bad input (%s): the server stops (crash-on-bad-record)" % type(e).__name__)
            os._exit(3)
        ending = "bad input (%s); connection closed" % type(e).__name__
    except OSError as e:
        if frozen:
            session.freeze()
        ending = "connection failed: %s" % e
    finally:
        conn.close()
    log("%s:%d %s, %s; %d message(s) echoed; %s" % (address[0], address[1], args.variant, handshake, messages,
                                                    ending))


def add_knobs(parser):
    """The knobs of spec/lab-profile.md section 7, the same for this server and lab_client.py."""
    parser.add_argument("--variant", choices=["sec", "dh"], required=True)
    parser.add_argument("--key-file", help="sec: the fixed key, 16 or 32 raw bytes or hex")
    parser.add_argument("--key-file-format", choices=["auto", "raw", "hex"], default="auto",
                        help="sec: how to read --key-file (a lab program's key typed as 32 hex digits is raw)")
    parser.add_argument("--nonce-length", type=int, choices=[12, 16], default=12)
    parser.add_argument("--aad", default="", help="associated data as hex (default: none)")
    parser.add_argument("--hkdf-info", default="handshake data")
    parser.add_argument("--key-encoding", choices=["pem", "der"], default="pem")
    parser.add_argument("--key-format", choices=["native", "pkcs3", "x942"], default="native",
                        help="native: whatever this version of cryptography writes (default)")
    parser.add_argument("--server-sends-key-first", action="store_true")
    parser.add_argument("--plaintext-replies", action="store_true")


def check_knobs(parser, args):
    """Reads the sec variant's key (args.key) and the associated data (args.aad, bytes or None)."""
    if args.variant == "sec":
        if not args.key_file:
            parser.error("the sec variant needs --key-file")
        try:
            args.key = read_key_file(args.key_file, args.key_file_format)
        except OSError as e:
            parser.error("--key-file: %s" % (e.strerror or e))
    elif args.key_file:
        parser.error("--key-file is for the sec variant")
    try:
        args.aad = binascii.unhexlify(args.aad) if args.aad else None
    except binascii.Error as e:
        parser.error("--aad: %s" % e)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8443, help="0 picks a free port (default: 8443)")
    add_knobs(parser)
    parser.add_argument("--sequential", action="store_true", help="serve one client at a time, as the lab's do")
    parser.add_argument("--asyncio", action="store_true",
                        help="serve with asyncio streams, reader.read(9999) per message, as the newer lab programs do")
    parser.add_argument("--weak", action="append", default=[], choices=sorted(WEAK_MODES),
                        help="put back one of the lab's faults (repeatable): " + "; ".join(
                            "%s: %s" % item for item in sorted(WEAK_MODES.items())))
    parser.add_argument("--idle-timeout", type=float, default=10.0)
    parser.add_argument("--lifetime", type=float, default=300.0, help="stop by itself after this many seconds")
    args = parser.parse_args()
    check_knobs(parser, args)
    sequential = args.sequential or any(m in args.weak for m in ("freeze-on-disconnect", "crash-on-bad-record"))
    if args.asyncio and sequential:
        parser.error("--asyncio serves every client at once: not with --sequential, freeze-on-disconnect or "
                     "crash-on-bad-record")
    if args.variant == "dh" and "reuse-dh-key" in args.weak:
        args.static_private_key = dh.DHParameterNumbers(P, G).parameters().generate_private_key()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(64)
    timer = threading.Timer(args.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    print("listening on 127.0.0.1:%d (%s variant, cryptography %s%s)" % (
        listener.getsockname()[1], args.variant, cryptography.__version__,
        ", weak: " + ", ".join(args.weak) if args.weak else ""), flush=True)
    if args.asyncio:
        asyncio.run(serve_asyncio(args, listener))
        return
    while True:
        conn, address = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if sequential:
            serve_one_at_a_time(args, conn, address)
        else:
            threading.Thread(target=serve_robustly, args=(args, conn, address), daemon=True).start()


if __name__ == "__main__":
    main()
