-- Sourcing ("localise 30"): localisation items (materials), supplier profiles, products with
-- specifications, certifications with expiry, manufacturers' demands, and the qualification
-- pipeline per (demand, supplier) with its stage history.

CREATE TYPE localisation_status AS ENUM ('NOT_STARTED', 'CANDIDATES_FOUND', 'SAMPLE_TESTING', 'VALIDATION', 'QUALIFIED');
CREATE TYPE demand_visibility AS ENUM ('ALL_SUPPLIERS', 'INVITED_ONLY');
CREATE TYPE demand_status AS ENUM ('OPEN', 'CLOSED', 'CANCELLED');
CREATE TYPE pipeline_stage AS ENUM ('INVITED', 'QUOTED', 'SAMPLE_SENT', 'TESTING', 'VALIDATED', 'REJECTED');

CREATE TABLE material (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_]{1,39}$'),
    name_ko            text NOT NULL,
    name_en            text NOT NULL,
    category           text NOT NULL,
    typical_specs      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(typical_specs) = 'array'),
    required_evidence  text[] NOT NULL DEFAULT '{}',   -- evidence codes buyers ask for (see biomap/sourcing/units.py)
    annual_import_krw  bigint CHECK (annual_import_krw >= 0),
    import_value_estimated boolean NOT NULL DEFAULT true,
    status             localisation_status NOT NULL DEFAULT 'NOT_STARTED',
    status_changed_at  timestamptz NOT NULL DEFAULT now(),
    sources            text[] NOT NULL DEFAULT '{}',   -- public pages naming the item; empty = estimated item
    source_note        text NOT NULL DEFAULT ''
);

CREATE TABLE material_status_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    material_id  bigint NOT NULL REFERENCES material (id),
    from_status  localisation_status,
    to_status    localisation_status NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint REFERENCES app_user (id),
    pipeline_id  bigint,
    reason       text NOT NULL DEFAULT ''
);
CREATE INDEX material_status_history_idx ON material_status_history (material_id, at);

-- A supplier is an organisation (same id) with a sourcing profile.
CREATE TABLE supplier (
    id                   bigint PRIMARY KEY REFERENCES organisation (id),
    zone                 zone NOT NULL,
    address              text NOT NULL DEFAULT '',
    website              text NOT NULL DEFAULT '',
    description          text NOT NULL DEFAULT '',
    reference_customers  text[] NOT NULL DEFAULT '{}',
    sources              text[] NOT NULL DEFAULT '{}',  -- public pages of real companies' facts
    synthetic            boolean NOT NULL DEFAULT false, -- demo data, not a real company
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supplier_zone_idx ON supplier (zone);

CREATE TABLE supplier_product (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    supplier_id            bigint NOT NULL REFERENCES supplier (id),
    material_id            bigint NOT NULL REFERENCES material (id),
    name_ko                text NOT NULL DEFAULT '',
    name_en                text NOT NULL DEFAULT '',
    description            text NOT NULL DEFAULT '',
    monthly_capacity       double precision CHECK (monthly_capacity >= 0),
    capacity_unit          text,
    capacity_base          double precision,       -- in the base unit of its dimension
    capacity_dimension     text,
    lead_time_days         int CHECK (lead_time_days >= 0),
    minimum_order          double precision CHECK (minimum_order >= 0),
    minimum_order_base     double precision,
    source_id              text,
    retired_at             timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (name_ko <> '' OR name_en <> '')
);
CREATE INDEX supplier_product_material_idx ON supplier_product (material_id, supplier_id) WHERE retired_at IS NULL;
CREATE INDEX supplier_product_supplier_idx ON supplier_product (supplier_id, id);
CREATE UNIQUE INDEX supplier_product_source_key ON supplier_product (supplier_id, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE supplier_product_spec (
    product_id  bigint NOT NULL REFERENCES supplier_product (id) ON DELETE CASCADE,
    key         text NOT NULL,
    value       double precision NOT NULL,
    unit        text NOT NULL,
    value_base  double precision NOT NULL,
    dimension   text NOT NULL,
    PRIMARY KEY (product_id, key)
);

-- Certifications and evidence, supplier-wide (product_id NULL) or for one product; always with expiry.
CREATE TABLE supplier_certification (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    supplier_id   bigint NOT NULL REFERENCES supplier (id),
    product_id    bigint REFERENCES supplier_product (id),
    kind          text NOT NULL,
    iso_class     smallint CHECK (iso_class BETWEEN 1 AND 9),  -- ISO 14644 cleanroom class
    reference     text NOT NULL DEFAULT '',                    -- certificate / DMF number, document id or URL
    issued_on     date,
    expires_on    date NOT NULL,
    illustrative  boolean NOT NULL DEFAULT false,              -- demo value, not a public fact
    source_id     text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (issued_on IS NULL OR issued_on <= expires_on)
);
CREATE INDEX supplier_certification_idx ON supplier_certification (supplier_id, kind, expires_on);
CREATE UNIQUE INDEX supplier_certification_source_key ON supplier_certification (supplier_id, source_id)
    WHERE source_id IS NOT NULL;

CREATE TABLE demand (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    manufacturer_id    bigint NOT NULL REFERENCES organisation (id),
    material_id        bigint NOT NULL REFERENCES material (id),
    title              text NOT NULL DEFAULT '',
    description        text NOT NULL DEFAULT '',
    volume_per_month   double precision NOT NULL CHECK (volume_per_month >= 0),
    volume_unit        text NOT NULL,
    volume_base        double precision NOT NULL,
    volume_dimension   text NOT NULL,
    deadline           date NOT NULL,
    visibility         demand_visibility NOT NULL DEFAULT 'ALL_SUPPLIERS',
    status             demand_status NOT NULL DEFAULT 'OPEN',
    source_id          text,
    created_by         bigint REFERENCES app_user (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    closed_at          timestamptz
);
CREATE INDEX demand_material_idx ON demand (material_id) WHERE status = 'OPEN';
CREATE INDEX demand_manufacturer_idx ON demand (manufacturer_id, id);
CREATE UNIQUE INDEX demand_source_key ON demand (manufacturer_id, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE demand_spec (
    demand_id  bigint NOT NULL REFERENCES demand (id) ON DELETE CASCADE,
    key        text NOT NULL,
    min_value  double precision,
    max_value  double precision,
    unit       text NOT NULL,
    min_base   double precision,
    max_base   double precision,
    dimension  text NOT NULL,
    hard       boolean NOT NULL,
    PRIMARY KEY (demand_id, key),
    CHECK (min_value IS NOT NULL OR max_value IS NOT NULL),
    CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
);

CREATE TABLE demand_requirement (
    demand_id      bigint NOT NULL REFERENCES demand (id) ON DELETE CASCADE,
    kind           text NOT NULL,
    max_iso_class  smallint CHECK (max_iso_class BETWEEN 1 AND 9),
    hard           boolean NOT NULL,
    PRIMARY KEY (demand_id, kind)
);

CREATE TABLE pipeline (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    demand_id            bigint NOT NULL REFERENCES demand (id),
    supplier_id          bigint NOT NULL REFERENCES supplier (id),
    stage                pipeline_stage NOT NULL DEFAULT 'INVITED',
    quote_price          numeric(16, 2) CHECK (quote_price >= 0),
    quote_currency       text,
    quote_lead_time_days int CHECK (quote_lead_time_days >= 0),
    sample_offered       boolean,
    created_at           timestamptz NOT NULL DEFAULT now(),
    stage_changed_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (demand_id, supplier_id)
);
CREATE INDEX pipeline_supplier_idx ON pipeline (supplier_id, stage);

CREATE TABLE pipeline_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pipeline_id  bigint NOT NULL REFERENCES pipeline (id),
    from_stage   pipeline_stage,
    to_stage     pipeline_stage NOT NULL,
    actor_id     bigint REFERENCES app_user (id),
    at           timestamptz NOT NULL DEFAULT now(),
    note         text NOT NULL DEFAULT '',
    evidence     text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX pipeline_event_idx ON pipeline_event (pipeline_id, at, id);

-- Search: supplier profiles (with their products) become searchable as kind SUPPLIER. A supplier is an
-- organisation but not necessarily an institution, so documents now point at the organisation
-- (institutions share their organisation's id, so existing rows stay valid).
ALTER TABLE search_document DROP CONSTRAINT search_document_kind_check;
ALTER TABLE search_document ADD CONSTRAINT search_document_kind_check
    CHECK (kind IN ('EQUIPMENT', 'TECHNOLOGY', 'TRAINEE', 'SUPPLIER'));
ALTER TABLE search_document DROP CONSTRAINT search_document_institution_id_fkey;
ALTER TABLE search_document ADD CONSTRAINT search_document_institution_id_fkey
    FOREIGN KEY (institution_id) REFERENCES organisation (id);
