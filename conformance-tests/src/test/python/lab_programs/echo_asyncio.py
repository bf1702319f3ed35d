#!/usr/bin/env python3
"""A lab program in the newer lab's shape: asyncio.start_server on 127.0.0.1:8443, hard-coded. It echoes each
read upper-cased, with the standard library only: a fixture for the port shim, where only the port matters."""

import asyncio
import os
import threading

HOST, PORT = "127.0.0.1", 8443


async def serve(reader, writer):
    while True:
        data = await reader.read(9999)
        if not data:
            break
        writer.write(data.upper())
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(serve, HOST, PORT)
    print("listening on %s:%d" % server.sockets[0].getsockname()[:2], flush=True)
    async with server:
        await server.serve_forever()


# Stops by itself, so that a test that dies leaves nothing behind for long.
timer = threading.Timer(180, lambda: os._exit(0))
timer.daemon = True
timer.start()
asyncio.run(main())
