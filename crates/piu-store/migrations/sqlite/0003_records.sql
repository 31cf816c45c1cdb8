-- What messages say, stored: flights, bookings with their versions, travellers
-- per flight, manifest versions, links between API and PNR records, persons
-- across flights, and hits. Every row written from a message names that message,
-- so a message applied twice (reprocessing) changes nothing.
--
-- Identifying data lives only in the `personal` columns (JSON of the model) and
-- in `match_key` rows (hashes of identifying keys): depersonalisation seals the
-- former and deletes the latter; nothing else here names a person.

-- A flight (or sailing): operating carrier, number, scheduled departure date
-- (local, YYYY-MM-DD) and origin.
CREATE TABLE flight (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    carrier TEXT NOT NULL,
    number TEXT NOT NULL,
    departure_date TEXT NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT,
    departure TEXT,
    arrival TEXT,
    status TEXT NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'closed', 'cancelled')),
    UNIQUE (carrier, number, departure_date, origin)
);

-- Code-share numbers the same flight is sold under.
CREATE TABLE flight_marketing (
    flight_id BIGINT NOT NULL REFERENCES flight (id),
    carrier TEXT NOT NULL,
    number TEXT NOT NULL,
    PRIMARY KEY (flight_id, carrier, number)
);
CREATE INDEX flight_marketing_by_number ON flight_marketing (carrier, number);

-- Each message applied to a flight, with what it asked: the manifest versions
-- (a PAXLST original, CP, XR, RP, CL, CLNB, CLOB, XF, CF) and the PNR pushes
-- (full or update). A message is applied to a flight once.
CREATE TABLE flight_message (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flight_id BIGINT NOT NULL REFERENCES flight (id),
    message_id BIGINT NOT NULL REFERENCES journal_message (id),
    part BIGINT NOT NULL,
    action TEXT NOT NULL,
    travellers BIGINT NOT NULL,
    applied_at BIGINT NOT NULL,
    UNIQUE (message_id, part)
);
CREATE INDEX flight_message_by_flight ON flight_message (flight_id, id);

-- A booking: the carrier owning the record locator, and the locator.
CREATE TABLE booking (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    carrier TEXT NOT NULL,
    record_locator TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    UNIQUE (carrier, record_locator)
);

-- Every version of a booking as pushed: a full push replaces, an update amends
-- (the stored body is the booking as it stands after the push).
CREATE TABLE booking_version (
    booking_id BIGINT NOT NULL REFERENCES booking (id),
    version BIGINT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES journal_message (id),
    flight_id BIGINT REFERENCES flight (id),
    push TEXT NOT NULL,
    cancelled BIGINT NOT NULL,
    content_hash BLOB NOT NULL,
    applied_at BIGINT NOT NULL,
    personal TEXT,
    PRIMARY KEY (booking_id, version),
    UNIQUE (booking_id, message_id)
);

-- Which flights a booking holds (as its latest push says).
CREATE TABLE booking_flight (
    booking_id BIGINT NOT NULL REFERENCES booking (id),
    flight_id BIGINT NOT NULL REFERENCES flight (id),
    active BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (booking_id, flight_id)
);
CREATE INDEX booking_flight_by_flight ON booking_flight (flight_id);

-- A person as travel history groups them across flights.
CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    first_seen_at BIGINT NOT NULL
);

-- A traveller on a flight as one source (API or PNR) lists them. `traveller_key`
-- is a hash that stays the same when the same person is sent again.
CREATE TABLE traveller (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flight_id BIGINT NOT NULL REFERENCES flight (id),
    source TEXT NOT NULL CHECK (source IN ('api', 'pnr')),
    traveller_key BLOB NOT NULL,
    booking_id BIGINT REFERENCES booking (id),
    person_id BIGINT REFERENCES person (id),
    role TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('listed', 'cancelled', 'boarded', 'not_boarded')),
    version BIGINT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES journal_message (id),
    content_hash BLOB NOT NULL,
    updated_at BIGINT NOT NULL,
    personal TEXT,
    UNIQUE (flight_id, source, traveller_key)
);
CREATE INDEX traveller_by_person ON traveller (person_id);
CREATE INDEX traveller_by_booking ON traveller (booking_id);

-- Hashed identifying keys of a traveller (document, name and birth date,
-- locator and name), to link API and PNR records and form travel histories.
CREATE TABLE match_key (
    traveller_id BIGINT NOT NULL REFERENCES traveller (id),
    kind TEXT NOT NULL,
    key_hash BLOB NOT NULL,
    PRIMARY KEY (traveller_id, kind, key_hash)
);
CREATE INDEX match_key_by_hash ON match_key (key_hash);

-- An API record and a PNR record taken to be the same person on a flight.
CREATE TABLE traveller_link (
    api_traveller_id BIGINT NOT NULL REFERENCES traveller (id),
    pnr_traveller_id BIGINT NOT NULL REFERENCES traveller (id),
    confidence DOUBLE PRECISION NOT NULL,
    basis TEXT NOT NULL,
    PRIMARY KEY (api_traveller_id, pnr_traveller_id)
);
CREATE INDEX traveller_link_by_pnr ON traveller_link (pnr_traveller_id);

-- One hit per traveller and list entry (or criterion). `fingerprint` is the data
-- as screened: a push that changes nothing raises nothing new.
CREATE TABLE hit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    traveller_id BIGINT NOT NULL REFERENCES traveller (id),
    kind TEXT NOT NULL,
    list TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    list_version TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    severity TEXT NOT NULL,
    purpose TEXT NOT NULL,
    target_agency TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    explanation TEXT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES journal_message (id),
    raised_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    UNIQUE (traveller_id, list, entry_id)
);
CREATE INDEX hit_by_state ON hit (state, id);
