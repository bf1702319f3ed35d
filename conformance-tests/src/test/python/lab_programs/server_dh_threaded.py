#!/usr/bin/env python3
"""A lab program as the lab ships them (Server_dh.py): it binds 127.0.0.1:8443, hard-coded, with no option to
change it, and serves each client in a thread. It speaks the lab protocol (DH variant, default knobs) with
lab_server.py's code. A fixture for the port shim: only conformance-tests/grading/port-shim/secho-port-shim can move it."""

import argparse
import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import lab_server  # noqa: E402  (the folder above, put on the path just before)

PORT = 8443

parser = argparse.ArgumentParser()
lab_server.add_knobs(parser)
parser.add_argument("--idle-timeout", type=float, default=10.0)
args = parser.parse_args(["--variant", "dh"])
args.weak = []
lab_server.check_knobs(parser, args)

# Stops by itself, so that a test that dies leaves nothing behind for long.
timer = threading.Timer(180, lambda: os._exit(0))
timer.daemon = True
timer.start()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", PORT))
s.listen(16)
print("listening on %s:%d" % s.getsockname(), flush=True)
while True:
    conn, address = s.accept()
    threading.Thread(target=lab_server.serve_robustly, args=(args, conn, address), daemon=True).start()
