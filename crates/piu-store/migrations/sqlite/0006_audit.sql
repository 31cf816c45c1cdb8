-- The audit chain: one row per collection, consultation, disclosure, erasure or
-- access event, in order. `event` holds the canonical bytes of the event (see
-- crates/piu-store/src/audit.rs) and `hash` = SHA-256(prev_hash || event); the
-- first record's prev_hash is 32 zero bytes. `at`, `kind` and `actor` repeat
-- what the event says so that the log can be searched; verification checks they
-- agree with the hashed bytes.
--
-- prev_hash is UNIQUE: two records can never follow the same one, so the chain
-- cannot fork even if an append forgot its lock.
CREATE TABLE audit_record (
    seq INTEGER PRIMARY KEY CHECK (seq > 0),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    event BLOB NOT NULL,
    prev_hash BLOB NOT NULL UNIQUE CHECK (length(prev_hash) = 32),
    hash BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_record_by_actor ON audit_record (actor, seq);
CREATE INDEX audit_record_by_time ON audit_record (at);

-- Append-only as far as SQLite allows. Anyone with the file can drop these
-- triggers, so verification never relies on them.
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only: UPDATE refused');
END;
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only: DELETE refused');
END;
