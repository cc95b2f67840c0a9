#!/usr/bin/env python3
"""Holds N live notification streams (GET /api/v1/me/notifications/stream) open against a Cove
server until killed: bench/notify_sse.sh runs the console list benchmark while they are open.

    sse_streams.py BASE_URL TOKENS_FILE N READY_FILE

TOKENS_FILE holds one bearer token per line (a user may hold notify.streamsPerUser streams);
streams are spread over them round-robin. READY_FILE is written with the number of streams that
got their `ready` event, once all have answered. Every byte the server sends is read (comments
every 15 s, events), so no stream stalls on a full socket buffer."""
import asyncio
import sys
from urllib.parse import urlparse


async def stream(host, port, token, ready, failed):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write((f"GET /api/v1/me/notifications/stream HTTP/1.1\r\nHost: {host}:{port}\r\n"
                      f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        seen = b""
        while b"event: ready" not in seen:
            chunk = await reader.read(4096)
            if not chunk:
                raise ConnectionError("closed before ready")
            seen += chunk
        ready.append(1)
        while await reader.read(4096):
            pass
    except Exception as e:  # counted, and the script goes on holding the others
        failed.append(str(e))


async def main():
    base, tokens_file, n, ready_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    u = urlparse(base)
    tokens = [t.strip() for t in open(tokens_file) if t.strip()]
    ready, failed = [], []
    tasks = [asyncio.create_task(stream(u.hostname, u.port, tokens[i % len(tokens)], ready, failed))
             for i in range(n)]
    for _ in range(600):
        if len(ready) + len(failed) >= n:
            break
        await asyncio.sleep(0.05)
    with open(ready_file, "w") as f:
        f.write(f"{len(ready)} {len(failed)}\n")
    await asyncio.gather(*tasks)


asyncio.run(main())
