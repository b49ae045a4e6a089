"""Demo users, one per role, with the fixed tokens the README shows (for local use only)."""

from __future__ import annotations

import json
from pathlib import Path

import asyncpg

from biomap.identity.models import Role
from biomap.identity.service import create_user


async def load_users(conn: asyncpg.Connection, seeds_dir: Path) -> int:
    users = json.loads((seeds_dir / "users.json").read_text(encoding="utf-8"))
    for user in users:
        await create_user(
            conn,
            email=user["email"],
            role=Role(user["role"]),
            organisation_code=user.get("org"),
            display_name=user.get("display_name", ""),
            token=user["token"],
            token_label="demo",
        )
    return len(users)
