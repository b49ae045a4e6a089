"""An open-loop (fixed-rate) HTTP load generator: latency at a given load, not at saturation.

A closed-loop generator (wrk) keeps N requests in flight and sends the next one as soon as an
answer comes back, so it measures the server at saturation: by Little's law its mean latency is
N / throughput, whatever the server does. To ask "what is p95 while the service handles R
requests per second", requests must be *scheduled* at R per second whether or not earlier ones
have come back (Gil Tene's wrk2 does this). Here request i is due at `start + i / rate`; an idle
keep-alive connection sends it, and its latency counts **from the time it was due**, so a request
that waited for a free connection or a late event loop is charged for the wait (no "coordinated
omission"). If the server falls behind, the queue of due requests grows and so do the latencies.

The client speaks raw HTTP/1.1 over asyncio streams (uvloop when installed): about a tenth of
httpx's CPU per request, which matters on a machine whose 2 cores also run the server.
"""

from __future__ import annotations

import asyncio
import math
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

# (request body) for the i-th request, given the connection number; built just before sending.
BodyFactory = Callable[[int], tuple[bytes, dict[str, str]]]
# Sorts an answer into a named bucket ("ok", "conflict", …) from its status and body.
Classifier = Callable[[int, bytes], str]


@dataclass(frozen=True, slots=True)
class OpenLoopResult:
    generator: str
    rate: float  # requests per second asked for
    connections: int
    seconds: float  # from the first due time to the last answer
    requests: int
    requests_per_s: float
    counts: dict[str, int]
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    max_backlog: int  # most requests due but not yet sent at once (> connections: the server fell behind)
    max_loop_lag_ms: float  # the generator's own longest stall (a 5 ms timer's lateness): its hiccups, not the server's
    socket_errors: int
    client_cpu_s: float  # this generator's own CPU time: it shares the machine with the server

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    index = math.ceil(len(sorted_values) * q / 100) - 1
    return sorted_values[min(len(sorted_values) - 1, max(0, index))]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("open-loop client: responses must carry Content-Length")
    return status, await reader.readexactly(length)


async def _run(url: str, rate: float, connections: int, duration: float,
               body_for: BodyFactory, classify: Classifier) -> OpenLoopResult:
    parts = urlsplit(url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
    streams = [await asyncio.open_connection(host, port) for _ in range(connections)]
    due: asyncio.Queue[float | None] = asyncio.Queue()
    latencies: list[float] = []
    counts: dict[str, int] = {}
    errors = 0
    max_backlog = 0
    total = int(rate * duration)
    interval = 1.0 / rate

    async def connection(n: int) -> None:
        nonlocal errors
        reader, writer = streams[n]
        while (due_at := await due.get()) is not None:
            body, headers = body_for(n)
            head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            writer.write(f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
                         f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            try:
                status, payload = await _read_response(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                writer.close()  # the answer was lost or garbled: this connection's stream is unusable
                reader, writer = await asyncio.open_connection(host, port)
                continue
            latencies.append(time.perf_counter() - due_at)
            bucket = classify(status, payload)
            counts[bucket] = counts.get(bucket, 0) + 1
        writer.close()

    max_lag = 0.0
    finished = False

    async def watch_own_loop() -> None:
        nonlocal max_lag
        while not finished:
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            max_lag = max(max_lag, time.perf_counter() - before - 0.005)

    workers = [asyncio.create_task(connection(n)) for n in range(connections)]
    watcher = asyncio.create_task(watch_own_loop())
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for i in range(total):
        due_at = started + i * interval
        delay = due_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        due.put_nowait(due_at)
        max_backlog = max(max_backlog, due.qsize())
    for _ in workers:
        due.put_nowait(None)
    await asyncio.gather(*workers)
    seconds = time.perf_counter() - started
    finished = True
    await watcher
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    ms = sorted(s * 1000 for s in latencies)
    return OpenLoopResult(
        generator="open-loop", rate=rate, connections=connections, seconds=round(seconds, 3),
        requests=len(ms), requests_per_s=len(ms) / seconds, counts=counts,
        p50_ms=percentile(ms, 50), p95_ms=percentile(ms, 95), p99_ms=percentile(ms, 99),
        max_ms=ms[-1] if ms else 0.0, max_backlog=max_backlog, max_loop_lag_ms=round(max_lag * 1000, 1),
        socket_errors=errors,
        client_cpu_s=round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 3),
    )


def run_open_loop(url: str, *, rate: float, connections: int, duration: float,
                  body_for: BodyFactory, classify: Classifier) -> OpenLoopResult:
    """Send `rate * duration` POSTs to `url`, one due every 1/rate s, over `connections` keep-alive
    connections; latency from each request's due time to its answer."""
    try:
        import uvloop
        runner: Callable[..., Any] = uvloop.run
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        runner = asyncio.run
    return runner(_run(url, rate, connections, duration, body_for, classify))
