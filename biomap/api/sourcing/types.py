"""GraphQL object types of sourcing. Relations resolve through this request's DataLoaders."""

from __future__ import annotations

import datetime as dt

import strawberry

from biomap.api.catalogue import enums as catalogue_enums
from biomap.api.context import Info
from biomap.api.node import Node, to_global_id
from biomap.api.sourcing import enums
from biomap.api.sourcing.loaders import SourcingLoaders
from biomap.sourcing import matching, models, permissions, pipeline_service
from biomap.sourcing.progress_queries import ItemProgress as ItemProgressRecord
from biomap.sourcing.progress_queries import ZoneProgress as ZoneProgressRecord
from biomap.validation import HTTP_URL


def _loaders(info: Info) -> SourcingLoaders:
    return info.context.loaders(SourcingLoaders)


@strawberry.type(description="A typical specification of a localisation item (a range in a unit).")
class TypicalSpec:
    key: str
    label: str
    unit: str
    min: float | None
    max: float | None


@strawberry.type(description="One change of an item's localisation status.")
class StatusChange:
    from_status: enums.LocalisationStatus | None
    to_status: enums.LocalisationStatus
    at: dt.datetime
    reason: str


@strawberry.type(description="One of the 30 raw/subsidiary materials Incheon set out to localise.")
class Material(Node):
    pk: strawberry.Private[int]
    code: str
    name_ko: str
    name_en: str
    category: str
    typical_specs: list[TypicalSpec]
    required_evidence: list[enums.EvidenceKind] = strawberry.field(description="Evidence buyers require.")
    annual_import_krw: float | None = strawberry.field(
        description="Estimated annual import value in KRW (a Float: values exceed 32-bit Int).")
    import_value_estimated: bool
    status: enums.LocalisationStatus
    status_changed_at: dt.datetime
    sources: list[str] = strawberry.field(description="Public pages naming the item; empty = a realistic estimate.")
    source_note: str

    @staticmethod
    def of(r: models.Material) -> Material:
        return Material(
            id=to_global_id("Material", r.id), pk=r.id, code=r.code, name_ko=r.name_ko, name_en=r.name_en,
            category=r.category,
            typical_specs=[TypicalSpec(key=s["key"], label=s.get("label", s["key"]), unit=s["unit"],
                                       min=s.get("min"), max=s.get("max")) for s in r.typical_specs],
            required_evidence=[enums.EvidenceKind[k] for k in r.required_evidence],
            annual_import_krw=float(r.annual_import_krw) if r.annual_import_krw is not None else None,
            import_value_estimated=r.import_value_estimated, status=r.status, status_changed_at=r.status_changed_at,
            sources=r.sources, source_note=r.source_note,
        )

    @strawberry.field(description="Every status change, oldest first.")
    async def status_history(self, info: Info) -> list[StatusChange]:
        rows = await _loaders(info).status_history_by_material_id.load(self.pk)
        return [StatusChange(from_status=r.from_status, to_status=r.to_status, at=r.at, reason=r.reason) for r in rows]


async def load_material(info: Info, pk: int) -> Material:
    return Material.of(await _loaders(info).material_by_id.load(pk))


@strawberry.type(description="A numeric specification of a product.")
class SpecValue:
    key: str
    value: float
    unit: str


@strawberry.type(description="A certification or evidence on file, with its expiry.")
class Certification(Node):
    pk: strawberry.Private[int]
    product_pk: strawberry.Private[int | None]
    kind: enums.EvidenceKind
    iso_class: int | None = strawberry.field(description="ISO 14644 cleanroom class, for that kind.")
    reference: str
    issued_on: dt.date | None
    expires_on: dt.date
    illustrative: bool = strawberry.field(description="A demo value, not a public fact about a real company.")

    @staticmethod
    def of(r: models.Certification) -> Certification:
        return Certification(
            id=to_global_id("Certification", r.id), pk=r.id, product_pk=r.product_id, kind=enums.EvidenceKind[r.kind],
            iso_class=r.iso_class, reference=r.reference, issued_on=r.issued_on, expires_on=r.expires_on,
            illustrative=r.illustrative,
        )

    @strawberry.field(description="The global ID of the product it is for; null when supplier-wide.")
    def product_id(self) -> strawberry.ID | None:
        return to_global_id("Product", self.product_pk) if self.product_pk else None


@strawberry.type(description="A supplier's product for a localisation item.")
class Product(Node):
    pk: strawberry.Private[int]
    supplier_pk: strawberry.Private[int]
    material_pk: strawberry.Private[int]
    name_ko: str
    name_en: str
    description: str
    monthly_capacity: float | None
    capacity_unit: str | None
    lead_time_days: int | None
    minimum_order: float | None
    specs: list[SpecValue]
    retired: bool

    @staticmethod
    def of(r: models.Product) -> Product:
        return Product(
            id=to_global_id("Product", r.id), pk=r.id, supplier_pk=r.supplier_id, material_pk=r.material_id,
            name_ko=r.name_ko, name_en=r.name_en, description=r.description, monthly_capacity=r.monthly_capacity,
            capacity_unit=r.capacity_unit, lead_time_days=r.lead_time_days, minimum_order=r.minimum_order,
            specs=[SpecValue(key=s.key, value=s.value, unit=s.unit) for s in r.specs], retired=r.retired,
        )

    @strawberry.field
    async def material(self, info: Info) -> Material:
        return await load_material(info, self.material_pk)

    @strawberry.field
    async def supplier(self, info: Info) -> Supplier:
        return Supplier.of(await _loaders(info).supplier_by_id.load(self.supplier_pk))


@strawberry.type(description="A supplier's profile: location, products, certifications, references.")
class Supplier(Node):
    pk: strawberry.Private[int]
    code: str
    name_ko: str
    name_en: str
    zone: catalogue_enums.Zone
    address: str
    website: str
    description: str
    reference_customers: list[str]
    sources: list[str] = strawberry.field(description="Public pages of a real company's facts.")
    synthetic: bool = strawberry.field(description="Demo data, not a real company.")

    @staticmethod
    def of(r: models.Supplier) -> Supplier:
        return Supplier(
            id=to_global_id("Supplier", r.id), pk=r.id, code=r.code, name_ko=r.name_ko, name_en=r.name_en,
            zone=r.zone, address=r.address, description=r.description,
            website=r.website if HTTP_URL.match(r.website) else "",  # never a javascript: link from older rows
            reference_customers=r.reference_customers, sources=r.sources, synthetic=r.synthetic,
        )

    @strawberry.field(description="Active products (batched across suppliers).")
    async def products(self, info: Info) -> list[Product]:
        return [Product.of(p) for p in await _loaders(info).products_by_supplier_id.load(self.pk)]

    @strawberry.field(description="Certifications and evidence on file, with expiry (batched across suppliers).")
    async def certifications(self, info: Info) -> list[Certification]:
        return [Certification.of(c) for c in await _loaders(info).certifications_by_supplier_id.load(self.pk)]


@strawberry.type(description="An organisation (here: the manufacturer that posted a demand).")
class Organisation:
    code: str
    name_ko: str
    name_en: str


@strawberry.type(description="A required specification range; `hard` ones exclude suppliers that miss them.")
class SpecRequirement:
    key: str
    min: float | None
    max: float | None
    unit: str
    hard: bool


@strawberry.type(description="A required certification/evidence; `hard` ones exclude suppliers without it.")
class EvidenceRequirement:
    kind: enums.EvidenceKind
    max_iso_class: int | None
    hard: bool


@strawberry.type(description="A manufacturer's need for a localisation item.")
class Demand(Node):
    pk: strawberry.Private[int]
    manufacturer_pk: strawberry.Private[int]
    material_pk: strawberry.Private[int]
    title: str
    description: str
    volume_per_month: float
    volume_unit: str
    deadline: dt.date
    visibility: enums.DemandVisibility
    status: enums.DemandStatus
    created_at: dt.datetime
    specs: list[SpecRequirement]
    requirements: list[EvidenceRequirement]
    record: strawberry.Private[models.Demand]

    @staticmethod
    def of(r: models.Demand) -> Demand:
        return Demand(
            id=to_global_id("Demand", r.id), pk=r.id, manufacturer_pk=r.manufacturer_id, material_pk=r.material_id,
            title=r.title, description=r.description, volume_per_month=r.volume_per_month, volume_unit=r.volume_unit,
            deadline=r.deadline, visibility=r.visibility, status=r.status, created_at=r.created_at,
            specs=[SpecRequirement(key=s.key, min=s.min_value, max=s.max_value, unit=s.unit, hard=s.hard)
                   for s in r.specs],
            requirements=[EvidenceRequirement(kind=enums.EvidenceKind[q.kind], max_iso_class=q.max_iso_class,
                                              hard=q.hard) for q in r.requirements],
            record=r,
        )

    @strawberry.field
    async def material(self, info: Info) -> Material:
        return await load_material(info, self.material_pk)

    @strawberry.field
    async def manufacturer(self, info: Info) -> Organisation:
        r = await _loaders(info).organisation_by_id.load(self.manufacturer_pk)
        return Organisation(code=r["code"], name_ko=r["name_ko"], name_en=r["name_en"])

    @strawberry.field(description="The qualification pairs of this demand: all of them for its manufacturer and the "
                                  "city team, a supplier's own pair for a supplier.")
    async def pipelines(self, info: Info) -> list[Pipeline]:
        viewer = info.context.viewer
        rows = await _loaders(info).pipelines_by_demand_id.load(self.pk)
        if not (permissions.owns_demand(viewer, self.record) or permissions.sees_all_sourcing(viewer)):
            rows = [p for p in rows if viewer.role is not None and viewer.role.value == "SUPPLIER"
                    and viewer.belongs_to(p.supplier_id)]
        return [Pipeline.of(p) for p in rows]


@strawberry.type(description="A supplier's quote.")
class Quote:
    price: float = strawberry.field(description="Per one unit of the demand's volumeUnit.")
    currency: str
    lead_time_days: int | None
    sample_offered: bool | None


@strawberry.type(description="One move of a pipeline: who moved it is in the audit log.")
class PipelineEvent:
    from_stage: enums.PipelineStage | None
    to_stage: enums.PipelineStage
    at: dt.datetime
    note: str
    evidence: list[str] = strawberry.field(description="Evidence references (URLs or document ids).")


@strawberry.type(description="A (demand, supplier) pair on its way to qualification.")
class Pipeline(Node):
    pk: strawberry.Private[int]
    demand_pk: strawberry.Private[int]
    supplier_pk: strawberry.Private[int]
    stage: enums.PipelineStage
    quote: Quote | None
    created_at: dt.datetime
    stage_changed_at: dt.datetime

    @staticmethod
    def of(r: models.Pipeline) -> Pipeline:
        quote = None
        if r.quote_price is not None:
            quote = Quote(price=float(r.quote_price), currency=r.quote_currency or "",
                          lead_time_days=r.quote_lead_time_days, sample_offered=r.sample_offered)
        return Pipeline(
            id=to_global_id("Pipeline", r.id), pk=r.id, demand_pk=r.demand_id, supplier_pk=r.supplier_id,
            stage=r.stage, quote=quote, created_at=r.created_at, stage_changed_at=r.stage_changed_at,
        )

    @strawberry.field
    async def demand(self, info: Info) -> Demand:
        return Demand.of(await _loaders(info).demand_by_id.load(self.demand_pk))

    @strawberry.field
    async def supplier(self, info: Info) -> Supplier:
        return Supplier.of(await _loaders(info).supplier_by_id.load(self.supplier_pk))

    @strawberry.field(description="The stages you may move this pair to now (empty when it is not your move).")
    async def allowed_moves(self, info: Info) -> list[enums.PipelineStage]:
        loaders = _loaders(info)
        record = await loaders.pipeline_by_id.load(self.pk)
        demand = await loaders.demand_by_id.load(self.demand_pk)
        return pipeline_service.allowed_moves(info.context.viewer, record, demand)

    @strawberry.field(description="The stage history, oldest first.")
    async def events(self, info: Info) -> list[PipelineEvent]:
        rows = await _loaders(info).events_by_pipeline_id.load(self.pk)
        return [PipelineEvent(from_stage=e.from_stage, to_stage=e.to_stage, at=e.at, note=e.note,
                              evidence=e.evidence) for e in rows]


@strawberry.type(description="One fact that made a match's score: met or to fix.")
class MatchReason:
    code: str = strawberry.field(description="SPEC_MET, SPEC_MISSING, CERT_MET, CERT_MISSING, CERT_EXPIRING, "
                                             "CAPACITY_OK, CAPACITY_SHORT, CAPACITY_UNKNOWN, LEAD_TIME_OK, "
                                             "LEAD_TIME_LATE, LEAD_TIME_UNKNOWN, ZONE, TRACK_RECORD, MINIMUM_ORDER")
    positive: bool
    message: str


@strawberry.type
class ExpiringCertification:
    kind: enums.EvidenceKind
    expires_on: dt.date


@strawberry.type(description="What a match was scored on (see the README's matching rules).")
class MatchFacts:
    specs_met: list[str]
    specs_missing: list[str]
    certifications_met: list[enums.EvidenceKind]
    certifications_missing: list[enums.EvidenceKind]
    expiring: list[ExpiringCertification]
    capacity_ratio: float | None
    lead_time_days: int | None
    days_left: int
    zone: catalogue_enums.Zone
    validated_pairs: int
    rejected_pairs: int


def _facts(f: matching.MatchFacts) -> MatchFacts:
    return MatchFacts(
        specs_met=f.specs_met, specs_missing=f.specs_missing,
        certifications_met=[enums.EvidenceKind[k] for k in f.certifications_met],
        certifications_missing=[enums.EvidenceKind[k] for k in f.certifications_missing],
        expiring=[ExpiringCertification(kind=enums.EvidenceKind[e.kind], expires_on=e.expires_on) for e in f.expiring],
        capacity_ratio=f.capacity_ratio, lead_time_days=f.lead_time_days, days_left=f.days_left,
        zone=catalogue_enums.Zone(f.zone), validated_pairs=f.validated_pairs, rejected_pairs=f.rejected_pairs,
    )


def _reasons(f: matching.MatchFacts) -> list[MatchReason]:
    return [MatchReason(code=r.code, positive=r.positive, message=r.message) for r in matching.reasons(f)]


@strawberry.type(description="A supplier proposed for a demand, with its score (0-100) and the reasons.")
class SupplierMatch:
    rank: int
    score: float
    reasons: list[MatchReason]
    facts: MatchFacts
    supplier_pk: strawberry.Private[int]
    product_pk: strawberry.Private[int]

    @staticmethod
    def of(rank: int, f: matching.MatchFacts) -> SupplierMatch:
        return SupplierMatch(rank=rank, score=f.score, reasons=_reasons(f), facts=_facts(f),
                             supplier_pk=f.supplier_id, product_pk=f.product_id)

    @strawberry.field
    async def supplier(self, info: Info) -> Supplier:
        return Supplier.of(await _loaders(info).supplier_by_id.load(self.supplier_pk))

    @strawberry.field(description="The supplier's best-scoring product for the item.")
    async def product(self, info: Info) -> Product:
        return Product.of(await _loaders(info).product_by_id.load(self.product_pk))


@strawberry.type(description="A demand a supplier matches, with its score and what to fix.")
class DemandMatch:
    rank: int
    score: float
    reasons: list[MatchReason]
    facts: MatchFacts
    demand_pk: strawberry.Private[int]
    product_pk: strawberry.Private[int]

    @staticmethod
    def of(rank: int, f: matching.MatchFacts) -> DemandMatch:
        return DemandMatch(rank=rank, score=f.score, reasons=_reasons(f), facts=_facts(f), demand_pk=f.demand_id,
                           product_pk=f.product_id)

    @strawberry.field
    async def demand(self, info: Info) -> Demand:
        return Demand.of(await _loaders(info).demand_by_id.load(self.demand_pk))

    @strawberry.field
    async def product(self, info: Info) -> Product:
        return Product.of(await _loaders(info).product_by_id.load(self.product_pk))


@strawberry.type(description="Days pairs spent in one stage (the current stage counts until now).")
class StageTime:
    stage: enums.PipelineStage
    pairs: int
    total_days: float
    average_days: float


@strawberry.type(description="How far one item has come.")
class ItemProgress:
    material_pk: strawberry.Private[int]
    code: str
    name_ko: str
    name_en: str
    status: enums.LocalisationStatus
    candidate_suppliers: int = strawberry.field(
        description="Suppliers with an active product whose unexpired certifications cover the item's required evidence.")
    active_pipelines: int
    validated_pipelines: int
    stage_times: list[StageTime]
    annual_import_krw: float | None
    covered_krw: float = strawberry.field(
        description="Annual value of validated domestic supply: volume per month x 12 x quoted price (reference "
                    "exchange rates), capped at the import value.")

    @staticmethod
    def of(r: ItemProgressRecord) -> ItemProgress:
        return ItemProgress(
            material_pk=r.material_id, code=r.code, name_ko=r.name_ko, name_en=r.name_en, status=r.status,
            candidate_suppliers=r.candidate_suppliers, active_pipelines=r.active_pipelines,
            validated_pipelines=r.validated_pipelines,
            stage_times=[StageTime(stage=enums.PipelineStage(t.stage), pairs=t.pairs, total_days=t.total_days,
                                   average_days=t.average_days) for t in r.stage_times],
            annual_import_krw=float(r.annual_import_krw) if r.annual_import_krw is not None else None,
            covered_krw=float(r.covered_krw),
        )

    @strawberry.field
    async def material(self, info: Info) -> Material:
        return await load_material(info, self.material_pk)


@strawberry.type(description="Suppliers per zone.")
class ZoneProgress:
    zone: catalogue_enums.Zone
    suppliers: int = strawberry.field(description="With at least one active product.")
    in_pipelines: int = strawberry.field(description="With a pair not yet validated or rejected.")
    qualified: int = strawberry.field(description="With at least one validated pair.")

    @staticmethod
    def of(r: ZoneProgressRecord) -> ZoneProgress:
        return ZoneProgress(zone=catalogue_enums.Zone(r.zone), suppliers=r.suppliers, in_pipelines=r.in_pipelines,
                            qualified=r.qualified)


@strawberry.type(description="Localisation progress of the 30 items, for the city team.")
class LocalisationProgress:
    items: list[ItemProgress]
    zones: list[ZoneProgress]
    qualified_items: int
    covered_krw: float
    annual_import_krw: float
