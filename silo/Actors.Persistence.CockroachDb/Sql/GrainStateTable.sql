-- One row per grain state. Runs unchanged on CockroachDB and PostgreSQL; {table} is replaced by the
-- configured table name (validated as an identifier before it gets here).
--
-- Primary key (service_id, grain_type, grain_key, state_name): no sequence or row id, so inserts spread over
-- the key space instead of piling onto the last range (CockroachDB splits ranges by key).
-- version: the ETag. Every write bumps it by one inside the same SERIALIZABLE transaction that checks it,
--          so two writers with the same ETag cannot both succeed. It never goes back: clear leaves a tombstone.
-- state: the grain state as JSONB, queryable by operators (NULL on a tombstone).
-- write_id: a fresh UUID per logical write, the same across its retries. After an ambiguous commit the
--           writer reads the row back: its own write_id there means the commit applied.
-- fillfactor 50: room on every PostgreSQL heap page for the next versions of its rows, so updates stay HOT (no new
--           index entry). PostgreSQL's SERIALIZABLE locks B-tree pages, and a new index entry on a page another
--           transaction looked a neighbouring key up on makes the two conflict (docs/storage.md, "Cross-grain
--           batching"; 80 left a batch of 64 rewrites 3.5 times as many retries at 256 callers). CockroachDB accepts
--           the parameter and ignores it.
CREATE TABLE IF NOT EXISTS {table} (
    service_id  TEXT        NOT NULL,
    grain_type  TEXT        NOT NULL,
    grain_key   TEXT        NOT NULL,
    state_name  TEXT        NOT NULL,
    version     INT8        NOT NULL,
    state       JSONB       NULL,
    write_id    UUID        NOT NULL,
    modified_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
) WITH (fillfactor = 50);

-- Items of collections stored one row per item (CockroachGrainStorageOptions.StoreItemsSeparately), e.g. a
-- document's annotations: a write carries the items that changed, not the whole collection. The key starts with
-- the state row's key, so a grain's items sit next to each other (one range scan on activation).
-- collection: the collection's name (e.g. 'annotations'); item_key: the item's key in it.
-- item: the item as JSONB, queryable like state (item->>'authorId').
-- write_id: the write that last wrote the item; items are written only in the transaction that moves the state
--           row to that same write_id, so an item never runs ahead of (or behind) its state row's version.
CREATE TABLE IF NOT EXISTS {table}_items (
    service_id  TEXT        NOT NULL,
    grain_type  TEXT        NOT NULL,
    grain_key   TEXT        NOT NULL,
    state_name  TEXT        NOT NULL,
    collection  TEXT        NOT NULL,
    item_key    TEXT        NOT NULL,
    item        JSONB       NOT NULL,
    write_id    UUID        NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_key, state_name, collection, item_key)
);
