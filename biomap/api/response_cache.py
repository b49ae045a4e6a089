"""A per-process micro-cache of anonymous query responses.

Anonymous viewers all see the same public catalogue, and the same few queries (the front page's
"first 20 equipment") dominate. Serving an identical request from memory for a second or two
skips parsing, execution and SQL entirely (measured in bench/catalogue.py). It is safe across
replicas because it never has to agree with anything: an entry is at most `ttl` seconds stale,
whatever process wrote the change. Only anonymous POSTed *queries* that finished without errors
are stored; mutations, signed-in viewers and errors always run.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CachedResponse:
    body: bytes
    operation: str
    expires_at: float


class ResponseCache:
    def __init__(self, ttl_seconds: float, max_entries: int = 2048) -> None:
        self.ttl = ttl_seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[bytes, CachedResponse] = OrderedDict()

    @staticmethod
    def key(path: str, body: bytes) -> bytes:
        return hashlib.blake2b(path.encode() + b"\0" + body, digest_size=20).digest()

    def get(self, key: bytes) -> CachedResponse | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expires_at < time.monotonic():
            del self._entries[key]
            return None
        return entry

    def put(self, key: bytes, body: bytes, operation: str) -> None:
        self._entries[key] = CachedResponse(body, operation, time.monotonic() + self.ttl)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


def mark_cacheable(context: Any, operation: str) -> None:
    """Called for queries that finished without errors: anonymous ones may be cached by the view."""
    viewer = getattr(context, "viewer", None)
    if viewer is not None and not viewer.is_authenticated:
        context.cacheable_operation = operation
