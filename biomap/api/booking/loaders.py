"""Per-request DataLoaders of bookings (created through Context.loaders, never shared)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from biomap.booking import queries
from biomap.booking.models import Booking
from biomap.db.pool import Database
from biomap.identity.models import Viewer


class BookingLoaders:
    def __init__(self, db: Database, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer
        self._by_equipment: dict[tuple[dt.datetime, dt.datetime], DataLoader[int, list[Booking]]] = {}

        async def load_bookings(ids: Sequence[int]) -> list[Booking | None]:
            async with db.connection() as conn:
                found = {b.id: b for b in await queries.bookings_by_ids(conn, ids)}
            return [found.get(i) for i in ids]

        self.booking_by_id: DataLoader[int, Booking | None] = DataLoader(load_fn=load_bookings)

    def bookings_by_equipment(self, start: dt.datetime, end: dt.datetime) -> DataLoader[int, list[Booking]]:
        """BookingsByEquipmentLoader for one time range: slot-holding bookings per equipment id."""
        key = (start, end)
        if key not in self._by_equipment:
            async def load(ids: Sequence[int]) -> list[list[Booking]]:
                async with self.db.connection() as conn:
                    rows = await queries.bookings_overlapping(conn, ids, start, end)
                grouped: dict[int, list[Booking]] = {i: [] for i in ids}
                for r in rows:
                    grouped[r.equipment_id].append(r)
                return [grouped[i] for i in ids]

            self._by_equipment[key] = DataLoader(load_fn=load)
        return self._by_equipment[key]
