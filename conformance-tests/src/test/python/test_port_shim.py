"""Tests of conformance-tests/grading/port-shim: each starts a small Python program under secho-port-shim, as a teacher would,
and checks which port its sockets really used. Standard library only; run with the interpreter under test:

    python3 -m unittest -v test_port_shim     (in conformance-tests/src/test/python)

PortShimTest runs it under Maven with every Python 3 it finds (python3, Debian's /usr/bin/python3).
"""

import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM = os.path.normpath(os.path.join(HERE, "..", "..", "..", "grading", "port-shim", "secho-port-shim"))
LIMIT = 60  # seconds for one child program, far beyond what any of them needs


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shimmed(code, maps, *python_options, env=None):
    """Runs code under the shim with this interpreter; returns (exit code, stdout, stderr)."""
    command = [SHIM]
    for source, target in maps:
        command += ["--map", "%d=%d" % (source, target)]
    command += ["--", sys.executable] + list(python_options) + ["-c", textwrap.dedent(code)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=LIMIT, env=env)
    return done.returncode, done.stdout, done.stderr


class Listener:
    """A listener of this (unshimmed) process on a free loopback port, that answers each connection with b"hi"."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.sendall(b"hi")
            conn.close()

    def close(self):
        self.sock.close()


class PortShimTest(unittest.TestCase):
    def setUp(self):
        self.lab_port = free_port()
        self.mapped_port = free_port()

    def run_ok(self, code, maps=None, *options, env=None):
        code_, out, err = shimmed(code, maps if maps is not None else [(self.lab_port, self.mapped_port)], *options,
                                  env=env)
        self.assertEqual(0, code_, "exit %d\nstdout: %s\nstderr: %s" % (code_, out, err))
        return out

    def test_bind_uses_the_mapped_port_and_keeps_the_host(self):
        out = self.run_ok("""
            import socket
            s = socket.socket()
            s.bind(("127.0.0.1", %d))
            print("%%s %%d" %% s.getsockname())
        """ % self.lab_port)
        self.assertEqual("127.0.0.1 %d" % self.mapped_port, out.strip())

    def test_ports_not_in_the_map_and_port_0_are_left_alone(self):
        other = free_port()
        out = self.run_ok("""
            import socket
            a, b = socket.socket(), socket.socket()
            a.bind(("127.0.0.1", %d))
            b.bind(("127.0.0.1", 0))
            print(a.getsockname()[1], b.getsockname()[1])
        """ % other)
        bound, ephemeral = (int(p) for p in out.split())
        self.assertEqual(other, bound)
        self.assertNotIn(ephemeral, (self.lab_port, self.mapped_port, 0))

    def test_ipv6_bind_is_mapped_too(self):
        if not socket.has_ipv6:
            self.skipTest("no IPv6 in this Python")
        try:
            with socket.socket(socket.AF_INET6) as probe:
                probe.bind(("::1", 0))
        except OSError as e:
            self.skipTest("no IPv6 loopback here: %s" % e)
        out = self.run_ok("""
            import socket
            s = socket.socket(socket.AF_INET6)
            s.bind(("::1", %d, 0, 0))
            print(s.getsockname()[0], s.getsockname()[1])
        """ % self.lab_port)
        self.assertEqual("::1 %d" % self.mapped_port, out.strip())

    def test_connect_connect_ex_and_create_connection_reach_the_mapped_port(self):
        listener = Listener()
        try:
            out = self.run_ok("""
                import socket
                a = socket.socket(); a.connect(("127.0.0.1", %(p)d)); first = a.recv(2)
                b = socket.socket(); code = b.connect_ex(("127.0.0.1", %(p)d)); second = b.recv(2)
                c = socket.create_connection(("127.0.0.1", %(p)d), timeout=10); third = c.recv(2)
                print(first.decode(), code, second.decode(), third.decode(), a.getpeername()[1])
            """ % {"p": self.lab_port}, [(self.lab_port, listener.port)])
        finally:
            listener.close()
        self.assertEqual("hi 0 hi hi %d" % listener.port, out.strip())
        self.assertEqual(3, listener.accepted)

    def test_asyncio_start_server_create_server_and_open_connection_go_through_the_map(self):
        second_lab_port, second_mapped = free_port(), free_port()
        out = self.run_ok("""
            import asyncio

            async def upper(reader, writer):
                writer.write((await reader.read(100)).upper())
                await writer.drain()
                writer.close()

            class Upper(asyncio.Protocol):
                def connection_made(self, transport):
                    self.transport = transport
                def data_received(self, data):
                    self.transport.write(data.upper())
                    self.transport.close()

            async def ask(port):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(b"ping")
                await writer.drain()
                answer = await reader.read(100)
                writer.close()
                return answer.decode()

            async def main():
                loop = asyncio.get_running_loop()
                streams = await asyncio.start_server(upper, "127.0.0.1", %(a)d)
                protocol = await loop.create_server(Upper, "127.0.0.1", %(b)d)
                bound = [s.getsockname()[1] for s in list(streams.sockets) + list(protocol.sockets)]
                print(*bound, await ask(%(a)d), await ask(%(b)d))
                streams.close()
                protocol.close()

            asyncio.run(asyncio.wait_for(main(), 30))
        """ % {"a": self.lab_port, "b": second_lab_port},
            [(self.lab_port, self.mapped_port), (second_lab_port, second_mapped)])
        self.assertEqual("%d %d PING PING" % (self.mapped_port, second_mapped), out.strip())

    def test_socket_create_server_and_socketserver_are_mapped(self):
        out = self.run_ok("""
            import socket, socketserver
            s = socket.create_server(("127.0.0.1", %(p)d))
            port_a = s.getsockname()[1]
            s.close()
            server = socketserver.TCPServer(("127.0.0.1", %(p)d), socketserver.BaseRequestHandler)
            print(port_a, server.server_address[1])
            server.server_close()
        """ % {"p": self.lab_port})
        self.assertEqual("%d %d" % (self.mapped_port, self.mapped_port), out.strip())

    def test_the_program_runs_as_the_shims_process_with_its_arguments_and_exit_code(self):
        command = [SHIM, "--map", "%d=%d" % (self.lab_port, self.mapped_port), "--", sys.executable, "-c",
                   "import os, sys; print(os.getpid(), sys.argv[1:]); sys.exit(7)", "a b", "c"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        out, _ = process.communicate(timeout=LIMIT)
        self.assertEqual(7, process.returncode)
        self.assertEqual("%d ['a b', 'c']" % process.pid, out.strip(), "the shim execs the program: one PID to stop")

    def test_an_existing_sitecustomize_still_runs(self):
        with tempfile.TemporaryDirectory() as own:
            with open(os.path.join(own, "sitecustomize.py"), "w") as f:
                f.write("import builtins\nbuiltins.OWN_SITECUSTOMIZE = 'ran'\n")
            env = dict(os.environ, PYTHONPATH=own)
            out = self.run_ok("""
                import builtins, socket
                s = socket.socket()
                s.bind(("127.0.0.1", %d))
                print(builtins.OWN_SITECUSTOMIZE, s.getsockname()[1])
            """ % self.lab_port, None, env=env)
        self.assertEqual("ran %d" % self.mapped_port, out.strip())

    def test_isolated_or_no_site_python_is_refused_rather_than_run_unmapped(self):
        for options in (["-I"], ["-S"], ["-E"], ["-u", "-Es"], ["-W", "ignore", "-I"]):
            code, out, err = shimmed("print('ran')", [(self.lab_port, self.mapped_port)], *options)
            self.assertEqual(2, code, "%s: %s %s" % (options, out, err))
            self.assertEqual("", out)
            self.assertIn("-I, -E and -S", err)
            self.assertEqual(1, len(err.strip().splitlines()), err)
        # -u, -W and -X with their arguments are fine, and an argument of the program is not an option of Python.
        out = self.run_ok("import sys; print(sys.argv[1:])", None, "-u", "-W", "ignore", "-X", "utf8")
        self.assertEqual("[]", out.strip())

    def test_a_wrong_map_or_command_line_is_one_line_and_exit_2(self):
        cases = [["--map", "8443", "--", sys.executable, "-c", "print(1)"],
                 ["--map", "8443=70000", "--", sys.executable, "-c", "print(1)"],
                 ["--map", "0=1", "--", sys.executable, "-c", "print(1)"],
                 ["--map", "8443=1", "--map", "8443=2", "--", sys.executable, "-c", "print(1)"],
                 ["--", sys.executable, "-c", "print(1)"],
                 ["--map", "8443=9000"],
                 ["--port", "1"]]
        for arguments in cases:
            done = subprocess.run([SHIM] + arguments, capture_output=True, text=True, timeout=LIMIT)
            self.assertEqual(2, done.returncode, arguments)
            self.assertEqual("", done.stdout, arguments)
            self.assertEqual(1, len(done.stderr.strip().splitlines()), done.stderr)
            self.assertTrue(done.stderr.startswith("secho-port-shim: "), done.stderr)

    def test_a_wrong_map_in_the_environment_stops_the_program_before_it_runs(self):
        env = dict(os.environ, PYTHONPATH=os.path.dirname(SHIM), SECHO_PORT_MAP="8443:9000")
        done = subprocess.run([sys.executable, "-c", "print('ran')"], capture_output=True, text=True, timeout=LIMIT,
                              env=env)
        self.assertEqual(2, done.returncode)
        self.assertEqual("", done.stdout)
        self.assertIn("SECHO_PORT_MAP", done.stderr)

    def test_without_a_map_python_is_unchanged(self):
        env = dict(os.environ, PYTHONPATH=os.path.dirname(SHIM))
        env.pop("SECHO_PORT_MAP", None)
        done = subprocess.run([sys.executable, "-c", "import socket; print(hasattr(socket.socket, '_secho_port_map'))"],
                              capture_output=True, text=True, timeout=LIMIT, env=env)
        self.assertEqual((0, "False"), (done.returncode, done.stdout.strip()), done.stderr)


if __name__ == "__main__":
    unittest.main()
