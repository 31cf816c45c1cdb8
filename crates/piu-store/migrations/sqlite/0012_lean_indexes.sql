-- Fewer index pages written per message. Every message adds a processing row
-- and, for each traveller, several match keys; each B-tree such a row lands
-- in is a page the commit writes.
--
-- The processing row is keyed by its message id as SQLite's row id (one
-- B-tree instead of a table and its key index), and the state index holds
-- only what still waits or failed: a processed message, nearly all of them,
-- leaves it instead of moving to another place in it.
CREATE TABLE journal_processing_new (
    message_id INTEGER PRIMARY KEY REFERENCES journal_message (id),
    state TEXT NOT NULL CHECK (state IN ('received', 'processed', 'quarantined')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_attempt_at BIGINT,
    error_text TEXT,
    error_offset BIGINT,
    error_segment TEXT
);
INSERT INTO journal_processing_new
    (message_id, state, attempts, last_attempt_at, error_text, error_offset, error_segment)
    SELECT message_id, state, attempts, last_attempt_at, error_text, error_offset, error_segment
    FROM journal_processing;
DROP TABLE journal_processing;
ALTER TABLE journal_processing_new RENAME TO journal_processing;
CREATE INDEX journal_processing_waiting ON journal_processing (state, message_id)
    WHERE state <> 'processed';

-- Match keys are stored in their key's order (WITHOUT ROWID): the table is
-- its primary key, not a table beside an index of it.
CREATE TABLE match_key_new (
    traveller_id BIGINT NOT NULL REFERENCES traveller (id),
    kind TEXT NOT NULL,
    key_hash BLOB NOT NULL,
    PRIMARY KEY (traveller_id, kind, key_hash)
) WITHOUT ROWID;
INSERT INTO match_key_new (traveller_id, kind, key_hash)
    SELECT traveller_id, kind, key_hash FROM match_key;
DROP TABLE match_key;
ALTER TABLE match_key_new RENAME TO match_key;
CREATE INDEX match_key_by_hash ON match_key (key_hash);
