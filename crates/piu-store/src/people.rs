//! Reads for the workspace's views of people: one traveller with their links
//! and travel history, one booking with its versions, flights and
//! travellers, the bounded scan that searches run over stored travellers,
//! and the hits raised after a given one for the live feed.
//!
//! Nothing here decides who may see what: callers filter by source and
//! purpose. Lists are bounded; the scan is keyset-paged (newest first) so a
//! search costs the same on every page.

use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::journal::{MessageId, from_micros};
use crate::records::{
    BookingId, FlightId, FlightKey, HitId, LinkRecord, PersonId, RecordSource, TravellerId,
    TravellerRecord, TravellerStatus,
};
use crate::store::Store;
use crate::views::{HitFilter, MAX_PAGE, QueuedHit};

/// Most rows of a travel history, of a booking's lists or of a traveller's
/// hits returned: a view shows a person, not a data set.
pub const MAX_LIST: u32 = 500;

/// A booking's identity and state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRecord {
    pub id: BookingId,
    pub carrier: String,
    pub record_locator: String,
    /// The latest version stored (0 before any).
    pub version: u64,
    pub cancelled: bool,
}

/// One stored version of a booking, without its personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingVersionEntry {
    pub version: u64,
    /// `full`, `update` or as sent.
    pub push: String,
    pub applied_at: OffsetDateTime,
    pub cancelled: bool,
    pub flight: Option<FlightId>,
    pub message: MessageId,
}

/// A flight as seen from a booking or a travel history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlightRef {
    pub id: FlightId,
    pub key: FlightKey,
    pub destination: Option<String>,
}

/// A flight a booking holds or held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedFlight {
    pub flight: FlightRef,
    /// Whether the booking's latest push still holds it.
    pub active: bool,
}

/// One record of a person's travel history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravelEntry {
    pub traveller: TravellerId,
    pub source: RecordSource,
    pub flight: FlightRef,
}

/// A traveller found by a scan, with the flight they are on.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannedTraveller {
    pub record: TravellerRecord,
    pub flight: FlightRef,
}

const TRAVELLER_COLUMNS: &str = "t.id, t.flight_id, t.source, t.booking_id, t.person_id, \
     t.role, t.status, t.version, t.message_id, t.personal";
const FLIGHT_COLUMNS: &str = "f.id, f.carrier, f.number, f.departure_date, f.origin, f.destination";
const HIT_COLUMNS: &str = "h.id, h.traveller_id, t.source, t.flight_id, h.kind, h.list, \
     h.entry_id, h.score, h.severity, h.purpose, h.target_agency, h.state, h.explanation, h.assigned_to";

impl Store {
    /// One traveller, if stored.
    pub async fn traveller(&self, id: TravellerId) -> Result<Option<TravellerRecord>, StoreError> {
        let sql = format!("SELECT {TRAVELLER_COLUMNS} FROM traveller t WHERE t.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|row| traveller_at(row, 0)).transpose()
    }

    /// The API↔PNR links the traveller is on, either side.
    pub async fn links_of_traveller(&self, id: TravellerId) -> Result<Vec<LinkRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT api_traveller_id, pnr_traveller_id, confidence, basis FROM traveller_link \
             WHERE api_traveller_id = $1 OR pnr_traveller_id = $1 \
             ORDER BY api_traveller_id, pnr_traveller_id LIMIT $2",
        )
        .bind(id.0)
        .bind(i64::from(MAX_LIST))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(crate::records::link_record).collect()
    }

    /// A person's records on every flight, latest departure first, at most
    /// [`MAX_LIST`].
    pub async fn travel_history(&self, person: PersonId) -> Result<Vec<TravelEntry>, StoreError> {
        let sql = format!(
            "SELECT t.id, t.source, {FLIGHT_COLUMNS} FROM traveller t \
             JOIN flight f ON f.id = t.flight_id WHERE t.person_id = $1 \
             ORDER BY f.departure_date DESC, t.id DESC LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(person.0)
            .bind(i64::from(MAX_LIST))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(TravelEntry {
                    traveller: TravellerId(row.try_get(0)?),
                    source: source_of(&row.try_get::<String, _>(1)?)?,
                    flight: flight_at(row, 2)?,
                })
            })
            .collect()
    }

    /// Every hit on one traveller, newest first, at most [`MAX_LIST`].
    pub async fn hits_of_traveller(&self, id: TravellerId) -> Result<Vec<QueuedHit>, StoreError> {
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM hit h JOIN traveller t ON t.id = h.traveller_id \
             WHERE h.traveller_id = $1 ORDER BY h.id DESC LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .bind(i64::from(MAX_LIST))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(queued_hit).collect()
    }

    /// One booking, if stored.
    pub async fn booking(&self, id: BookingId) -> Result<Option<BookingRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, carrier, record_locator, version, cancelled FROM booking WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(BookingRecord {
                id: BookingId(row.try_get(0)?),
                carrier: row.try_get(1)?,
                record_locator: row.try_get(2)?,
                version: unsigned(row.try_get(3)?),
                cancelled: row.try_get::<i64, _>(4)? != 0,
            })
        })
        .transpose()
    }

    /// A booking's versions, oldest first, without their personal data.
    pub async fn booking_history(
        &self,
        id: BookingId,
    ) -> Result<Vec<BookingVersionEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT version, push, applied_at, cancelled, flight_id, message_id \
             FROM booking_version WHERE booking_id = $1 ORDER BY version LIMIT $2",
        )
        .bind(id.0)
        .bind(i64::from(MAX_LIST))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BookingVersionEntry {
                    version: unsigned(row.try_get(0)?),
                    push: row.try_get(1)?,
                    applied_at: from_micros(row.try_get(2)?)?,
                    cancelled: row.try_get::<i64, _>(3)? != 0,
                    flight: row.try_get::<Option<i64>, _>(4)?.map(FlightId),
                    message: MessageId(row.try_get(5)?),
                })
            })
            .collect()
    }

    /// The flights a booking holds or held, by departure.
    pub async fn flights_of_booking(&self, id: BookingId) -> Result<Vec<BookedFlight>, StoreError> {
        let sql = format!(
            "SELECT {FLIGHT_COLUMNS}, b.active FROM booking_flight b \
             JOIN flight f ON f.id = b.flight_id WHERE b.booking_id = $1 \
             ORDER BY f.departure_date, f.id LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .bind(i64::from(MAX_LIST))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(BookedFlight {
                    flight: flight_at(row, 0)?,
                    active: row.try_get::<i64, _>(6)? != 0,
                })
            })
            .collect()
    }

    /// The travellers listed under a booking, in the order first stored.
    pub async fn travellers_of_booking(
        &self,
        id: BookingId,
    ) -> Result<Vec<TravellerRecord>, StoreError> {
        let sql = format!(
            "SELECT {TRAVELLER_COLUMNS} FROM traveller t WHERE t.booking_id = $1 \
             ORDER BY t.id LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .bind(i64::from(MAX_LIST))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| traveller_at(row, 0)).collect()
    }

    /// Travellers that still hold personal data, newest first, `limit` of
    /// them before the cursor, of one source or both: the rows a search
    /// reads and matches itself.
    pub async fn traveller_scan(
        &self,
        before: Option<TravellerId>,
        source: Option<RecordSource>,
        limit: u32,
    ) -> Result<Vec<ScannedTraveller>, StoreError> {
        let sql = format!(
            "SELECT {TRAVELLER_COLUMNS}, {FLIGHT_COLUMNS} FROM traveller t \
             JOIN flight f ON f.id = t.flight_id \
             WHERE t.personal IS NOT NULL AND ($1 IS NULL OR t.id < $1) \
             AND ($2 IS NULL OR t.source = $2) ORDER BY t.id DESC LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(before.map(|id| id.0))
            .bind(source.map(RecordSource::as_str))
            .bind(i64::from(limit.min(MAX_PAGE)))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ScannedTraveller {
                    record: traveller_at(row, 0)?,
                    flight: flight_at(row, 10)?,
                })
            })
            .collect()
    }

    /// The newest hit's id, if any: where a live feed starts.
    pub async fn newest_hit(&self) -> Result<Option<HitId>, StoreError> {
        let row = sqlx::query("SELECT MAX(id) FROM hit")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<Option<i64>, _>(0)?.map(HitId))
    }

    /// Hits matching `filter` raised after `after`, oldest first, at most
    /// `limit`: the next batch of a live feed.
    pub async fn hits_after(
        &self,
        filter: &HitFilter<'_>,
        after: HitId,
        limit: u32,
    ) -> Result<Vec<QueuedHit>, StoreError> {
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM hit h JOIN traveller t ON t.id = h.traveller_id \
             WHERE h.id > $1 \
             AND ($2 IS NULL OR h.state = $2) \
             AND ($3 IS NULL OR h.severity = $3) \
             AND ($4 IS NULL OR h.target_agency = $4) \
             AND ($5 IS NULL OR h.purpose = $5) \
             AND ($6 IS NULL OR t.source = $6) \
             ORDER BY h.id LIMIT $7"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after.0)
            .bind(filter.state)
            .bind(filter.severity)
            .bind(filter.target_agency)
            .bind(filter.purpose)
            .bind(filter.source.map(RecordSource::as_str))
            .bind(i64::from(limit.min(MAX_PAGE)))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(queued_hit).collect()
    }
}

fn unsigned(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn source_of(text: &str) -> Result<RecordSource, StoreError> {
    [RecordSource::Api, RecordSource::Pnr]
        .into_iter()
        .find(|source| source.as_str() == text)
        .ok_or_else(|| StoreError::Corrupt(format!("RecordSource {text:?}")))
}

fn status_of(text: &str) -> Result<TravellerStatus, StoreError> {
    [
        TravellerStatus::Listed,
        TravellerStatus::Cancelled,
        TravellerStatus::Boarded,
        TravellerStatus::NotBoarded,
    ]
    .into_iter()
    .find(|status| status.as_str() == text)
    .ok_or_else(|| StoreError::Corrupt(format!("TravellerStatus {text:?}")))
}

/// The traveller in [`TRAVELLER_COLUMNS`] starting at column `at`.
fn traveller_at(row: &AnyRow, at: usize) -> Result<TravellerRecord, StoreError> {
    Ok(TravellerRecord {
        id: TravellerId(row.try_get(at)?),
        flight: FlightId(row.try_get(at + 1)?),
        source: source_of(&row.try_get::<String, _>(at + 2)?)?,
        booking: row.try_get::<Option<i64>, _>(at + 3)?.map(BookingId),
        person: row.try_get::<Option<i64>, _>(at + 4)?.map(PersonId),
        role: row.try_get(at + 5)?,
        status: status_of(&row.try_get::<String, _>(at + 6)?)?,
        version: unsigned(row.try_get(at + 7)?),
        message: MessageId(row.try_get(at + 8)?),
        personal: row.try_get(at + 9)?,
    })
}

/// The flight in [`FLIGHT_COLUMNS`] starting at column `at`.
fn flight_at(row: &AnyRow, at: usize) -> Result<FlightRef, StoreError> {
    Ok(FlightRef {
        id: FlightId(row.try_get(at)?),
        key: FlightKey {
            carrier: row.try_get(at + 1)?,
            number: row.try_get(at + 2)?,
            departure_date: row.try_get(at + 3)?,
            origin: row.try_get(at + 4)?,
        },
        destination: row.try_get(at + 5)?,
    })
}

fn queued_hit(row: &AnyRow) -> Result<QueuedHit, StoreError> {
    crate::views::queued_hit(row)
}
