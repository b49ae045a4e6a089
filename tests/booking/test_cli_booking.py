"""`biomap booking sweep` and `biomap booking relay --once` as an operator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def biomap(dsn: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BIOMAP_DATABASE_URL": dsn, "BIOMAP_SMTP_HOST": ""}
    return subprocess.run([sys.executable, "-m", "biomap.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def test_sweep_and_relay_commands(database_dsn: str) -> None:
    swept = biomap(database_dsn, "booking", "sweep", "--reminder-hours", "0.01")
    assert swept.returncode == 0, swept.stderr
    assert swept.stdout.startswith("expired ") and "reminders" in swept.stdout
    relayed = biomap(database_dsn, "booking", "relay", "--once")
    assert relayed.returncode == 0, relayed.stderr
    assert "relaying booking notifications" in relayed.stderr
