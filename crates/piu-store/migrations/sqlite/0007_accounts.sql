-- Workspace accounts and their sessions. Role, agency and purposes are kept
-- as their text names: what they allow is decided above the store. No
-- password is kept, only its Argon2id PHC string; no session token, only
-- SHA-256 hashes of it and of its CSRF token. Flags are 0/1 integers.
CREATE TABLE account_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL,
    -- Purpose names joined by commas; empty for roles without personal data.
    purposes TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- Lock-out counters: failures since failed_since, and a lock's end.
    failed_count BIGINT NOT NULL DEFAULT 0,
    failed_since BIGINT,
    locked_until BIGINT,
    last_login_at BIGINT,
    -- Bumped by every change of the counters, so that two concurrent logins
    -- cannot both start from the same counters.
    login_version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE account_session (
    token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id BIGINT NOT NULL REFERENCES account_user (id),
    csrf_hash BLOB NOT NULL CHECK (length(csrf_hash) = 32),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX account_session_by_user ON account_session (user_id);
CREATE INDEX account_session_by_expiry ON account_session (expires_at);
