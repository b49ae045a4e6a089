"""ViewerCache alone: what it serves, for how long, and what it refuses to keep."""

from __future__ import annotations

import time

import pytest

from biomap.identity.models import Role, Viewer
from biomap.identity.viewer_cache import ViewerCache

ALICE = Viewer(1, Role.RESEARCHER, 10, False, "alice@test.biomap.kr")
BOB = Viewer(2, Role.INSTITUTION_MANAGER, 20, True, "bob@test.biomap.kr")


def enabled(ttl: float = 30.0, **kwargs: int) -> ViewerCache:
    cache = ViewerCache(ttl, **kwargs)
    cache.enable(time.monotonic() + 3600)
    return cache


def test_a_cache_nobody_listens_for_serves_and_keeps_nothing() -> None:
    cache = ViewerCache(30.0)
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    assert len(cache) == 0
    assert cache.get(b"a") is None


def test_a_stored_viewer_is_served_until_invalidated() -> None:
    cache = enabled()
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    assert cache.get(b"a") == ALICE
    assert cache.get(b"b") is None
    assert (cache.hits, cache.misses) == (1, 1)
    cache.invalidate()
    assert cache.get(b"a") is None


def test_a_lookup_that_overlapped_a_change_is_not_stored() -> None:
    cache = enabled()
    started_under = cache.generation
    cache.invalidate()  # a change notice arrived while the lookup ran
    cache.put(b"a", ALICE, seconds_left=None, generation=started_under)
    assert cache.get(b"a") is None


def test_losing_the_listener_forgets_everything_and_stops_serving() -> None:
    cache = enabled()
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    cache.disable()
    assert not cache.enabled and len(cache) == 0
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    assert cache.get(b"a") is None


def test_nothing_is_served_once_the_listening_lease_runs_out() -> None:
    cache = ViewerCache(30.0)
    cache.enable(time.monotonic() + 0.05)
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    assert cache.enabled and cache.get(b"a") == ALICE
    cache.renew(time.monotonic() + 0.1)  # a heartbeat was answered
    time.sleep(0.06)
    assert cache.get(b"a") == ALICE
    time.sleep(0.06)  # no answer since: the connection may have gone silent
    assert not cache.enabled and cache.get(b"a") is None
    cache.put(b"b", BOB, seconds_left=None, generation=cache.generation)
    cache.renew(time.monotonic() + 60)
    assert cache.get(b"b") is None  # nothing was stored while the lease had run out


def test_entries_expire_after_the_ttl() -> None:
    cache = enabled(ttl=0.05)
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    assert cache.get(b"a") == ALICE
    time.sleep(0.08)
    assert cache.get(b"a") is None
    assert len(cache) == 0


def test_an_entry_never_outlives_its_token() -> None:
    cache = enabled(ttl=30.0)
    cache.put(b"a", ALICE, seconds_left=0.05, generation=cache.generation)
    cache.put(b"b", BOB, seconds_left=-1.0, generation=cache.generation)  # expired while we looked
    assert cache.get(b"a") == ALICE
    assert cache.get(b"b") is None
    time.sleep(0.08)
    assert cache.get(b"a") is None


def test_the_least_recently_used_entry_goes_first() -> None:
    cache = enabled(max_entries=2)
    cache.put(b"a", ALICE, seconds_left=None, generation=cache.generation)
    cache.put(b"b", BOB, seconds_left=None, generation=cache.generation)
    assert cache.get(b"a") == ALICE  # b is now the least recently used
    cache.put(b"c", BOB, seconds_left=None, generation=cache.generation)
    assert cache.get(b"b") is None
    assert cache.get(b"a") == ALICE and cache.get(b"c") == BOB


def test_a_zero_ttl_is_refused() -> None:
    with pytest.raises(ValueError, match="positive ttl"):
        ViewerCache(0)
