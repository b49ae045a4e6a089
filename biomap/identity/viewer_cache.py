"""The viewers of recently used bearer tokens, kept in memory for a few seconds per worker.

Looking a token up costs a pooled connection and a round trip on every authenticated request
(a sixth to a fifth of a booking's CPU here, bench/README.md). A cached viewer is only served
while it is known to be current:

- the cache is **enabled only while this worker listens** for the database's change notices
  (migration 0010: any UPDATE, DELETE or TRUNCATE of api_token, app_user or organisation); every
  notice empties it, and losing the listening connection disables it until a new one listens;
- listening is proven, not assumed: the follower renews a short **lease** after each answered
  heartbeat on that connection (an answer comes after every notice committed before it was
  asked), and nothing is served once the lease has run out — a connection that went silent
  without closing (a network partition, a stopped server) stops the cache within seconds;
- a lookup that was running when a notice arrived is not stored (the `generation` it started
  under is stale), so a viewer read before a change cannot outlive the change;
- an entry lives at most `ttl` seconds and never past its token's own expiry;
- only tokens that authenticated are kept (an unknown token is asked about every time, so nobody
  fills the cache by guessing), at most `max_entries` of them, least recently used evicted first.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from biomap.identity.models import Viewer


@dataclass(frozen=True, slots=True)
class _Entry:
    viewer: Viewer
    fresh_until: float  # time.monotonic()


class ViewerCache:
    def __init__(self, ttl: float, *, max_entries: int = 10_000) -> None:
        if ttl <= 0:
            raise ValueError("a viewer cache needs a positive ttl (leave it out to not cache)")
        self.ttl = ttl
        self.max_entries = max_entries
        self.generation = 0
        self.hits = self.misses = 0
        self._enabled = False
        self._lease_until = 0.0  # time.monotonic(): serve nothing after it unless renewed
        self._entries: OrderedDict[bytes, _Entry] = OrderedDict()

    @property
    def enabled(self) -> bool:
        """Listening, with a lease that has not run out."""
        return self._enabled and time.monotonic() < self._lease_until

    def enable(self, lease_until: float) -> None:
        """Called once this worker listens for change notices: start empty."""
        self.invalidate()
        self._enabled = True
        self._lease_until = lease_until

    def renew(self, lease_until: float) -> None:
        """Called after each answered heartbeat on the listening connection."""
        self._lease_until = max(self._lease_until, lease_until)

    def disable(self) -> None:
        """Called when the listening connection is lost: nothing cached is served or stored."""
        self._enabled = False
        self.invalidate()

    def invalidate(self) -> None:
        """A change notice: forget everything, and refuse what lookups already running bring back."""
        self.generation += 1
        self._entries.clear()

    def get(self, token_hash: bytes) -> Viewer | None:
        if not self.enabled:
            return None
        entry = self._entries.get(token_hash)
        if entry is None or entry.fresh_until <= time.monotonic():
            if entry is not None:
                del self._entries[token_hash]
            self.misses += 1
            return None
        self._entries.move_to_end(token_hash)
        self.hits += 1
        return entry.viewer

    def put(self, token_hash: bytes, viewer: Viewer, *, seconds_left: float | None, generation: int) -> None:
        """Keep `viewer`, read from the database under `generation`, for at most ttl seconds and
        never longer than `seconds_left` of its token's validity (None: the token does not expire)."""
        if not self.enabled or generation != self.generation:
            return
        lifetime = self.ttl if seconds_left is None else min(self.ttl, seconds_left)
        if lifetime <= 0:
            return
        self._entries[token_hash] = _Entry(viewer, time.monotonic() + lifetime)
        self._entries.move_to_end(token_hash)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
