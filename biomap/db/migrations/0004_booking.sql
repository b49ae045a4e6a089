-- Booking: rules per equipment, qualifications, bookings (no double booking, enforced here),
-- idempotency keys, calendar feeds, institution webhooks and per-channel notification delivery.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE booking_status AS ENUM (
    'REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'COMPLETED', 'NO_SHOW'
);

-- One row per equipment whose manager set rules; equipment without a row uses the defaults of
-- biomap/booking/models.py (BookingRules), which `booking_default_hours()` mirrors for SQL.
CREATE TABLE booking_rules (
    equipment_id            bigint PRIMARY KEY REFERENCES equipment (id) ON DELETE CASCADE,
    -- [{"weekday": 1..7 (ISO, Monday = 1), "opens": "09:00", "closes": "18:00"}], Asia/Seoul wall time
    opening_hours           jsonb NOT NULL CHECK (jsonb_typeof(opening_hours) = 'array'),
    min_duration_minutes    int NOT NULL CHECK (min_duration_minutes > 0),
    max_duration_minutes    int NOT NULL CHECK (max_duration_minutes >= min_duration_minutes),
    granularity_minutes     int NOT NULL CHECK (granularity_minutes BETWEEN 1 AND 1440),
    min_notice_minutes      int NOT NULL CHECK (min_notice_minutes >= 0),
    max_advance_days        int NOT NULL CHECK (max_advance_days BETWEEN 1 AND 730),
    buffer_minutes          int NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 1440),
    weekly_quota_hours      numeric(6, 2) CHECK (weekly_quota_hours > 0),   -- null: no quota
    approval_required       boolean NOT NULL,
    qualification_required  boolean NOT NULL,
    cancel_cutoff_minutes   int NOT NULL CHECK (cancel_cutoff_minutes >= 0),
    no_show_grace_minutes   int NOT NULL CHECK (no_show_grace_minutes >= 0),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    updated_by              bigint REFERENCES app_user (id)
);

-- Maintenance and other blackout windows: nobody can book into them.
CREATE TABLE booking_blackout (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    equipment_id  bigint NOT NULL REFERENCES equipment (id) ON DELETE CASCADE,
    during        tstzrange NOT NULL CHECK (NOT isempty(during)),
    reason        text NOT NULL DEFAULT ''
);
CREATE INDEX booking_blackout_idx ON booking_blackout USING gist (equipment_id, during);

-- A user allowed to use equipment that requires a qualification, until `expires_at`.
CREATE TABLE booking_qualification (
    equipment_id  bigint NOT NULL REFERENCES equipment (id) ON DELETE CASCADE,
    user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    granted_by    bigint REFERENCES app_user (id),
    granted_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    PRIMARY KEY (equipment_id, user_id)
);

CREATE TABLE booking (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    equipment_id        bigint NOT NULL REFERENCES equipment (id),
    user_id             bigint NOT NULL REFERENCES app_user (id),
    status              booking_status NOT NULL,
    during              tstzrange NOT NULL,
    -- `during` widened by the equipment's buffer after the end: the exclusion keeps the buffer free too.
    held                tstzrange NOT NULL,
    purpose             text NOT NULL DEFAULT '',
    rate_kind           text NOT NULL CHECK (rate_kind IN ('INTERNAL', 'ACADEMIC', 'INDUSTRY')),
    hourly_rate_krw     int,
    estimated_cost_krw  bigint,
    reason              text,
    decided_by          bigint REFERENCES app_user (id),
    decided_at          timestamptz,
    checked_in_at       timestamptz,
    checked_in_by       bigint REFERENCES app_user (id),
    checked_out_at      timestamptz,
    checked_out_by      bigint REFERENCES app_user (id),
    billable_krw        bigint,
    reminder_sent_at    timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT isempty(during)),
    CHECK (lower_inc(during) AND NOT upper_inc(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
    CHECK (held @> during),
    -- No double booking, ever: requests and approved bookings hold their slot.
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (equipment_id WITH =, during WITH &&)
        WHERE (status IN ('REQUESTED', 'APPROVED')),
    -- ... and the buffer after each one.
    CONSTRAINT booking_buffer_free EXCLUDE USING gist (equipment_id WITH =, held WITH &&)
        WHERE (status IN ('REQUESTED', 'APPROVED'))
);
CREATE INDEX booking_user_idx ON booking (user_id, lower(during));
CREATE INDEX booking_pending_idx ON booking (equipment_id, lower(during)) WHERE status = 'REQUESTED';
CREATE INDEX booking_sweep_idx ON booking (lower(during)) WHERE status IN ('REQUESTED', 'APPROVED');

-- requestBooking idempotency: one key per user, kept 24 hours. Only a booking that was created
-- consumes its key (a refused request writes nothing, so retrying it with the same key re-checks).
CREATE TABLE booking_idempotency (
    user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    key           text NOT NULL,
    request_hash  text NOT NULL,
    booking_id    bigint REFERENCES booking (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- Secret per-feed iCalendar URLs (/ical/<token>.ics); only the SHA-256 of the token is stored.
CREATE TABLE calendar_feed (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    bytea NOT NULL UNIQUE,
    owner_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    equipment_id  bigint REFERENCES equipment (id) ON DELETE CASCADE,   -- null: the owner's own bookings
    with_details  boolean NOT NULL DEFAULT false,   -- a manager's equipment feed names who booked
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz
);

-- Where an institution wants booking notifications: a URL and the HMAC-SHA256 secret to sign them.
CREATE TABLE institution_webhook (
    institution_id  bigint PRIMARY KEY REFERENCES institution (id) ON DELETE CASCADE,
    url             text NOT NULL CHECK (url ~ '^https?://'),
    secret          text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Delivery state of each booking notification (outbox topic 'booking.notification') per channel.
CREATE TABLE notification_delivery (
    outbox_id     bigint NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    channel       text NOT NULL CHECK (channel IN ('WEBHOOK', 'EMAIL')),
    state         text NOT NULL CHECK (state IN ('DELIVERED', 'FAILED', 'RETRYING', 'SKIPPED')),
    attempts      int NOT NULL DEFAULT 0,
    last_error    text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (outbox_id, channel)
);

-- Default opening hours (Monday-Friday 09:00-18:00 Asia/Seoul) for equipment without rules.
CREATE FUNCTION booking_default_hours() RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT '[{"weekday":1,"opens":"09:00","closes":"18:00"},{"weekday":2,"opens":"09:00","closes":"18:00"},
             {"weekday":3,"opens":"09:00","closes":"18:00"},{"weekday":4,"opens":"09:00","closes":"18:00"},
             {"weekday":5,"opens":"09:00","closes":"18:00"}]'::jsonb
$$;

-- True when [lower, upper) lies inside one opening interval of its Asia/Seoul day.
CREATE FUNCTION booking_within_hours(hours jsonb, during tstzrange) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT EXISTS (
        SELECT 1 FROM jsonb_array_elements(hours) h
         WHERE (h->>'weekday')::int = extract(isodow FROM lower(during) AT TIME ZONE 'Asia/Seoul')
           AND (lower(during) AT TIME ZONE 'Asia/Seoul')
               >= (lower(during) AT TIME ZONE 'Asia/Seoul')::date + (h->>'opens')::time
           AND (upper(during) AT TIME ZONE 'Asia/Seoul')
               <= (lower(during) AT TIME ZONE 'Asia/Seoul')::date + (h->>'closes')::time
    )
$$;
