"""Load generators: wrk (preferred, C with a LuaJIT script) and a Python asyncio + httpx fallback.

Both send the same POST body over a fixed number of keep-alive connections for a fixed time and
report throughput and latency percentiles. The Python generator competes with the servers for the
same two cores and is much slower per request, so its figures are a lower bound only.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
from openloop import percentile

WRK_INSTALL_HINT = "wrk is not installed: `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk` (macOS)"


@dataclass(frozen=True, slots=True)
class LoadResult:
    generator: str
    connections: int
    duration_s: float
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int  # responses with status >= 400 (wrk counts 3xx as success; our endpoints never redirect)
    socket_errors: int  # connect / read / write errors and timeouts
    bad_bodies: int  # 2xx answers that are not a page of equipment (GraphQL `errors`, missing `edges`)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


# Every response is checked in Lua: a GraphQL error answers 200, so counting statuses is not enough.
# `bad` is a global of each thread's Lua state, summed in done() through the thread handles.
_WRK_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = %(body)s

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status == 200 and (not string.find(body, '"edges"', 1, true) or string.find(body, '"errors"', 1, true)) then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do bad_total = bad_total + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p90_us":%%d,"p99_us":%%d,"max_us":%%d,' ..
    '"status_errors":%%d,"socket_errors":%%d,"bad_bodies":%%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout, bad_total))
end
"""


def _lua_string(text: str) -> str:
    """A Lua long-bracket literal that cannot be closed by the text itself."""
    level = 1
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[{text}]{eq}]"


def run_wrk_script(url: str, lua: str, *, connections: int, threads: int, duration: float,
                   timeout: str = "5s") -> dict[str, Any]:
    """Run wrk with a Lua script whose done() prints one `BENCH_JSON {...}` line; that object."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as f:
        f.write(lua)
        script = Path(f.name)
    try:
        cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", timeout,
               "-s", str(script), url]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        script.unlink(missing_ok=True)
    line = next((ln for ln in out.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result line:\n{out}")
    return json.loads(line.removeprefix("BENCH_JSON "))


def run_wrk(url: str, body: str, *, connections: int, threads: int, duration: float) -> LoadResult:
    r = run_wrk_script(url, _WRK_LUA % {"body": _lua_string(body)}, connections=connections, threads=threads,
                       duration=duration)
    seconds = r["duration_us"] / 1e6
    return LoadResult(
        generator="wrk", connections=connections, duration_s=round(seconds, 3), requests=r["requests"],
        rps=r["requests"] / seconds, p50_ms=r["p50_us"] / 1000, p90_ms=r["p90_us"] / 1000,
        p99_ms=r["p99_us"] / 1000, max_ms=r["max_us"] / 1000, non_2xx=r["status_errors"],
        socket_errors=r["socket_errors"], bad_bodies=r["bad_bodies"],
    )


async def _python_load(url: str, body: str, connections: int, duration: float) -> LoadResult:
    latencies: list[float] = []
    counts = {"non_2xx": 0, "socket": 0, "bad": 0}
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    headers = {"Content-Type": "application/json"}
    async with httpx.AsyncClient(limits=limits, timeout=5.0) as client:
        started = time.perf_counter()
        deadline = started + duration

        async def worker() -> None:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                try:
                    response = await client.post(url, content=body, headers=headers)
                except httpx.HTTPError:
                    counts["socket"] += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                if response.status_code >= 400:
                    counts["non_2xx"] += 1
                elif '"edges"' not in response.text or '"errors"' in response.text:
                    counts["bad"] += 1

        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    ms = [s * 1000 for s in latencies]
    return LoadResult(
        generator="python-httpx", connections=connections, duration_s=round(elapsed, 3), requests=len(ms),
        rps=len(ms) / elapsed, p50_ms=percentile(ms, 50), p90_ms=percentile(ms, 90), p99_ms=percentile(ms, 99),
        max_ms=ms[-1] if ms else 0.0, non_2xx=counts["non_2xx"], socket_errors=counts["socket"],
        bad_bodies=counts["bad"],
    )


def run_python(url: str, body: str, *, connections: int, duration: float) -> LoadResult:
    return asyncio.run(_python_load(url, body, connections, duration))


def run_load(url: str, body: str, *, generator: str, connections: int, threads: int, duration: float) -> LoadResult:
    if generator == "wrk":
        return run_wrk(url, body, connections=connections, threads=threads, duration=duration)
    return run_python(url, body, connections=connections, duration=duration)
