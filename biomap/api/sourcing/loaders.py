"""Per-request DataLoaders of sourcing (XByYLoader), batching over the domain's load functions."""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader

from biomap.api.loaders import db_loader
from biomap.db.pool import Database
from biomap.identity.models import Viewer
from biomap.sourcing import loaders as batch


class SourcingLoaders:
    """One instance per request, created through `Context.loaders(SourcingLoaders)`."""

    def __init__(self, db: Database, viewer: Viewer) -> None:
        self.viewer = viewer
        self.material_by_id: DataLoader[int, Any] = db_loader(db, batch.materials_by_id)
        self.supplier_by_id: DataLoader[int, Any] = db_loader(db, batch.suppliers_by_id)
        self.product_by_id: DataLoader[int, Any] = db_loader(db, batch.products_by_id)
        self.certification_by_id: DataLoader[int, Any] = db_loader(db, batch.certifications_by_id)
        self.demand_by_id: DataLoader[int, Any] = db_loader(db, batch.demands_by_id)
        self.pipeline_by_id: DataLoader[int, Any] = db_loader(db, batch.pipelines_by_id)
        self.organisation_by_id: DataLoader[int, Any] = db_loader(db, batch.organisations_by_id)
        self.products_by_supplier_id: DataLoader[int, list[Any]] = db_loader(db, batch.products_by_supplier_id)
        self.certifications_by_supplier_id: DataLoader[int, list[Any]] = db_loader(
            db, batch.certifications_by_supplier_id)
        self.pipelines_by_demand_id: DataLoader[int, list[Any]] = db_loader(db, batch.pipelines_by_demand_id)
        self.events_by_pipeline_id: DataLoader[int, list[Any]] = db_loader(db, batch.events_by_pipeline_id)
        self.status_history_by_material_id: DataLoader[int, list[Any]] = db_loader(
            db, batch.status_history_by_material_id)
