-- Verdict changes sent to carriers unasked (iAPI CUSRES 132), one row per
-- change: a change already delivered is not sent again, and one whose delivery
-- failed is sent again with the same bytes (the same control reference), so the
-- carrier can tell a repeat from a new change.
CREATE TABLE iapi_notice (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    carrier TEXT NOT NULL,
    -- The passenger on the journey as the PIU knows it (journey, locator, reference).
    passenger TEXT NOT NULL,
    code TEXT NOT NULL,
    text TEXT,
    created_at BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    delivered_at BIGINT,
    last_error TEXT
);
CREATE INDEX iapi_notice_by_passenger ON iapi_notice (carrier, passenger, id);
