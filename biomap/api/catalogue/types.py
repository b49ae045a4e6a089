"""GraphQL object types of the catalogue. Relations resolve through this request's DataLoaders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from biomap.api.scalars import DateTimeOffset
from biomap.api.catalogue import enums
from biomap.api.catalogue.institution_filter import institution_pks
from biomap.api.catalogue.loaders import CatalogueLoaders
from biomap.api.context import Info
from biomap.api.node import Node, to_global_id
from biomap.api.pagination import Connection, build_connection, decode_cursor, page_size
from biomap.api.scalars import JSON
from biomap.api.selection import selects
from biomap.catalogue import models
from biomap.catalogue.taxonomy import CATEGORY_BY_CODE
from biomap.catalogue.trainee_privacy import (
    consent_is_valid,
    disclosed_items,
    managed_centre,
)

if TYPE_CHECKING:
    from biomap.api.booking.types import Booking


@strawberry.type(description="One category of the fixed equipment taxonomy.")
class Category:
    code: enums.EquipmentCategory
    group: str
    label_ko: str
    label_en: str

    @staticmethod
    def of(code: str) -> Category:
        c = CATEGORY_BY_CODE[code]
        return Category(code=enums.EquipmentCategory[c.code], group=c.group, label_ko=c.label_ko, label_en=c.label_en)


@strawberry.type(description="Hourly rates in KRW by user type; null when the institution quotes per request.")
class Rates:
    internal_krw: int | None
    academic_krw: int | None
    industry_krw: int | None


@strawberry.input(description="Equipment filters; values within one field are OR-ed, fields are AND-ed.")
class EquipmentFilterInput:
    institution_ids: list[strawberry.ID] | None = None
    zones: list[enums.Zone] | None = None
    categories: list[enums.EquipmentCategory] | None = None
    access_policies: list[enums.AccessPolicy] | None = None
    service_modes: list[enums.ServiceMode] | None = None
    statuses: list[enums.EquipmentStatus] | None = strawberry.field(
        default=None, description="Default: ACTIVE and MAINTENANCE (retired equipment only when asked for)."
    )


async def equipment_filter(info: Info, given: EquipmentFilterInput | None) -> models.EquipmentFilter:
    """The domain filter. An empty list constrains nothing; an institution id that names none is an error."""
    if given is None:
        return models.EquipmentFilter()

    def tup(values: list | None) -> tuple | None:
        return tuple(values) if values else None

    return models.EquipmentFilter(
        institution_ids=await institution_pks(info, given.institution_ids, "filter.institutionIds"),
        zones=tup(given.zones),
        categories=tuple(c.value for c in given.categories) if given.categories else None,
        access_policies=tup(given.access_policies),
        service_modes=tup(given.service_modes),
        statuses=tup(given.statuses),
    )


@strawberry.type(description="A university, hospital, institute, company or centre of the cluster.")
class Institution(Node):
    pk: strawberry.Private[int]
    code: str
    name_ko: str
    name_en: str
    kind: enums.InstitutionKind
    zone: enums.Zone
    address: str
    latitude: float | None
    longitude: float | None
    website: str
    description: str
    sources: list[str] = strawberry.field(description="Public pages the institution's facts come from.")

    @staticmethod
    def of(r: models.Institution) -> Institution:
        return Institution(
            id=to_global_id("Institution", r.id), pk=r.id, code=r.code, name_ko=r.name_ko, name_en=r.name_en,
            kind=r.kind, zone=r.zone, address=r.address, latitude=r.latitude, longitude=r.longitude,
            website=r.website, description=r.description, sources=r.sources,
        )

    @strawberry.field(description="This institution's equipment the viewer may see (batched across institutions).")
    async def equipment(
        self, info: Info, first: int | None = None, after: str | None = None,
        filter: EquipmentFilterInput | None = None,
    ) -> Connection[Equipment]:
        loaders = info.context.loaders(CatalogueLoaders)
        size, after_id = page_size(first), decode_cursor(after)
        filt = await equipment_filter(info, filter)
        rows = await loaders.equipment_page_by_institution(filt, after_id, size + 1).load(self.pk)
        counter = loaders.equipment_count_by_institution(filt)
        # Every item's institution is this one: no lookup needed.
        nodes = [Equipment.of(r, self) for r in rows[:size]]
        return build_connection(rows, size, lambda e: e.id, nodes, lambda: counter.load(self.pk), after_id)


@strawberry.type(description="A piece of research or bioprocess equipment offered for shared use.")
class Equipment(Node):
    pk: strawberry.Private[int]
    institution_pk: strawberry.Private[int]
    source_id: str | None = strawberry.field(description="The publisher's own ID (uniquip `ID`), stable across imports.")
    name_ko: str
    name_en: str
    category: enums.EquipmentCategory
    manufacturer: str
    model: str
    year: int | None
    description_ko: str
    description_en: str
    specifications: JSON
    building: str
    room: str
    status: enums.EquipmentStatus
    access_policy: enums.AccessPolicy
    service_mode: enums.ServiceMode
    training_required: bool
    rates: Rates
    nfec_registration: str = strawberry.field(
        description="National equipment registry (NFEC) number; research funds pay only for registered equipment."
    )
    rrid: str
    photo_url: str
    updated_at: dt.datetime
    prefetched_institution: strawberry.Private[Institution | None] = None

    @staticmethod
    def of(r: models.Equipment, institution: Institution | None = None) -> Equipment:
        return Equipment(
            id=to_global_id("Equipment", r.id), pk=r.id, institution_pk=r.institution_id, source_id=r.source_id,
            name_ko=r.name_ko, name_en=r.name_en, category=enums.EquipmentCategory[r.category],
            manufacturer=r.manufacturer, model=r.model, year=r.year, description_ko=r.description_ko,
            description_en=r.description_en, specifications=r.specifications, building=r.building, room=r.room,
            status=r.status, access_policy=r.access_policy, service_mode=r.service_mode,
            training_required=r.training_required,
            rates=Rates(internal_krw=r.rate_internal_krw, academic_krw=r.rate_academic_krw,
                        industry_krw=r.rate_industry_krw),
            nfec_registration=r.nfec_registration, rrid=r.rrid, photo_url=r.photo_url, updated_at=r.updated_at,
            prefetched_institution=institution,
        )

    @strawberry.field(description="Korean name when there is one, else the English name.")
    def name(self) -> str:
        return self.name_ko or self.name_en

    @strawberry.field
    def category_info(self) -> Category:
        return Category.of(self.category.value)

    @strawberry.field
    def institution(self, info: Info) -> Institution:
        # Lists prefetch the page's institutions (see `equipment_page`); a single object loads its
        # own through the DataLoader, returned as an awaitable that graphql-core resolves.
        if self.prefetched_institution is not None:
            return self.prefetched_institution
        return load_institution(info, self.institution_pk)  # type: ignore[return-value]

    @strawberry.field(description="Occupied slots (requested or approved) between `from` and `to` (at most "
                                  "62 days). Who booked and why only for the user and the equipment's managers.")
    async def bookings(
        self, info: Info,
        from_: Annotated[DateTimeOffset, strawberry.argument(name="from")],  # type: ignore[valid-type]
        to: DateTimeOffset,  # type: ignore[valid-type]
    ) -> list[Annotated[Booking, strawberry.lazy("biomap.api.booking.types")]]:
        from biomap.api.booking.types import equipment_bookings

        return await equipment_bookings(info, self.pk, from_, to)


async def load_institution(info: Info, pk: int) -> Institution:
    record = await info.context.loaders(CatalogueLoaders).institution_by_id.load(pk)
    assert record is not None  # a foreign key guarantees it
    return Institution.of(record)


async def equipment_nodes(info: Info, rows: Sequence[models.Equipment]) -> list[Equipment]:
    """Equipment objects for a page, with their institutions fetched in one batch when selected."""
    if not selects(info, "edges", "node", "institution"):
        return [Equipment.of(r) for r in rows]
    loader = info.context.loaders(CatalogueLoaders).institution_by_id
    found = await loader.load_many(list({r.institution_id for r in rows}))
    by_id = {i.id: Institution.of(i) for i in found if i is not None}
    return [Equipment.of(r, by_id[r.institution_id]) for r in rows]


@strawberry.type(description="A licensable technology or an analysis / CDMO / training service.")
class Technology(Node):
    pk: strawberry.Private[int]
    institution_pk: strawberry.Private[int]
    kind: enums.TechnologyKind
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    trl: int | None = strawberry.field(description="Technology readiness level, 1-9.")
    patents: list[str]
    retired: bool
    _contact: strawberry.Private[tuple[str, str, str]]

    @staticmethod
    def of(r: models.Technology) -> Technology:
        return Technology(
            id=to_global_id("Technology", r.id), pk=r.id, institution_pk=r.institution_id, kind=r.kind,
            title_ko=r.title_ko, title_en=r.title_en, summary_ko=r.summary_ko, summary_en=r.summary_en,
            trl=r.trl, patents=r.patents, retired=r.retired,
            _contact=(r.contact_name, r.contact_email, r.contact_phone),
        )

    @strawberry.field(description="The office to contact; signed-in users only (keeps scrapers away).")
    def contact(self, info: Info) -> Contact | None:
        if not info.context.viewer.is_authenticated:
            return None
        name, email, phone = self._contact
        return Contact(name=name, email=email, phone=phone)

    @strawberry.field
    async def institution(self, info: Info) -> Institution:
        record = await info.context.loaders(CatalogueLoaders).institution_by_id.load(self.institution_pk)
        assert record is not None
        return Institution.of(record)


@strawberry.type
class Contact:
    name: str
    email: str
    phone: str


@strawberry.type(description="Consent a trainee gave to share personal data with employers.")
class Consent:
    purpose: str
    items: list[enums.ConsentItem]
    version: str
    given_at: dt.datetime
    retention_until: dt.date
    withdrawn_at: dt.datetime | None
    valid: bool


@strawberry.type(
    description="A graduate of the bio-process training centre offered to employers. Full name and contact "
    "details are disclosed only to verified employers, only while consent is valid, and only the consented items."
)
class Trainee(Node):
    pk: strawberry.Private[int]
    record: strawberry.Private[models.Trainee]
    display_name: str
    course: str
    completed_on: dt.date
    skills: list[str]
    certificates: list[str]
    desired_role: str
    available_from: dt.date | None
    visibility: enums.TraineeVisibility

    @staticmethod
    def of(r: models.Trainee) -> Trainee:
        return Trainee(
            id=to_global_id("Trainee", r.id), pk=r.id, record=r, display_name=r.display_name, course=r.course,
            completed_on=r.completed_on, skills=r.skills, certificates=r.certificates,
            desired_role=r.desired_role, available_from=r.available_from, visibility=r.visibility,
        )

    async def _disclosed(self, info: Info) -> tuple[frozenset[models.ConsentItem], models.TraineePersonal | None]:
        loaders = info.context.loaders(CatalogueLoaders)
        consent = await loaders.consent_by_trainee_id.load(self.pk)
        items = disclosed_items(info.context.viewer, self.record, consent, dt.datetime.now(dt.UTC))
        if not items:
            return items, None
        return items, await loaders.personal_by_trainee_id.load(self.pk)

    @strawberry.field
    async def full_name(self, info: Info) -> str | None:
        items, personal = await self._disclosed(info)
        return personal.full_name if personal and models.ConsentItem.FULL_NAME in items else None

    @strawberry.field
    async def email(self, info: Info) -> str | None:
        items, personal = await self._disclosed(info)
        return personal.email if personal and models.ConsentItem.EMAIL in items else None

    @strawberry.field
    async def phone(self, info: Info) -> str | None:
        items, personal = await self._disclosed(info)
        return personal.phone if personal and models.ConsentItem.PHONE in items else None

    @strawberry.field(description="The current consent; visible to the training centre's managers only.")
    async def consent(self, info: Info) -> Consent | None:
        if managed_centre(info.context.viewer) != self.record.institution_id:
            return None
        c = await info.context.loaders(CatalogueLoaders).consent_by_trainee_id.load(self.pk)
        if c is None:
            return None

        return Consent(
            purpose=c.purpose, items=sorted(c.items, key=lambda i: i.value), version=c.version,
            given_at=c.given_at, retention_until=c.retention_until, withdrawn_at=c.withdrawn_at,
            valid=consent_is_valid(c, dt.datetime.now(dt.UTC)),
        )

    @strawberry.field
    async def institution(self, info: Info) -> Institution:
        record = await info.context.loaders(CatalogueLoaders).institution_by_id.load(self.record.institution_id)
        assert record is not None
        return Institution.of(record)
