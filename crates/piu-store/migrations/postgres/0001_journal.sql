-- The journal: every distinct message once, keyed by the SHA-256 of its bytes.
-- Rows here are written once and never updated: processing lives in its own table.
-- Times are Unix microseconds (UTC) so that one portable type serves both backends.
CREATE TABLE journal_message (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 BYTEA NOT NULL UNIQUE CHECK (length(sha256) = 32),
    bytes BYTEA NOT NULL,
    size BIGINT NOT NULL CHECK (size > 0),
    first_received_at BIGINT NOT NULL
);

-- Every arrival of a message, also of bytes already journaled.
CREATE TABLE journal_reception (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES journal_message (id),
    channel TEXT NOT NULL,
    sender TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    external_ref TEXT
);
CREATE INDEX journal_reception_by_message ON journal_reception (message_id);

-- What processing made of a message: kept apart from the bytes, so that a failure
-- never blocks or alters a later reception of the same bytes.
CREATE TABLE journal_processing (
    message_id BIGINT PRIMARY KEY REFERENCES journal_message (id),
    state TEXT NOT NULL CHECK (state IN ('received', 'processed', 'quarantined')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_attempt_at BIGINT,
    error_text TEXT,
    error_offset BIGINT,
    error_segment TEXT
);
CREATE INDEX journal_processing_by_state ON journal_processing (state, message_id);
