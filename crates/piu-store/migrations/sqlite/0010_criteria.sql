-- Pre-determined criteria kept in the workspace: every version of a criterion
-- as written (the criteria-file JSON piu-criteria reads, so it is checked the
-- same way each time it is loaded), who wrote it and for what, its state, and
-- the latest back-test of that version. A version is activated only after a
-- back-test of it; activating one retires the version active before it.
CREATE TABLE criterion (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The criterion's own id, such as C-001; versions of it share it.
    name TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- A criteria file holding this criterion (and the groups it uses).
    definition TEXT NOT NULL,
    expression TEXT NOT NULL,
    description TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES account_user (id),
    purpose TEXT NOT NULL,
    severity TEXT NOT NULL,
    target_agency TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'active', 'retired')),
    created_at BIGINT NOT NULL,
    activated_by BIGINT REFERENCES account_user (id),
    activated_at BIGINT,
    -- The latest back-test: travellers examined and hit, the period of
    -- departure dates it covered (NULL: from the first, or to the last),
    -- who ran it and when.
    backtest_travellers BIGINT,
    backtest_hits BIGINT,
    backtest_from TEXT,
    backtest_to TEXT,
    backtest_by BIGINT REFERENCES account_user (id),
    backtest_at BIGINT,
    UNIQUE (name, version)
);
CREATE INDEX criterion_by_state ON criterion (state, name);
