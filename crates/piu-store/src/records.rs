//! What messages say, stored: flights, bookings and their versions, travellers
//! per flight, manifest versions, API↔PNR links, persons and hits.
//!
//! Writes go through a [`RecordTx`]: everything one batch of messages changes,
//! and the messages' processed state, commit together or not at all, so a
//! crash never leaves a message half applied and a message is applied once.
//! What to write (keys, versions, link confidence) is decided above; this
//! module only keeps it.

use std::collections::{HashMap, HashSet};

use sqlx::Row;
use time::OffsetDateTime;

use crate::audit::{AuditAppended, AuditEvent, append_audit_in};
use crate::error::StoreError;
use crate::journal::{MessageId, mark_processed_in, micros};
use crate::sql::{Arg, Durability, Sql, WriteTx};
use crate::statistics;
use crate::store::{Backend, Store};

/// Identifies a flight: operating carrier, number, scheduled departure date
/// (local, `YYYY-MM-DD`) and origin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlightKey {
    pub carrier: String,
    pub number: String,
    pub departure_date: String,
    pub origin: String,
}

/// What else is known of a flight; a later message fills in what an earlier one
/// left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlightFacts {
    pub destination: Option<String>,
    /// Local date and time as sent, `YYYY-MM-DDTHH:MM`.
    pub departure: Option<String>,
    pub arrival: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlightId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BookingId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TravellerId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub i64);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HitId(pub i64);

/// Where a flight stands, as its carrier's messages say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlightStatus {
    Scheduled,
    Closed,
    Cancelled,
}

/// Which kind of record lists a traveller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordSource {
    Api,
    Pnr,
}

/// Where a traveller stands on a flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TravellerStatus {
    Listed,
    Cancelled,
    Boarded,
    NotBoarded,
}

macro_rules! text_enum {
    ($type:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $type {
            pub fn as_str(self) -> &'static str {
                match self { $($type::$variant => $text),+ }
            }
            fn from_column(text: &str) -> Result<$type, StoreError> {
                match text {
                    $($text => Ok($type::$variant),)+
                    other => Err(StoreError::Corrupt(format!(
                        concat!(stringify!($type), " {:?}"), other
                    ))),
                }
            }
        }
    };
}

text_enum!(FlightStatus { Scheduled => "scheduled", Closed => "closed", Cancelled => "cancelled" });
text_enum!(RecordSource { Api => "api", Pnr => "pnr" });
text_enum!(TravellerStatus {
    Listed => "listed",
    Cancelled => "cancelled",
    Boarded => "boarded",
    NotBoarded => "not_boarded",
});

/// A booking's current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingState {
    pub id: BookingId,
    /// 0 before the first version is stored.
    pub version: u64,
    pub cancelled: bool,
}

/// One version of a booking, to store.
#[derive(Debug, Clone)]
pub struct NewBookingVersion<'a> {
    pub message: MessageId,
    pub flight: Option<FlightId>,
    /// `full`, `update` or as sent.
    pub push: &'a str,
    pub cancelled: bool,
    pub content_hash: &'a [u8],
    /// The booking as it stands after this push (JSON of the model): personal.
    pub personal: &'a str,
}

/// A traveller as one record lists them, to store.
#[derive(Debug, Clone)]
pub struct NewTraveller<'a> {
    pub flight: FlightId,
    pub source: RecordSource,
    pub key: &'a [u8],
    pub booking: Option<BookingId>,
    /// `passenger`, `crew`, … as the model names it.
    pub role: &'a str,
    pub status: TravellerStatus,
    pub message: MessageId,
    /// Hash of the data screening and linking look at.
    pub content_hash: &'a [u8],
    /// The traveller as sent (JSON of the model): personal.
    pub personal: &'a str,
}

/// What storing a traveller did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TravellerPut {
    pub id: TravellerId,
    pub change: Change,
    pub person: Option<PersonId>,
}

/// Whether a stored record is new, changed or as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Unchanged,
}

/// A traveller found by a match key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyedTraveller {
    pub id: TravellerId,
    pub flight: FlightId,
    pub source: RecordSource,
    pub person: Option<PersonId>,
}

/// A hit, to store.
#[derive(Debug, Clone)]
pub struct NewHit<'a> {
    pub traveller: TravellerId,
    pub kind: &'a str,
    pub list: &'a str,
    pub entry_id: &'a str,
    pub list_version: &'a str,
    pub score: f64,
    pub severity: &'a str,
    pub purpose: &'a str,
    pub target_agency: &'a str,
    pub fingerprint: &'a str,
    /// JSON of the explanation.
    pub explanation: &'a str,
    pub message: MessageId,
}

/// What storing a hit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitPut {
    /// First time for this traveller and entry: raised.
    Raised(HitId),
    /// Raised before on the same data: nothing new.
    Repeat(HitId),
    /// Raised before; the data changed, the open hit now shows the new data.
    Updated(HitId),
    /// Reviewed as not relevant on other data: raised again.
    Reopened(HitId),
    /// Reviewed as not relevant on the same data: stays quiet.
    Suppressed(HitId),
}

/// The state a hit reviewed as not relevant is in; it is raised again only when
/// the data screened change.
pub const HIT_NOT_RELEVANT: &str = "not_relevant";

/// Writes of one batch of messages, committed together.
pub struct RecordTx {
    /// On SQLite it holds this process's write turn until it ends.
    tx: WriteTx,
    now: i64,
    /// Flights looked up in this transaction, with the facts last written: a
    /// batch of messages is mostly about a few flights, and each statement
    /// saved is a round trip saved. Dropped with the transaction, so a rolled
    /// back flight is never remembered.
    flights: HashMap<FlightKey, (FlightId, FlightFacts)>,
    /// Code-share numbers recorded in this transaction.
    marketing: HashSet<(FlightId, String, String)>,
    /// New travellers written in this transaction, counted into the
    /// store's growth when it commits ([`crate::statistics`]).
    new_travellers: u64,
    store: Store,
}

impl Store {
    /// Starts writing records; nothing is visible to others before
    /// [`RecordTx::commit`].
    ///
    /// On SQLite the write lock is taken at the start (`BEGIN IMMEDIATE`): a
    /// transaction that reads first and writes later cannot wait for a writer
    /// that committed in between (the journal's group commits) and fails at
    /// once with "database is locked"; taken up front, the lock is waited for
    /// (`busy_timeout`).
    ///
    /// On SQLite the commit is not waited onto the disk (see [`Durability::Logged`]):
    /// records are made again from the journal if a power cut takes them.
    pub async fn records(&self) -> Result<RecordTx, StoreError> {
        Ok(RecordTx {
            tx: self.begin_hot_write(Durability::Logged).await?,
            now: micros(OffsetDateTime::now_utc()),
            flights: HashMap::new(),
            marketing: HashSet::new(),
            new_travellers: 0,
            store: self.clone(),
        })
    }
}

fn count(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// `($1, $2, $3), ($1, $4, $5), …`: `rows` rows of the first placeholder and
/// `width` more of their own, numbered from `$2`.
fn rows_with_first(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| {
            let own: Vec<String> = (0..width)
                .map(|column| format!("${}", 2 + row * width + column))
                .collect();
            format!("($1, {})", own.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$first, $first+1, …` for `n` placeholders.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl RecordTx {
    /// The flight with this key, or the flight sold under this number as a
    /// code-share, created if neither exists; facts fill in what is missing.
    pub async fn flight(
        &mut self,
        key: &FlightKey,
        facts: &FlightFacts,
    ) -> Result<FlightId, StoreError> {
        if let Some((id, written)) = self.flights.get(key)
            && (written == facts || facts == &FlightFacts::default())
        {
            return Ok(*id);
        }
        let identity = [
            Arg::from(&key.carrier),
            Arg::from(&key.number),
            Arg::from(&key.departure_date),
            Arg::from(&key.origin),
        ];
        let found = self
            .tx
            .fetch_optional(
                "SELECT id FROM flight WHERE carrier = $1 AND number = $2 \
                 AND departure_date = $3 AND origin = $4 \
                 UNION ALL \
                 SELECT f.id FROM flight f JOIN flight_marketing m ON m.flight_id = f.id \
                 WHERE m.carrier = $1 AND m.number = $2 AND f.departure_date = $3 AND f.origin = $4",
                &identity,
            )
            .await?;
        let id = match found {
            Some(row) => row.int(0)?,
            None => self
                .tx
                .fetch_one(
                    "INSERT INTO flight (carrier, number, departure_date, origin) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                    &identity,
                )
                .await?
                .int(0)?,
        };
        if facts != &FlightFacts::default() {
            self.tx
                .execute(
                    "UPDATE flight SET destination = COALESCE($1, destination), \
                     departure = COALESCE($2, departure), arrival = COALESCE($3, arrival) \
                     WHERE id = $4",
                    &[
                        facts.destination.as_deref().into(),
                        facts.departure.as_deref().into(),
                        facts.arrival.as_deref().into(),
                        id.into(),
                    ],
                )
                .await?;
        }
        self.flights
            .insert(key.clone(), (FlightId(id), facts.clone()));
        Ok(FlightId(id))
    }

    /// Records that the flight is also sold as `carrier` `number`.
    pub async fn add_marketing(
        &mut self,
        flight: FlightId,
        carrier: &str,
        number: &str,
    ) -> Result<(), StoreError> {
        if !self
            .marketing
            .insert((flight, carrier.to_owned(), number.to_owned()))
        {
            return Ok(());
        }
        self.tx
            .execute(
                "INSERT INTO flight_marketing (flight_id, carrier, number) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
                &[flight.0.into(), carrier.into(), number.into()],
            )
            .await?;
        Ok(())
    }

    pub async fn set_flight_status(
        &mut self,
        flight: FlightId,
        status: FlightStatus,
    ) -> Result<(), StoreError> {
        self.tx
            .execute(
                "UPDATE flight SET status = $1 WHERE id = $2",
                &[status.as_str().into(), flight.0.into()],
            )
            .await?;
        Ok(())
    }

    /// Records that part `part` of `message` (a manifest version or a PNR push)
    /// is applied to the flight; false when it was applied before, and the
    /// caller then applies nothing.
    pub async fn flight_message(
        &mut self,
        flight: FlightId,
        message: MessageId,
        part: u64,
        action: &str,
        travellers: u64,
    ) -> Result<bool, StoreError> {
        let inserted = self
            .tx
            .execute(
                "INSERT INTO flight_message (flight_id, message_id, part, action, travellers, \
                 applied_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                &[
                    flight.0.into(),
                    message.0.into(),
                    count(part).into(),
                    action.into(),
                    count(travellers).into(),
                    self.now.into(),
                ],
            )
            .await?;
        Ok(inserted == 1)
    }

    /// The booking with this locator, created (at version 0) if new: one
    /// statement either way (the no-op update makes `RETURNING` give the
    /// existing row).
    pub async fn booking(
        &mut self,
        carrier: &str,
        record_locator: &str,
    ) -> Result<BookingState, StoreError> {
        let row = self
            .tx
            .fetch_one(
                "INSERT INTO booking (carrier, record_locator) VALUES ($1, $2) \
                 ON CONFLICT (carrier, record_locator) DO UPDATE SET carrier = excluded.carrier \
                 RETURNING id, version, cancelled",
                &[carrier.into(), record_locator.into()],
            )
            .await?;
        Ok(BookingState {
            id: BookingId(row.int(0)?),
            version: u64::try_from(row.int(1)?).unwrap_or(0),
            cancelled: row.int(2)? != 0,
        })
    }

    /// Stores the next version of a booking. `None` when this message was
    /// applied to the booking before: nothing is written.
    pub async fn booking_version(
        &mut self,
        booking: BookingId,
        version: &NewBookingVersion<'_>,
    ) -> Result<Option<u64>, StoreError> {
        // The version is counted up only if this message has no version of the
        // booking yet; the check and the count are one statement.
        let counted = self
            .tx
            .fetch_optional(
                "UPDATE booking SET version = version + 1, cancelled = $1 WHERE id = $2 \
                 AND NOT EXISTS (SELECT 1 FROM booking_version \
                 WHERE booking_id = $2 AND message_id = $3) RETURNING version",
                &[
                    i64::from(version.cancelled).into(),
                    booking.0.into(),
                    version.message.0.into(),
                ],
            )
            .await?;
        let Some(row) = counted else {
            return Ok(None);
        };
        let number = row.int(0)?;
        self.tx
            .execute(
                "INSERT INTO booking_version (booking_id, version, message_id, flight_id, push, \
                 cancelled, content_hash, applied_at, personal) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                &[
                    booking.0.into(),
                    number.into(),
                    version.message.0.into(),
                    version.flight.map(|flight| flight.0).into(),
                    version.push.into(),
                    i64::from(version.cancelled).into(),
                    version.content_hash.into(),
                    self.now.into(),
                    version.personal.into(),
                ],
            )
            .await?;
        Ok(Some(u64::try_from(number).unwrap_or(0)))
    }

    /// Records whether the booking holds the flight now.
    pub async fn set_booking_flight(
        &mut self,
        booking: BookingId,
        flight: FlightId,
        active: bool,
    ) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT INTO booking_flight (booking_id, flight_id, active) VALUES ($1, $2, $3) \
                 ON CONFLICT (booking_id, flight_id) DO UPDATE SET active = excluded.active",
                &[booking.0.into(), flight.0.into(), i64::from(active).into()],
            )
            .await?;
        Ok(())
    }

    /// Bookings that hold the flight now.
    pub async fn active_bookings(
        &mut self,
        flight: FlightId,
    ) -> Result<Vec<BookingId>, StoreError> {
        let rows = self
            .tx
            .fetch_all(
                "SELECT booking_id FROM booking_flight WHERE flight_id = $1 AND active = 1 \
                 ORDER BY booking_id",
                &[flight.0.into()],
            )
            .await?;
        rows.iter().map(|row| Ok(BookingId(row.int(0)?))).collect()
    }

    /// Stores a traveller as a record lists them: new, changed (data or status),
    /// or unchanged.
    pub async fn put_traveller(
        &mut self,
        traveller: &NewTraveller<'_>,
    ) -> Result<TravellerPut, StoreError> {
        let found = self
            .tx
            .fetch_optional(
                "SELECT id, content_hash, status, person_id FROM traveller \
                 WHERE flight_id = $1 AND source = $2 AND traveller_key = $3",
                &[
                    traveller.flight.0.into(),
                    traveller.source.as_str().into(),
                    traveller.key.into(),
                ],
            )
            .await?;
        if let Some(row) = found {
            let id = row.int(0)?;
            let status = TravellerStatus::from_column(row.text(2)?)?;
            let person = row.opt_int(3)?.map(PersonId);
            if row.blob(1)? == traveller.content_hash && status == traveller.status {
                return Ok(TravellerPut {
                    id: TravellerId(id),
                    change: Change::Unchanged,
                    person,
                });
            }
            self.tx
                .execute(
                    "UPDATE traveller SET booking_id = COALESCE($1, booking_id), role = $2, \
                     status = $3, version = version + 1, message_id = $4, content_hash = $5, \
                     updated_at = $6, personal = $7 WHERE id = $8",
                    &[&self.traveller_data(traveller)[..], &[id.into()]].concat(),
                )
                .await?;
            return Ok(TravellerPut {
                id: TravellerId(id),
                change: Change::Changed,
                person,
            });
        }
        let row = self
            .tx
            .fetch_one(
                "INSERT INTO traveller (flight_id, source, traveller_key, booking_id, role, \
                 status, message_id, content_hash, updated_at, personal, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id",
                &[
                    &[
                        traveller.flight.0.into(),
                        traveller.source.as_str().into(),
                        traveller.key.into(),
                    ][..],
                    &self.traveller_data(traveller),
                ]
                .concat(),
            )
            .await?;
        self.new_travellers += 1;
        Ok(TravellerPut {
            id: TravellerId(row.int(0)?),
            change: Change::New,
            person: None,
        })
    }

    /// What a new or changed traveller row holds besides its identity, in
    /// the order both statements of [`RecordTx::put_traveller`] bind it.
    fn traveller_data<'a>(&self, traveller: &NewTraveller<'a>) -> [Arg<'a>; 7] {
        [
            traveller.booking.map(|booking| booking.0).into(),
            traveller.role.into(),
            traveller.status.as_str().into(),
            traveller.message.0.into(),
            traveller.content_hash.into(),
            self.now.into(),
            traveller.personal.into(),
        ]
    }

    /// Sets the status of the traveller with `key` on the flight, if listed;
    /// returns it.
    pub async fn set_traveller_status(
        &mut self,
        flight: FlightId,
        source: RecordSource,
        key: &[u8],
        status: TravellerStatus,
        message: MessageId,
    ) -> Result<Option<TravellerId>, StoreError> {
        let row = self
            .tx
            .fetch_optional(
                "UPDATE traveller SET status = $1, message_id = $2, updated_at = $3, \
                 version = version + 1 \
                 WHERE flight_id = $4 AND source = $5 AND traveller_key = $6 RETURNING id",
                &[
                    status.as_str().into(),
                    message.0.into(),
                    self.now.into(),
                    flight.0.into(),
                    source.as_str().into(),
                    key.into(),
                ],
            )
            .await?;
        row.map(|row| Ok(TravellerId(row.int(0)?))).transpose()
    }

    /// Sets the status of every traveller of a booking on a flight (a booking
    /// cancelled, or no longer holding the flight).
    pub async fn set_booking_travellers_status(
        &mut self,
        booking: BookingId,
        flight: FlightId,
        status: TravellerStatus,
        message: MessageId,
    ) -> Result<u64, StoreError> {
        self.tx
            .execute(
                "UPDATE traveller SET status = $1, message_id = $2, updated_at = $3, \
                 version = version + 1 \
                 WHERE booking_id = $4 AND flight_id = $5 AND source = 'pnr' AND status <> $1",
                &[
                    status.as_str().into(),
                    message.0.into(),
                    self.now.into(),
                    booking.0.into(),
                    flight.0.into(),
                ],
            )
            .await
    }

    /// Sets the status of every traveller on the flight from `source` whose
    /// status is `from` (a close-out: those still listed have boarded).
    pub async fn set_flight_travellers_status(
        &mut self,
        flight: FlightId,
        source: RecordSource,
        from: TravellerStatus,
        to: TravellerStatus,
        message: MessageId,
    ) -> Result<u64, StoreError> {
        self.tx
            .execute(
                "UPDATE traveller SET status = $1, message_id = $2, updated_at = $3, \
                 version = version + 1 WHERE flight_id = $4 AND source = $5 AND status = $6",
                &[
                    to.as_str().into(),
                    message.0.into(),
                    self.now.into(),
                    flight.0.into(),
                    source.as_str().into(),
                    from.as_str().into(),
                ],
            )
            .await
    }

    /// Replaces the match keys of a traveller.
    pub async fn set_match_keys(
        &mut self,
        traveller: TravellerId,
        keys: &[(&str, &[u8])],
    ) -> Result<(), StoreError> {
        self.tx
            .execute(
                "DELETE FROM match_key WHERE traveller_id = $1",
                &[traveller.0.into()],
            )
            .await?;
        self.add_match_keys(traveller, keys).await
    }

    /// Adds match keys to a traveller that has none yet (a new one), in one
    /// statement.
    pub async fn add_match_keys(
        &mut self,
        traveller: TravellerId,
        keys: &[(&str, &[u8])],
    ) -> Result<(), StoreError> {
        if keys.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "INSERT INTO match_key (traveller_id, kind, key_hash) VALUES {} \
             ON CONFLICT DO NOTHING",
            rows_with_first(keys.len(), 2)
        );
        let mut args = vec![Arg::from(traveller.0)];
        for (kind, hash) in keys {
            args.push((*kind).into());
            args.push((*hash).into());
        }
        self.tx.execute(&sql, &args).await?;
        Ok(())
    }

    /// Travellers (other than `except`) holding any of the match keys: on
    /// `flight` for every key, on any flight for the kinds in `across_flights`.
    /// One statement for all the keys; each traveller comes with the kind of
    /// the key it shares, once per key, in id order.
    pub async fn travellers_with_keys(
        &mut self,
        keys: &[(&str, &[u8])],
        flight: FlightId,
        across_flights: &[&str],
        except: TravellerId,
    ) -> Result<Vec<(String, KeyedTraveller)>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let across = if across_flights.is_empty() {
            String::new()
        } else {
            format!(
                " OR k.kind IN ({})",
                placeholders(3 + keys.len(), across_flights.len())
            )
        };
        // Only placeholders are formatted in; the values are bound. Planned
        // afresh each time on PostgreSQL: a plan cached while the tables are
        // nearly empty scans them whole once they have grown, and this lookup
        // runs for every new traveller.
        let sql = format!(
            "SELECT k.kind, k.key_hash, t.id, t.flight_id, t.source, t.person_id \
             FROM match_key k JOIN traveller t ON t.id = k.traveller_id \
             WHERE t.id <> $1 AND (t.flight_id = $2{across}) AND k.key_hash IN ({}) \
             ORDER BY t.id LIMIT 1000",
            placeholders(3, keys.len())
        );
        let mut args = vec![Arg::from(except.0), Arg::from(flight.0)];
        args.extend(keys.iter().map(|(_, hash)| Arg::from(*hash)));
        args.extend(across_flights.iter().map(|kind| Arg::from(*kind)));
        let rows = self.tx.fetch_all_unprepared(&sql, &args).await?;
        let mut found = Vec::with_capacity(rows.len());
        for row in &rows {
            let kind = row.text(0)?;
            let hash = row.blob(1)?;
            // A hash is looked up whatever its kind; only the pair is a match.
            if !keys.iter().any(|(k, h)| *k == kind && *h == hash) {
                continue;
            }
            found.push((
                kind.to_owned(),
                KeyedTraveller {
                    id: TravellerId(row.int(2)?),
                    flight: FlightId(row.int(3)?),
                    source: RecordSource::from_column(row.text(4)?)?,
                    person: row.opt_int(5)?.map(PersonId),
                },
            ));
        }
        Ok(found)
    }

    /// Links an API and a PNR record of the same person, or updates the link.
    pub async fn link(
        &mut self,
        api: TravellerId,
        pnr: TravellerId,
        confidence: f64,
        basis: &str,
    ) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT INTO traveller_link (api_traveller_id, pnr_traveller_id, confidence, \
                 basis) VALUES ($1, $2, $3, $4) ON CONFLICT (api_traveller_id, pnr_traveller_id) \
                 DO UPDATE SET confidence = excluded.confidence, basis = excluded.basis",
                &[api.0.into(), pnr.0.into(), confidence.into(), basis.into()],
            )
            .await?;
        Ok(())
    }

    /// Puts the traveller in a person's travel history (a new person when
    /// `person` is `None`); returns the person.
    pub async fn set_person(
        &mut self,
        traveller: TravellerId,
        person: Option<PersonId>,
    ) -> Result<PersonId, StoreError> {
        let person = match person {
            Some(person) => person,
            None => PersonId(
                self.tx
                    .fetch_one(
                        "INSERT INTO person (first_seen_at) VALUES ($1) RETURNING id",
                        &[self.now.into()],
                    )
                    .await?
                    .int(0)?,
            ),
        };
        self.tx
            .execute(
                "UPDATE traveller SET person_id = $1 WHERE id = $2",
                &[person.0.into(), traveller.0.into()],
            )
            .await?;
        Ok(person)
    }

    /// Stores a hit unless the same traveller and entry were raised on the same
    /// data before; see [`HitPut`].
    pub async fn put_hit(&mut self, hit: &NewHit<'_>) -> Result<HitPut, StoreError> {
        let found = self
            .tx
            .fetch_optional(
                "SELECT id, fingerprint, state FROM hit \
                 WHERE traveller_id = $1 AND list = $2 AND entry_id = $3",
                &[hit.traveller.0.into(), hit.list.into(), hit.entry_id.into()],
            )
            .await?;
        let Some(row) = found else {
            let row = self
                .tx
                .fetch_one(
                    "INSERT INTO hit (traveller_id, kind, list, entry_id, list_version, score, \
                     severity, purpose, target_agency, fingerprint, explanation, message_id, \
                     raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                     RETURNING id",
                    &[
                        hit.traveller.0.into(),
                        hit.kind.into(),
                        hit.list.into(),
                        hit.entry_id.into(),
                        hit.list_version.into(),
                        hit.score.into(),
                        hit.severity.into(),
                        hit.purpose.into(),
                        hit.target_agency.into(),
                        hit.fingerprint.into(),
                        hit.explanation.into(),
                        hit.message.0.into(),
                        self.now.into(),
                    ],
                )
                .await?;
            return Ok(HitPut::Raised(HitId(row.int(0)?)));
        };
        let id = HitId(row.int(0)?);
        let dismissed = row.text(2)? == HIT_NOT_RELEVANT;
        if row.text(1)? == hit.fingerprint {
            return Ok(if dismissed {
                HitPut::Suppressed(id)
            } else {
                HitPut::Repeat(id)
            });
        }
        self.tx
            .execute(
                "UPDATE hit SET list_version = $1, score = $2, fingerprint = $3, \
                 explanation = $4, message_id = $5, \
                 state = CASE WHEN state = $6 THEN 'open' ELSE state END, \
                 raised_at = CASE WHEN state = $6 THEN $7 ELSE raised_at END WHERE id = $8",
                &[
                    hit.list_version.into(),
                    hit.score.into(),
                    hit.fingerprint.into(),
                    hit.explanation.into(),
                    hit.message.0.into(),
                    HIT_NOT_RELEVANT.into(),
                    self.now.into(),
                    id.0.into(),
                ],
            )
            .await?;
        Ok(if dismissed {
            HitPut::Reopened(id)
        } else {
            HitPut::Updated(id)
        })
    }

    /// Records, in this transaction, that the message was processed.
    pub async fn mark_processed(&mut self, message: MessageId) -> Result<(), StoreError> {
        mark_processed_in(&mut self.tx, message, self.now).await
    }

    /// Makes every write of this batch durable and visible, together.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        if self.store.backend() == Backend::Postgres && self.store.growth.add(self.new_travellers) {
            statistics::refresh(&self.store.pool);
        }
        Ok(())
    }

    /// Appends an event to the audit chain in this transaction: it is in
    /// the chain if and only if the records it speaks of are stored.
    pub async fn audit(&mut self, event: &AuditEvent) -> Result<AuditAppended, StoreError> {
        append_audit_in(&mut self.tx, self.store.backend(), event).await
    }
}

/// A stored flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlightRecord {
    pub id: FlightId,
    pub key: FlightKey,
    pub facts: FlightFacts,
    pub status: FlightStatus,
    pub marketing: Vec<(String, String)>,
}

/// A stored traveller.
#[derive(Debug, Clone, PartialEq)]
pub struct TravellerRecord {
    pub id: TravellerId,
    pub flight: FlightId,
    pub source: RecordSource,
    pub booking: Option<BookingId>,
    pub person: Option<PersonId>,
    pub role: String,
    pub status: TravellerStatus,
    pub version: u64,
    pub message: MessageId,
    /// `None` once depersonalised.
    pub personal: Option<String>,
}

/// A stored version of a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingVersionRecord {
    pub version: u64,
    pub message: MessageId,
    pub flight: Option<FlightId>,
    pub push: String,
    pub cancelled: bool,
    pub personal: Option<String>,
}

/// A stored API↔PNR link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRecord {
    pub api: TravellerId,
    pub pnr: TravellerId,
    pub confidence: f64,
    pub basis: String,
}

/// A stored hit.
#[derive(Debug, Clone, PartialEq)]
pub struct HitRecord {
    pub id: HitId,
    pub traveller: TravellerId,
    pub kind: String,
    pub list: String,
    pub entry_id: String,
    pub list_version: String,
    pub score: f64,
    pub severity: String,
    pub purpose: String,
    pub target_agency: String,
    pub fingerprint: String,
    pub explanation: String,
    pub state: String,
}

/// How many records the store holds, counted; for checks that a message was
/// applied once (tests, benchmarks, operators comparing two runs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordCounts {
    pub flights: u64,
    pub bookings: u64,
    pub booking_versions: u64,
    pub travellers: u64,
    pub persons: u64,
    pub links: u64,
    pub hits: u64,
    /// Distinct (traveller, list, entry) among the hits: equal to `hits` when
    /// no hit is held twice.
    pub hit_keys: u64,
    /// Rows of messages applied to flights (manifest versions and PNR pushes).
    pub flight_messages: u64,
    /// Distinct messages among them.
    pub applied_messages: u64,
}

/// A `SELECT` of travellers with the given condition, as one literal.
macro_rules! select_travellers {
    ($condition:literal) => {
        concat!(
            "SELECT id, flight_id, source, booking_id, person_id, role, status, version, ",
            "message_id, personal FROM traveller ",
            $condition
        )
    };
}

fn traveller_of(row: &sqlx::any::AnyRow) -> Result<TravellerRecord, StoreError> {
    Ok(TravellerRecord {
        id: TravellerId(row.try_get(0)?),
        flight: FlightId(row.try_get(1)?),
        source: RecordSource::from_column(&row.try_get::<String, _>(2)?)?,
        booking: row.try_get::<Option<i64>, _>(3)?.map(BookingId),
        person: row.try_get::<Option<i64>, _>(4)?.map(PersonId),
        role: row.try_get(5)?,
        status: TravellerStatus::from_column(&row.try_get::<String, _>(6)?)?,
        version: u64::try_from(row.try_get::<i64, _>(7)?).unwrap_or(0),
        message: MessageId(row.try_get(8)?),
        personal: row.try_get(9)?,
    })
}

impl Store {
    /// Every kind of record, counted (in one statement, so from one snapshot).
    pub async fn record_counts(&self) -> Result<RecordCounts, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM flight), (SELECT COUNT(*) FROM booking), \
             (SELECT COUNT(*) FROM booking_version), (SELECT COUNT(*) FROM traveller), \
             (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM traveller_link), \
             (SELECT COUNT(*) FROM hit), \
             (SELECT COUNT(*) FROM (SELECT DISTINCT traveller_id, list, entry_id FROM hit) k), \
             (SELECT COUNT(*) FROM flight_message), \
             (SELECT COUNT(DISTINCT message_id) FROM flight_message)",
        )
        .fetch_one(&self.pool)
        .await?;
        let at = |i: usize| -> Result<u64, StoreError> {
            Ok(u64::try_from(row.try_get::<i64, _>(i)?).unwrap_or(0))
        };
        Ok(RecordCounts {
            flights: at(0)?,
            bookings: at(1)?,
            booking_versions: at(2)?,
            travellers: at(3)?,
            persons: at(4)?,
            links: at(5)?,
            hits: at(6)?,
            hit_keys: at(7)?,
            flight_messages: at(8)?,
            applied_messages: at(9)?,
        })
    }

    /// Flights, most recently created first.
    pub async fn flights(&self, limit: u32) -> Result<Vec<FlightRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, carrier, number, departure_date, origin, destination, departure, \
             arrival, status FROM flight ORDER BY id DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut flights = Vec::with_capacity(rows.len());
        for row in rows {
            let id: i64 = row.try_get(0)?;
            let marketing = sqlx::query(
                "SELECT carrier, number FROM flight_marketing WHERE flight_id = $1 \
                 ORDER BY carrier, number",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
            flights.push(FlightRecord {
                id: FlightId(id),
                key: FlightKey {
                    carrier: row.try_get(1)?,
                    number: row.try_get(2)?,
                    departure_date: row.try_get(3)?,
                    origin: row.try_get(4)?,
                },
                facts: FlightFacts {
                    destination: row.try_get(5)?,
                    departure: row.try_get(6)?,
                    arrival: row.try_get(7)?,
                },
                status: FlightStatus::from_column(&row.try_get::<String, _>(8)?)?,
                marketing,
            });
        }
        Ok(flights)
    }

    /// Travellers of a flight from both sources, in the order first stored.
    pub async fn travellers_of_flight(
        &self,
        flight: FlightId,
    ) -> Result<Vec<TravellerRecord>, StoreError> {
        let rows = sqlx::query(select_travellers!("WHERE flight_id = $1 ORDER BY id"))
            .bind(flight.0)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(traveller_of).collect()
    }

    /// A person's travel history: every record of them, oldest first.
    pub async fn travellers_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<TravellerRecord>, StoreError> {
        let rows = sqlx::query(select_travellers!("WHERE person_id = $1 ORDER BY id"))
            .bind(person.0)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(traveller_of).collect()
    }

    /// Every version of a booking, oldest first.
    pub async fn booking_versions(
        &self,
        carrier: &str,
        record_locator: &str,
    ) -> Result<Vec<BookingVersionRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.version, v.message_id, v.flight_id, v.push, v.cancelled, v.personal \
             FROM booking_version v JOIN booking b ON b.id = v.booking_id \
             WHERE b.carrier = $1 AND b.record_locator = $2 ORDER BY v.version",
        )
        .bind(carrier)
        .bind(record_locator)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BookingVersionRecord {
                    version: u64::try_from(row.try_get::<i64, _>(0)?).unwrap_or(0),
                    message: MessageId(row.try_get(1)?),
                    flight: row.try_get::<Option<i64>, _>(2)?.map(FlightId),
                    push: row.try_get(3)?,
                    cancelled: row.try_get::<i64, _>(4)? != 0,
                    personal: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// API↔PNR links of the travellers of a flight.
    pub async fn links_of_flight(&self, flight: FlightId) -> Result<Vec<LinkRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.api_traveller_id, l.pnr_traveller_id, l.confidence, l.basis \
             FROM traveller_link l JOIN traveller t ON t.id = l.api_traveller_id \
             WHERE t.flight_id = $1 ORDER BY l.api_traveller_id, l.pnr_traveller_id",
        )
        .bind(flight.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(link_record).collect()
    }

    /// Hits, newest first, at most `limit`.
    pub async fn hits(&self, limit: u32) -> Result<Vec<HitRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, traveller_id, kind, list, entry_id, list_version, score, severity, \
             purpose, target_agency, fingerprint, explanation, state FROM hit \
             ORDER BY id DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(HitRecord {
                    id: HitId(row.try_get(0)?),
                    traveller: TravellerId(row.try_get(1)?),
                    kind: row.try_get(2)?,
                    list: row.try_get(3)?,
                    entry_id: row.try_get(4)?,
                    list_version: row.try_get(5)?,
                    score: row.try_get(6)?,
                    severity: row.try_get(7)?,
                    purpose: row.try_get(8)?,
                    target_agency: row.try_get(9)?,
                    fingerprint: row.try_get(10)?,
                    explanation: row.try_get(11)?,
                    state: row.try_get(12)?,
                })
            })
            .collect()
    }

    /// Sets the review state of a hit (`open`, [`HIT_NOT_RELEVANT`], …).
    pub async fn set_hit_state(&self, hit: HitId, state: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE hit SET state = $1 WHERE id = $2")
            .bind(state)
            .bind(hit.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// A link from the columns api, pnr, confidence, basis, in that order.
pub(crate) fn link_record(row: &sqlx::any::AnyRow) -> Result<LinkRecord, StoreError> {
    Ok(LinkRecord {
        api: TravellerId(row.try_get(0)?),
        pnr: TravellerId(row.try_get(1)?),
        confidence: row.try_get(2)?,
        basis: row.try_get(3)?,
    })
}
