-- The narrow side of search_document: only what matching by concept or trigram, the permission
-- filter, the facets and phase-one ranking read (about 200 bytes a row instead of 1,600 with the
-- tsvector, body and titles), so a broad query's bitmap heap scan visits a sixth of the pages
-- (20,000 matches at 100,000 records: 20 -> 8 ms). Derived data: statement triggers on
-- search_document keep it in the same transaction; nothing else writes it.
CREATE TABLE search_match (
    kind              text NOT NULL,
    entity_id         bigint NOT NULL,
    institution_id    bigint,
    zone              zone,
    category          text,
    access_policy     access_policy,
    service_mode      service_mode,
    status            text,
    visibility        trainee_visibility,
    rate_academic_krw int,
    concepts          text[] NOT NULL,
    compact           text NOT NULL,
    PRIMARY KEY (kind, entity_id)
);

INSERT INTO search_match
SELECT kind, entity_id, institution_id, zone, category, access_policy, service_mode, status, visibility,
       rate_academic_krw, concepts, compact
  FROM search_document;

-- The concept and trigram indexes move to the narrow table; search_document keeps the tsvector's.
DROP INDEX search_document_compact_idx;
DROP INDEX search_document_concepts_idx;
CREATE INDEX search_match_compact_idx ON search_match USING gin (compact gin_trgm_ops);
CREATE INDEX search_match_concepts_idx ON search_match USING gin (concepts);

CREATE FUNCTION search_match_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_match m USING old_rows o WHERE m.kind = o.kind AND m.entity_id = o.entity_id;
    ELSE
        IF TG_OP = 'UPDATE' THEN  -- a key that changed leaves no row behind
            DELETE FROM search_match m USING old_rows o
             WHERE m.kind = o.kind AND m.entity_id = o.entity_id
               AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.kind = o.kind AND n.entity_id = o.entity_id);
        END IF;
        INSERT INTO search_match AS m (kind, entity_id, institution_id, zone, category, access_policy,
                                       service_mode, status, visibility, rate_academic_krw, concepts, compact)
        SELECT kind, entity_id, institution_id, zone, category, access_policy, service_mode, status,
               visibility, rate_academic_krw, concepts, compact
          FROM new_rows
         ORDER BY kind, entity_id   -- one lock order for every writer
        ON CONFLICT (kind, entity_id) DO UPDATE SET
            institution_id = EXCLUDED.institution_id, zone = EXCLUDED.zone, category = EXCLUDED.category,
            access_policy = EXCLUDED.access_policy, service_mode = EXCLUDED.service_mode,
            status = EXCLUDED.status, visibility = EXCLUDED.visibility,
            rate_academic_krw = EXCLUDED.rate_academic_krw, concepts = EXCLUDED.concepts,
            compact = EXCLUDED.compact;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_match_insert AFTER INSERT ON search_document
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_match_sync();
CREATE TRIGGER search_match_update AFTER UPDATE ON search_document
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_match_sync();
CREATE TRIGGER search_match_delete AFTER DELETE ON search_document
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_match_sync();
