-- The review of hits by people, cases, and referrals to competent
-- authorities. A hit's disposition is its `state` (open, needs_information,
-- relevant, not_relevant); who holds it is `assigned_to`. Every note and
-- every disposition is a row of `hit_note`, so a hit's review reads as a
-- timeline. A referral keeps, in `content`, exactly what was shared; it
-- leaves the unit only once a second person (a supervisor) approved it.

ALTER TABLE hit ADD COLUMN assigned_to BIGINT REFERENCES account_user (id);
ALTER TABLE hit ADD COLUMN assigned_at BIGINT;
CREATE INDEX hit_by_assignee ON hit (assigned_to, id);

CREATE TABLE hit_note (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hit_id BIGINT NOT NULL REFERENCES hit (id),
    author_id BIGINT NOT NULL REFERENCES account_user (id),
    written_at BIGINT NOT NULL,
    -- The disposition this note came with, if any.
    disposition TEXT
        CHECK (disposition IN ('open', 'needs_information', 'relevant', 'not_relevant')),
    text TEXT NOT NULL
);
CREATE INDEX hit_note_by_hit ON hit_note (hit_id, id);

CREATE TABLE review_case (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    -- The purpose the case serves (the purpose names of the access layer).
    purpose TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    created_by BIGINT NOT NULL REFERENCES account_user (id),
    created_at BIGINT NOT NULL
);

-- What a case groups: hits, travellers and bookings, by id.
CREATE TABLE case_item (
    case_id BIGINT NOT NULL REFERENCES review_case (id),
    kind TEXT NOT NULL CHECK (kind IN ('hit', 'traveller', 'booking')),
    object_id BIGINT NOT NULL,
    added_by BIGINT NOT NULL REFERENCES account_user (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, kind, object_id)
);

CREATE TABLE referral (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The competent authority it goes to (an agency name of the access layer).
    agency TEXT NOT NULL,
    purpose TEXT NOT NULL,
    reason TEXT NOT NULL,
    case_id BIGINT REFERENCES review_case (id),
    state TEXT NOT NULL DEFAULT 'requested'
        CHECK (state IN ('requested', 'approved', 'refused')),
    requested_by BIGINT NOT NULL REFERENCES account_user (id),
    requested_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES account_user (id),
    decided_at BIGINT,
    decision_note TEXT,
    -- JSON: what is shared, as it stood when the referral was asked for.
    content TEXT NOT NULL,
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX referral_by_agency ON referral (agency, state, id);

CREATE TABLE referral_hit (
    referral_id BIGINT NOT NULL REFERENCES referral (id),
    hit_id BIGINT NOT NULL REFERENCES hit (id),
    PRIMARY KEY (referral_id, hit_id)
);
