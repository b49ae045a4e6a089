-- search_suggestion_sync counted old names down (in no set order) and then new names up (in key
-- order), so two renames crossing each other (A -> B beside B -> A) could lock the two rows in
-- opposite orders and deadlock (QA: 2 of 60 concurrent equipment updates failed). Now the old
-- names' counts go down and the new names' up in ONE upsert of the net change per name, in key
-- order: every writer locks the rows it shares with another in the same order.
CREATE OR REPLACE FUNCTION search_suggestion_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- The names of one transition table with their counts, signed: old rows -1, new rows +1.
    entries constant text := $q$
        SELECT n.squashed, n.name, r.kind,
               CASE WHEN r.access_policy = 'INTERNAL' THEN r.institution_id ELSE 0 END AS scope,
               %s * count(*) AS records
          FROM %I r, unnest(ARRAY[r.title_ko, r.title_en], r.names_compact) AS n(name, squashed)
         WHERE r.kind <> 'TRAINEE' AND coalesce(r.status, '') <> 'RETIRED'
           AND n.name <> '' AND n.squashed <> ''
         GROUP BY 1, 2, 3, 4$q$;
    parts text[] := '{}';
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        parts := parts || format(entries, -1, 'old_rows');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        parts := parts || format(entries, 1, 'new_rows');
    END IF;
    EXECUTE format($q$
        INSERT INTO search_suggestion AS s (squashed, name, kind, scope, records)
        SELECT squashed, name, kind, scope, sum(records)::int
          FROM (%s) AS delta
         GROUP BY 1, 2, 3, 4
        HAVING sum(records) <> 0
         ORDER BY 1, 2, 3, 4   -- one lock order for every writer
        ON CONFLICT (squashed, name, kind, scope) DO UPDATE SET records = s.records + EXCLUDED.records$q$,
        array_to_string(parts, ' UNION ALL '));
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_suggestion WHERE records <= 0;
    END IF;
    RETURN NULL;
END
$$;
