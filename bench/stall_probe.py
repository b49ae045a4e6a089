"""The app with a stall recorder, for diagnosis only: `uvicorn --factory stall_probe:app` (bench/ on
PYTHONPATH). Each worker appends to `$BIOMAP_STALL_LOG_DIR/stalls-<pid>.txt`:

- `loop <unix time> <ms>`: the event loop woke more than 20 ms late for a 5 ms timer (the worker
  served nothing meanwhile);
- `gc<generation> <unix time> <ms> <collected>`: every collection of generation 1 or 2 and how long
  it took (`gc.callbacks`).

bench/stalls.py runs the booking bench's paced load against it and lines the two up.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from pathlib import Path
from typing import Any, TextIO

from biomap.asgi import app as biomap_app

LOOP_LAG_MS = 20.0
_log: TextIO | None = None
_collection_started = 0.0


def _write(line: str) -> None:
    global _log
    if _log is None:
        directory = Path(os.environ.get("BIOMAP_STALL_LOG_DIR", "."))
        _log = open(directory / f"stalls-{os.getpid()}.txt", "a", buffering=1, encoding="utf-8")  # noqa: SIM115
    _log.write(line + "\n")


def _on_collection(phase: str, info: dict[str, Any]) -> None:
    global _collection_started
    if phase == "start":
        _collection_started = time.perf_counter()
    elif info["generation"] >= 1:
        took = (time.perf_counter() - _collection_started) * 1000
        _write(f"gc{info['generation']} {time.time():.3f} {took:.1f} {info['collected']}")


async def _watch_loop() -> None:
    while True:
        before = time.perf_counter()
        await asyncio.sleep(0.005)
        lag = (time.perf_counter() - before - 0.005) * 1000
        if lag > LOOP_LAG_MS:
            _write(f"loop {time.time():.3f} {lag:.1f}")


def app() -> Any:
    inner = biomap_app()
    gc.callbacks.append(_on_collection)
    watching: list[asyncio.Task[None]] = []

    async def probed(scope: Any, receive: Any, send: Any) -> None:
        if not watching:
            watching.append(asyncio.get_running_loop().create_task(_watch_loop()))
        await inner(scope, receive, send)

    return probed
