-- "Open for the whole window" counts opening intervals that meet or overlap as one, as the
-- service's rules.within_hours does: a night on equipment open around the clock (Mon 00:00-24:00,
-- Tue 00:00-24:00) is inside its hours. Before, the window had to lie in one interval of its start
-- day, so such a booking was refused and "free between" never listed it.
CREATE OR REPLACE FUNCTION booking_within_hours(hours jsonb, during tstzrange) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(range_agg(tstzrange((x.day + (h->>'opens')::time) AT TIME ZONE 'Asia/Seoul',
                                        (x.day + (h->>'closes')::time) AT TIME ZONE 'Asia/Seoul', '[)'))
                    @> during, false)
      FROM generate_series((lower(during) AT TIME ZONE 'Asia/Seoul')::date - 1,
                           (upper(during) AT TIME ZONE 'Asia/Seoul')::date, interval '1 day') AS g(at),
           LATERAL (SELECT g.at::date AS day) x,
           LATERAL jsonb_array_elements(hours) h
     WHERE (h->>'weekday')::int = extract(isodow FROM x.day)
$$;
