"""The embedded PostgreSQL stops with the last process using it: after SIGTERM to `biomap demo`
(docker stop, systemd, kill), and even when a process killed outright left its pid behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="biomap-lifecycle-"))
    yield path
    _stop_leftover(path / "pgdata")
    shutil.rmtree(path, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postmaster_pid(pgdata: Path) -> int | None:
    try:
        return int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_stopped(pgdata: Path, pid: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _running(pid) and not (pgdata / "postmaster.pid").exists():
            return True
        time.sleep(0.2)
    return False


def _stop_leftover(pgdata: Path) -> None:
    pid = _postmaster_pid(pgdata)
    if pid is not None and _running(pid):
        os.kill(pid, signal.SIGTERM)  # smart shutdown, so a failed test leaves no server behind
        _wait_stopped(pgdata, pid, 10)


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BIOMAP_DATABASE_URL"}
    return {**env, "BIOMAP_DATA_DIR": str(data_dir), "BIOMAP_SEEDS_DIR": str(ROOT / "seeds")}


def test_sigterm_to_the_demo_stops_its_embedded_server(data_dir: Path) -> None:
    port = _free_port()
    demo = subprocess.Popen([sys.executable, "-m", "biomap.cli", "demo", "--port", str(port), "--workers", "1"],
                            env=_env(data_dir), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert demo.poll() is None, demo.stdout.read().decode() if demo.stdout else "demo exited"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the demo did not become ready in 120 s"
            time.sleep(0.5)
        pgdata = data_dir / "pgdata"
        postmaster = _postmaster_pid(pgdata)
        assert postmaster is not None and _running(postmaster)

        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=60)
    finally:
        if demo.poll() is None:
            demo.kill()
    assert _wait_stopped(pgdata, postmaster), "the embedded PostgreSQL outlived `biomap demo` after SIGTERM"


_HOLD_SERVER = """
import sys, time
from pathlib import Path
from biomap.db.embedded import start_embedded
start_embedded(Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(120)
"""


def _hold(data_dir: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_SERVER, str(data_dir)], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_a_pid_left_by_a_killed_process_does_not_keep_the_server_running(data_dir: Path) -> None:
    pgdata = data_dir / "pgdata"
    first = _hold(data_dir)  # creates and starts the server
    first.kill()  # SIGKILL: no atexit hook, its pid stays in the handle list
    first.wait()
    handles = json.loads((pgdata / ".handle_pids.json").read_text())
    assert first.pid in handles

    second = _hold(data_dir)  # reuses the running server
    try:
        postmaster = _postmaster_pid(pgdata)
        assert postmaster is not None and _running(postmaster)
        assert first.pid not in json.loads((pgdata / ".handle_pids.json").read_text())
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    assert second.returncode == 128 + signal.SIGTERM  # exited through SystemExit, so atexit ran
    assert _wait_stopped(pgdata, postmaster), "a dead process's handle kept the embedded PostgreSQL running"
