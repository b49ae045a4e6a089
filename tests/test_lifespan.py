"""The app's start-up: what it prepares before the first request."""

from __future__ import annotations

import gc

from biomap.app import create_app
from biomap.config import Settings
from biomap.search.analyzer import get_analyzer


async def test_start_up_objects_are_kept_out_of_full_collections(database_dsn: str) -> None:
    gc.unfreeze()  # earlier tests' apps froze theirs
    assert gc.get_freeze_count() == 0
    app = create_app(Settings(database_url=database_dsn, pool_min_size=1, pool_max_size=1, token_cache_seconds=0))
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 10_000  # the schema, the analyzer, the glossary…
        analyzer = get_analyzer()
        assert gc.is_tracked(analyzer)
        # A tracked object that no generation lists is in the permanent (frozen) one.
        assert not any(obj is analyzer for obj in gc.get_objects())
