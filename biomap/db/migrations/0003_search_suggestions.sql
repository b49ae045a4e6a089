-- Search-as-you-type reads distinct names, not records: one row per (space-stripped name, name,
-- kind, scope) with how many live records carry it. Statement-level triggers on search_document
-- keep the counts in the same transaction as every catalogue write (one aggregate per statement,
-- so a 500-row import batch costs one upsert, not 500). A keystroke then reads a few entries of a
-- btree range instead of counting names across the catalogue.
--
-- scope 0: every viewer may see the name; otherwise only that institution's members (and the
-- city team): names of INTERNAL equipment. Retired records and trainees are never suggested.

CREATE TABLE search_suggestion (
    squashed  text COLLATE "C" NOT NULL,   -- C collation: `LIKE 'prefix%'` is a btree range scan
    name      text NOT NULL,
    kind      text NOT NULL,
    scope     bigint NOT NULL,
    records   int NOT NULL,
    PRIMARY KEY (squashed, name, kind, scope)
);
-- Entries whose last record went away; deleted by the trigger right after the decrement.
CREATE INDEX search_suggestion_empty_idx ON search_suggestion (squashed) WHERE records <= 0;

CREATE FUNCTION search_suggestion_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE search_suggestion s SET records = s.records - g.records
          FROM (SELECT n.squashed, n.name, o.kind,
                       CASE WHEN o.access_policy = 'INTERNAL' THEN o.institution_id ELSE 0 END AS scope,
                       count(*) AS records
                  FROM old_rows o, unnest(ARRAY[o.title_ko, o.title_en], o.names_compact) AS n(name, squashed)
                 WHERE o.kind <> 'TRAINEE' AND coalesce(o.status, '') <> 'RETIRED'
                   AND n.name <> '' AND n.squashed <> ''
                 GROUP BY 1, 2, 3, 4) g
         WHERE s.squashed = g.squashed AND s.name = g.name AND s.kind = g.kind AND s.scope = g.scope;
        DELETE FROM search_suggestion WHERE records <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO search_suggestion AS s (squashed, name, kind, scope, records)
        SELECT n.squashed, n.name, r.kind,
               CASE WHEN r.access_policy = 'INTERNAL' THEN r.institution_id ELSE 0 END, count(*)
          FROM new_rows r, unnest(ARRAY[r.title_ko, r.title_en], r.names_compact) AS n(name, squashed)
         WHERE r.kind <> 'TRAINEE' AND coalesce(r.status, '') <> 'RETIRED'
           AND n.name <> '' AND n.squashed <> ''
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4   -- one lock order for every writer: no deadlock between imports
        ON CONFLICT (squashed, name, kind, scope) DO UPDATE SET records = s.records + EXCLUDED.records;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_suggestion_insert AFTER INSERT ON search_document
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_suggestion_sync();
CREATE TRIGGER search_suggestion_update AFTER UPDATE ON search_document
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_suggestion_sync();
CREATE TRIGGER search_suggestion_delete AFTER DELETE ON search_document
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_suggestion_sync();

INSERT INTO search_suggestion (squashed, name, kind, scope, records)
SELECT n.squashed, n.name, d.kind, CASE WHEN d.access_policy = 'INTERNAL' THEN d.institution_id ELSE 0 END,
       count(*)
  FROM search_document d, unnest(ARRAY[d.title_ko, d.title_en], d.names_compact) AS n(name, squashed)
 WHERE d.kind <> 'TRAINEE' AND coalesce(d.status, '') <> 'RETIRED' AND n.name <> '' AND n.squashed <> ''
 GROUP BY 1, 2, 3, 4;
