-- The audit trail: one row per read of a student's records by someone other than the student. Runs unchanged on
-- CockroachDB and PostgreSQL; {table} is replaced by the configured (validated) table name.
--
-- Primary key (service_id, school_id, student_id, occurred_at, event_id): a student's trail is one contiguous key
-- range, read in time order without a sort; event_id (a UUID made by the silo) makes a retried batch insert each
-- event once (ON CONFLICT DO NOTHING) and orders events of the same microsecond. No sequence: none is needed.
-- Rows hold ids and method names only, never record content; an erasure of the student leaves them (they record
-- who was shown the records, which the school must be able to account for).
CREATE TABLE IF NOT EXISTS {table} (
    service_id  TEXT        NOT NULL,
    school_id   TEXT        NOT NULL,
    student_id  TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    event_id    UUID        NOT NULL,
    actor_id    TEXT        NOT NULL,
    actor_role  TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    PRIMARY KEY (service_id, school_id, student_id, occurred_at, event_id)
);
