"""The booking sweep inside the service, for deployments without a scheduler (the demo): every
`interval` seconds, what `biomap booking sweep` does once. Several processes may run it at once
(the sweep claims rows with SKIP LOCKED and changes them with conditional updates)."""

from __future__ import annotations

import asyncio
import logging

from biomap.booking.service import sweep
from biomap.db.pool import Database

log = logging.getLogger(__name__)


async def sweep_every(db: Database, interval: float) -> None:
    """Run the sweep, then wait `interval` seconds, until cancelled. A failed sweep is logged and
    tried again next time: a database restart must not end expiries for good."""
    while True:
        try:
            async with db.connection() as conn, conn.transaction():
                done = await sweep(conn)
            if any(done.values()):
                log.info("booking sweep: expired %(expired)d, no-shows %(no_show)d, reminders %(reminders)d", done)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - logged with its traceback; the next round retries
            log.exception("booking sweep failed")
        await asyncio.sleep(interval)
