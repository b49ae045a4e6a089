"""The open-loop load generator charges a request for the time it waited, not only for its answer.

A tiny HTTP server stalls its first answer; requests fall due meanwhile. A closed-loop client
would time each of them from when it was finally sent; this one must time them from when they
were due, or its p95 under a stall would be a flattering lie.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import openloop  # noqa: E402

STALL_S = 0.3


async def _serve(stall_first: bool) -> tuple[asyncio.Server, int, list[int]]:
    seen: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length"))
            body = await reader.readexactly(length)
            seen.append(int(body))
            if stall_first and len(seen) == 1:
                await asyncio.sleep(STALL_S)
            answer = b'{"ok":true}' if int(body) % 2 == 0 else b'{"conflict":true}'
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(answer), answer))
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], seen


def _bodies() -> openloop.BodyFactory:
    counter = iter(range(10**6))
    return lambda n: (str(next(counter)).encode(), {"X-Connection": str(n)})


def _classify(status: int, payload: bytes) -> str:
    return "ok" if status == 200 and b'"ok"' in payload else "conflict"


async def test_every_due_request_is_sent_answered_and_sorted() -> None:
    server, port, seen = await _serve(stall_first=False)
    async with server:
        result = await openloop._run(f"http://127.0.0.1:{port}/graphql", 200.0, 2, 0.25, _bodies(), _classify)
    assert result.requests == 50 == len(seen)
    assert sorted(seen) == list(range(50))
    assert result.counts == {"ok": 25, "conflict": 25}
    assert result.socket_errors == 0


async def test_a_stall_is_charged_to_the_requests_that_waited_for_it() -> None:
    # One connection, a request due every 10 ms, the first answer held back 300 ms: the ~29
    # requests that fell due during the stall waited behind it, request k about 300 - 10k ms.
    # Timed from their due times the top 5 % of latencies hold most of the stall; timed from
    # sending, only the first request would.
    server, port, _ = await _serve(stall_first=True)
    async with server:
        result = await openloop._run(f"http://127.0.0.1:{port}/graphql", 100.0, 1, 0.6, _bodies(), _classify)
    assert result.requests == 60
    assert result.max_ms >= STALL_S * 1000
    assert result.p95_ms >= 0.8 * STALL_S * 1000
    assert result.max_backlog >= 20


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert openloop.percentile(values, 50) == 50.0
    assert openloop.percentile(values, 95) == 95.0
    assert openloop.percentile(values, 100) == 100.0
    assert openloop.percentile([], 95) == 0.0
