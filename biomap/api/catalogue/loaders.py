"""Per-request DataLoaders of the catalogue (XByYLoader), batching over the domain's load functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg
from strawberry.dataloader import DataLoader

from biomap.api.loaders import db_loader
from biomap.catalogue import loaders as batch
from biomap.catalogue.models import (
    Consent,
    Equipment,
    EquipmentFilter,
    Institution,
    Technology,
    Trainee,
    TraineePersonal,
)
from biomap.catalogue.visibility import equipment_scope
from biomap.db.pool import Database
from biomap.identity.models import Viewer


class CatalogueLoaders:
    """One instance per request, created through `Context.loaders(CatalogueLoaders)`."""

    def __init__(self, db: Database, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer
        self.institution_by_id: DataLoader[int, Institution | None] = db_loader(db, batch.institutions_by_id)
        self.equipment_by_id: DataLoader[int, Equipment | None] = db_loader(db, batch.equipment_by_id)
        self.technology_by_id: DataLoader[int, Technology | None] = db_loader(db, batch.technologies_by_id)
        self.trainee_by_id: DataLoader[int, Trainee | None] = db_loader(db, batch.trainees_by_id)
        self.consent_by_trainee_id: DataLoader[int, Consent | None] = db_loader(db, batch.consents_by_trainee_id)
        self.personal_by_trainee_id: DataLoader[int, TraineePersonal | None] = db_loader(
            db, batch.personal_by_trainee_id
        )
        # Institution.equipment pages: one loader per (filter, after, size), keyed by institution.
        self._equipment_pages: dict[Any, DataLoader[int, list[Equipment]]] = {}
        self._equipment_counts: dict[Any, DataLoader[int, int]] = {}

    def equipment_page_by_institution(
        self, filt: EquipmentFilter, after_id: int, limit: int
    ) -> DataLoader[int, list[Equipment]]:
        key = (filt, after_id, limit)
        if key not in self._equipment_pages:
            scope = equipment_scope(self.viewer)

            async def load(conn: asyncpg.Connection, ids: Sequence[int]) -> list[list[Equipment]]:
                return await batch.equipment_pages_by_institution(conn, ids, filt, scope, after_id, limit)

            self._equipment_pages[key] = db_loader(self.db, load)
        return self._equipment_pages[key]

    def equipment_count_by_institution(self, filt: EquipmentFilter) -> DataLoader[int, int]:
        if filt not in self._equipment_counts:
            scope = equipment_scope(self.viewer)

            async def load(conn: asyncpg.Connection, ids: Sequence[int]) -> list[int]:
                return await batch.equipment_counts_by_institution(conn, ids, filt, scope)

            self._equipment_counts[filt] = db_loader(self.db, load)
        return self._equipment_counts[filt]
