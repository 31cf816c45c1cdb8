-- Bearer tokens with which other systems (an agency's case system, a
-- reporting job) use the workspace API as one account, under one purpose.
-- Only the SHA-256 of a token is kept. A token ends when it expires, is
-- revoked, or its account is disabled.
CREATE TABLE account_token (
    token_hash BYTEA PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id BIGINT NOT NULL REFERENCES account_user (id),
    name TEXT NOT NULL,
    -- The purpose name the token works under; NULL for roles without one.
    purpose TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    last_used_at BIGINT,
    UNIQUE (user_id, name)
);
