#!/usr/bin/env python3
#
# tls-servers.py
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# COUNT TLS servers on 127.0.0.1, one port each, all presenting CHAIN
# (leaf first) with KEY, for the device benchmark. Prints one port per
# line, then READY, and serves until its standard input closes.
#
# usage: tls-servers.py CHAIN KEY COUNT

import asyncio
import ssl
import sys


async def serve(reader, writer):
    # The handshake is done by asyncio before this runs; wait for the
    # client to close.
    try:
        await reader.read()
    except (ConnectionError, ssl.SSLError):
        pass
    writer.close()


async def main():
    chain, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain, key)

    servers = []
    for _ in range(count):
        server = await asyncio.start_server(serve, '127.0.0.1', 0, ssl=context, backlog=64)
        servers.append(server)
        print(server.sockets[0].getsockname()[1])
    print('READY', flush=True)

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


asyncio.run(main())
