"""Secho port shim: a socket that binds or connects to a port listed in SECHO_PORT_MAP uses the mapped
port instead; the host and everything else stay as the program wrote them.

Python imports this module at start-up when its folder is on PYTHONPATH (secho-port-shim puts it there).
SECHO_PORT_MAP is "FROM=TO[,FROM=TO]...", e.g. "8443=40001,8441=40002".

Only socket.socket's bind, connect and connect_ex are patched: every other way of opening a TCP or UDP
socket in the standard library ends in them (socket.create_connection and create_server, socketserver,
http.server, asyncio's create_server, start_server, create_connection and open_connection, ssl's
wrapped sockets), so a program cannot get past the map by using a higher-level API.

Python imports only the first sitecustomize on sys.path, and this one comes first; so that an existing
one (Debian's /etc/python3.X/sitecustomize.py, a virtual environment's, the user's) still runs, this
module runs the next one it finds on sys.path after its own patches. Python 3.9 or later, standard
library only. Python ignores PYTHONPATH under -I and -E and sitecustomize under -S.
"""

import importlib.machinery
import importlib.util
import os
import socket
import sys

_ENV = "SECHO_PORT_MAP"


def _parse(text):
    mapping = {}
    for entry in text.split(","):
        entry = entry.strip()
        if not entry:
            continue
        source, sep, target = entry.partition("=")
        try:
            source, target = int(source), int(target)
        except ValueError:
            source = target = -1
        if not sep or not (0 < source < 65536 and 0 < target < 65536):
            # A wrong map must not let the program run on its own port, where it would collide with its
            # neighbours or be graded as somebody else: stop before the program starts. os._exit, because
            # site.py turns a SystemExit raised here into a fatal error with a traceback.
            sys.stderr.write("secho-port-shim: %s=%r: expected FROM=TO, two ports from 1 to 65535\n" % (_ENV, text))
            sys.stderr.flush()
            os._exit(2)
        mapping[source] = target
    return mapping


_MAP = _parse(os.environ.get(_ENV, ""))


def _mapped(sock, address):
    """The address with its port mapped, for an IPv4 or IPv6 address tuple; anything else as it is."""
    if (sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple) and len(address) >= 2
            and isinstance(address[1], int) and address[1] in _MAP):
        return (address[0], _MAP[address[1]]) + address[2:]
    return address


def _patch():
    cls = socket.socket
    if getattr(cls, "_secho_port_map", None) is not None:
        return
    original_bind, original_connect, original_connect_ex = cls.bind, cls.connect, cls.connect_ex

    def bind(self, address):
        return original_bind(self, _mapped(self, address))

    def connect(self, address):
        return original_connect(self, _mapped(self, address))

    def connect_ex(self, address):
        return original_connect_ex(self, _mapped(self, address))

    for function, original in ((bind, original_bind), (connect, original_connect), (connect_ex, original_connect_ex)):
        function.__name__, function.__qualname__, function.__doc__ = (
            original.__name__, original.__qualname__, original.__doc__)
    cls.bind, cls.connect, cls.connect_ex = bind, connect, connect_ex
    cls._secho_port_map = dict(_MAP)


def _run_next_sitecustomize():
    """Runs the sitecustomize that this one hides, if any: the first on sys.path outside this folder."""
    here = os.path.dirname(os.path.realpath(__file__))
    rest = [p for p in sys.path if os.path.realpath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    # Under its own name, so that it does not replace this module in sys.modules; its code runs as it would
    # have run without the shim (an error in it is reported by site.py, after the patches are in place).
    sys.modules["_secho_next_sitecustomize"] = module
    spec.loader.exec_module(module)


if _MAP:
    _patch()
_run_next_sitecustomize()
