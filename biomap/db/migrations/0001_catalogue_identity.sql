-- Bio Map foundation: identity (organisations, users, tokens), catalogue (institutions, equipment,
-- technologies, trainees), audit log and the outbox that later domains (search, notifications) relay.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE zone AS ENUM ('SONGDO', 'NAMDONG', 'OTHER_INCHEON', 'OUTSIDE_INCHEON');
CREATE TYPE institution_kind AS ENUM (
    'UNIVERSITY', 'HOSPITAL', 'RESEARCH_INSTITUTE', 'COMPANY', 'PUBLIC_SUPPORT_CENTRE', 'TRAINING_CENTRE'
);
CREATE TYPE user_role AS ENUM (
    'RESEARCHER', 'INSTITUTION_MANAGER', 'SUPPLIER', 'MANUFACTURER', 'CITY_OFFICER', 'ADMIN'
);
CREATE TYPE equipment_status AS ENUM ('ACTIVE', 'MAINTENANCE', 'RETIRED');
CREATE TYPE access_policy AS ENUM ('INTERNAL', 'CLUSTER', 'PUBLIC');
CREATE TYPE service_mode AS ENUM ('SELF_SERVICE', 'OPERATOR_ASSISTED', 'ANALYSIS_REQUEST');
CREATE TYPE technology_kind AS ENUM ('LICENSABLE_TECHNOLOGY', 'ANALYSIS_SERVICE', 'CDMO_SERVICE', 'TRAINING_SERVICE');
CREATE TYPE trainee_visibility AS ENUM ('PUBLIC', 'EMPLOYERS', 'HIDDEN');

-- An institution is an organisation that owns resources (equipment, technologies, trainees).
-- Every institution is also an organisation (same id); suppliers/manufacturers may be organisations
-- without catalogue records.
CREATE TABLE organisation (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
    name_ko     text NOT NULL DEFAULT '',
    name_en     text NOT NULL DEFAULT '',
    verified_at timestamptz,            -- set by an ADMIN once the organisation is checked
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (name_ko <> '' OR name_en <> '')
);

CREATE TABLE institution (
    id          bigint PRIMARY KEY REFERENCES organisation (id) ON DELETE RESTRICT,
    kind        institution_kind NOT NULL,
    zone        zone NOT NULL,
    address     text NOT NULL DEFAULT '',
    latitude    double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude   double precision CHECK (longitude BETWEEN -180 AND 180),
    website     text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    sources     text[] NOT NULL DEFAULT '{}',   -- public pages the facts come from
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX institution_zone_idx ON institution (zone);

CREATE TABLE app_user (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text NOT NULL,
    display_name    text NOT NULL DEFAULT '',
    role            user_role NOT NULL,
    organisation_id bigint REFERENCES organisation (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));

-- Only the SHA-256 of a token is stored; the token itself is shown once, at creation.
CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL UNIQUE,
    label        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz
);

CREATE TABLE equipment (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id     bigint NOT NULL REFERENCES institution (id),
    name_ko            text NOT NULL DEFAULT '',
    name_en            text NOT NULL DEFAULT '',
    category           text NOT NULL,
    manufacturer       text NOT NULL DEFAULT '',
    model              text NOT NULL DEFAULT '',
    year               int CHECK (year BETWEEN 1950 AND 2100),
    description_ko     text NOT NULL DEFAULT '',
    description_en     text NOT NULL DEFAULT '',
    specifications     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(specifications) = 'object'),
    building           text NOT NULL DEFAULT '',
    room               text NOT NULL DEFAULT '',
    status             equipment_status NOT NULL DEFAULT 'ACTIVE',
    access_policy      access_policy NOT NULL DEFAULT 'CLUSTER',
    service_mode       service_mode NOT NULL DEFAULT 'OPERATOR_ASSISTED',
    training_required  boolean NOT NULL DEFAULT false,
    rate_internal_krw  int CHECK (rate_internal_krw >= 0),
    rate_academic_krw  int CHECK (rate_academic_krw >= 0),
    rate_industry_krw  int CHECK (rate_industry_krw >= 0),
    nfec_registration  text NOT NULL DEFAULT '',
    rrid               text NOT NULL DEFAULT '',
    source_id          text,           -- the publisher's ID in an imported file (uniquip "ID")
    photo_url          text NOT NULL DEFAULT '',
    contact            jsonb NOT NULL DEFAULT '{}',  -- uniquip contact fields, kept for round-trips
    extra              jsonb NOT NULL DEFAULT '{}',  -- other uniquip fields (technique, site, licence…)
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (name_ko <> '' OR name_en <> '')
);
CREATE INDEX equipment_institution_idx ON equipment (institution_id, id);
CREATE INDEX equipment_category_idx ON equipment (category, id);
CREATE INDEX equipment_status_idx ON equipment (status, id);
CREATE UNIQUE INDEX equipment_source_key ON equipment (institution_id, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE technology (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id  bigint NOT NULL REFERENCES institution (id),
    kind            technology_kind NOT NULL,
    title_ko        text NOT NULL DEFAULT '',
    title_en        text NOT NULL DEFAULT '',
    summary_ko      text NOT NULL DEFAULT '',
    summary_en      text NOT NULL DEFAULT '',
    trl             smallint CHECK (trl BETWEEN 1 AND 9),
    patents         text[] NOT NULL DEFAULT '{}',
    contact_name    text NOT NULL DEFAULT '',
    contact_email   text NOT NULL DEFAULT '',
    contact_phone   text NOT NULL DEFAULT '',
    source_id       text,           -- stable key of seeded / imported records
    retired_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (title_ko <> '' OR title_en <> '')
);
CREATE UNIQUE INDEX technology_source_key ON technology (institution_id, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX technology_institution_idx ON technology (institution_id, id);

-- Trainees of the bio-process training centre. Personal data (full name, e-mail, phone) sits in its
-- own table so no query of the public profile can leak it by accident.
CREATE TABLE trainee (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id    bigint NOT NULL REFERENCES institution (id),  -- the training centre
    display_name      text NOT NULL,                                  -- pseudonymous, e.g. "수료생 A-017"
    course            text NOT NULL,
    completed_on      date NOT NULL,
    skills            text[] NOT NULL DEFAULT '{}',
    certificates      text[] NOT NULL DEFAULT '{}',
    desired_role      text NOT NULL DEFAULT '',
    available_from    date,
    visibility        trainee_visibility NOT NULL DEFAULT 'EMPLOYERS',
    source_id         text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX trainee_source_key ON trainee (institution_id, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX trainee_institution_idx ON trainee (institution_id, id);

CREATE TABLE trainee_personal (
    trainee_id  bigint PRIMARY KEY REFERENCES trainee (id) ON DELETE CASCADE,
    full_name   text NOT NULL,
    email       text NOT NULL DEFAULT '',
    phone       text NOT NULL DEFAULT ''
);

-- One row per consent given; the latest not withdrawn one counts.
CREATE TABLE trainee_consent (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trainee_id      bigint NOT NULL REFERENCES trainee (id) ON DELETE CASCADE,
    purpose         text NOT NULL,
    items           text[] NOT NULL,          -- subset of {FULL_NAME, EMAIL, PHONE}
    version         text NOT NULL,
    given_at        timestamptz NOT NULL,
    retention_until date NOT NULL,
    withdrawn_at    timestamptz,
    CHECK (items <@ ARRAY['FULL_NAME', 'EMAIL', 'PHONE'])
);
CREATE INDEX trainee_consent_trainee_idx ON trainee_consent (trainee_id, given_at DESC);

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint REFERENCES app_user (id),
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   bigint NOT NULL,
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- Side effects written in the same transaction as the change; delivered by relays with SKIP LOCKED.
CREATE TABLE outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic         text NOT NULL,
    payload       jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    available_at  timestamptz NOT NULL DEFAULT now(),
    attempts      int NOT NULL DEFAULT 0,
    delivered_at  timestamptz,
    last_error    text
);
CREATE INDEX outbox_pending_idx ON outbox (topic, available_at) WHERE delivered_at IS NULL;
