-- Search: one row per searchable record, kept in the same transaction as the catalogue write.
-- `terms` holds analyzed tokens (Kiwi nouns, English stems, model numbers, glossary concepts as
-- c_<id>) with weights A (names) > B (model, maker) > C (category) > D (descriptions); `compact`
-- is the space-stripped name/model text for trigram similarity (typos, spacing).

CREATE TABLE search_document (
    kind              text NOT NULL CHECK (kind IN ('EQUIPMENT', 'TECHNOLOGY', 'TRAINEE')),
    entity_id         bigint NOT NULL,
    institution_id    bigint NOT NULL REFERENCES institution (id),
    zone              zone NOT NULL,
    category          text,
    access_policy     access_policy,
    service_mode      service_mode,
    status            text,
    visibility        trainee_visibility,
    rate_academic_krw int,
    title_ko          text NOT NULL DEFAULT '',
    title_en          text NOT NULL DEFAULT '',
    secondary         text NOT NULL DEFAULT '',
    category_text     text NOT NULL DEFAULT '',
    body              text NOT NULL DEFAULT '',
    institution_name  text NOT NULL DEFAULT '',
    terms             tsvector NOT NULL,
    concepts          text[] NOT NULL DEFAULT '{}',
    compact           text NOT NULL DEFAULT '',
    -- space-stripped lower-case names (ko, en) for search-as-you-type prefix matches
    names_compact     text[] NOT NULL DEFAULT '{}',
    content_hash      text NOT NULL DEFAULT '',
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, entity_id)
);
CREATE INDEX search_document_terms_idx ON search_document USING gin (terms);
CREATE INDEX search_document_compact_idx ON search_document USING gin (compact gin_trgm_ops);
CREATE INDEX search_document_concepts_idx ON search_document USING gin (concepts);

-- Queries that found nothing: what people look for and the cluster lacks. No personal data:
-- the normalised text, when, and the viewer's role only.
CREATE TABLE search_miss (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query        text NOT NULL,
    kinds        text[] NOT NULL,
    viewer_role  text,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_miss_at_idx ON search_miss (at);
