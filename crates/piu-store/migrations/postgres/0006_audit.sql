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
    seq BIGINT PRIMARY KEY CHECK (seq > 0),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    event BYTEA NOT NULL,
    prev_hash BYTEA NOT NULL UNIQUE CHECK (length(prev_hash) = 32),
    hash BYTEA NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_record_by_actor ON audit_record (actor, seq);
CREATE INDEX audit_record_by_time ON audit_record (at);

-- Append-only for every role but one that may drop triggers (the owner);
-- verification never relies on this.
CREATE FUNCTION audit_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();
