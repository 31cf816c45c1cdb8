//! Reads for the workspace: pages of flights with their counts, one flight,
//! hits per traveller of a flight, and the review queue of hits with filters.
//!
//! Lists are paged by keyset (`after` an id, newest first), never by offset,
//! so a page costs the same however deep it is and rows arriving meanwhile
//! neither repeat nor vanish between pages. Filters are bound values only.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::StoreError;
use crate::records::{
    FlightFacts, FlightId, FlightKey, FlightStatus, HitId, RecordSource, TravellerId,
};
use crate::store::Store;

/// A flight as a list shows it: its facts and how many records it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlightSummary {
    pub id: FlightId,
    pub key: FlightKey,
    pub facts: FlightFacts,
    pub status: FlightStatus,
    /// Travellers listed by API (PAXLST) records.
    pub api_travellers: u64,
    /// Travellers listed by PNR records.
    pub pnr_travellers: u64,
    pub hits: u64,
    /// Open hits: the reviewers' backlog on this flight.
    pub open_hits: u64,
}

/// Which hits the review queue shows; `None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitFilter<'a> {
    /// Review state (`open`, `not_relevant`, …).
    pub state: Option<&'a str>,
    pub severity: Option<&'a str>,
    pub target_agency: Option<&'a str>,
    /// The purpose of the list or criterion that raised the hit, as stored
    /// (`serious-crime`, `border-migration`).
    pub purpose: Option<&'a str>,
    /// Only hits on travellers of this source.
    pub source: Option<RecordSource>,
}

/// A hit in the review queue, with where its traveller is.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedHit {
    pub id: HitId,
    pub traveller: TravellerId,
    pub source: RecordSource,
    pub flight: FlightId,
    pub kind: String,
    pub list: String,
    pub entry_id: String,
    pub score: f64,
    pub severity: String,
    pub purpose: String,
    pub target_agency: String,
    pub state: String,
    pub explanation: String,
    /// Who holds the hit for review, if anyone.
    pub assigned_to: Option<crate::accounts::UserId>,
}

/// The columns [`queued_hit`] reads, from `hit h` joined to its traveller `t`.
macro_rules! select_queued_hits {
    () => {
        "SELECT h.id, h.traveller_id, t.source, t.flight_id, h.kind, h.list, h.entry_id, \
         h.score, h.severity, h.purpose, h.target_agency, h.state, h.explanation, \
         h.assigned_to FROM hit h JOIN traveller t ON t.id = h.traveller_id"
    };
}

/// A hit from the columns of `select_queued_hits!`, in that order.
pub(crate) fn queued_hit(row: &AnyRow) -> Result<QueuedHit, StoreError> {
    Ok(QueuedHit {
        id: HitId(row.try_get(0)?),
        traveller: TravellerId(row.try_get(1)?),
        source: record_source(&row.try_get::<String, _>(2)?)?,
        flight: FlightId(row.try_get(3)?),
        kind: row.try_get(4)?,
        list: row.try_get(5)?,
        entry_id: row.try_get(6)?,
        score: row.try_get(7)?,
        severity: row.try_get(8)?,
        purpose: row.try_get(9)?,
        target_agency: row.try_get(10)?,
        state: row.try_get(11)?,
        explanation: row.try_get(12)?,
        assigned_to: row
            .try_get::<Option<i64>, _>(13)?
            .map(crate::accounts::UserId),
    })
}

/// Largest page any view returns; callers ask for less.
pub const MAX_PAGE: u32 = 1000;

/// A `SELECT` of flight summaries with the given condition, as one literal
/// (sqlx takes only static SQL). Hits are counted for the purpose bound as
/// `$1` only (the model's purpose names): one purpose's hits are not told to
/// a reader working under the other; the condition's parameters start at `$2`.
macro_rules! select_flight_summaries {
    ($condition:literal) => {
        concat!(
            "SELECT f.id, f.carrier, f.number, f.departure_date, f.origin, f.destination, ",
            "f.departure, f.arrival, f.status, ",
            "(SELECT COUNT(*) FROM traveller t WHERE t.flight_id = f.id AND t.source = 'api'), ",
            "(SELECT COUNT(*) FROM traveller t WHERE t.flight_id = f.id AND t.source = 'pnr'), ",
            "(SELECT COUNT(*) FROM hit h JOIN traveller t ON t.id = h.traveller_id ",
            "WHERE t.flight_id = f.id AND h.purpose = $1), ",
            "(SELECT COUNT(*) FROM hit h JOIN traveller t ON t.id = h.traveller_id ",
            "WHERE t.flight_id = f.id AND h.purpose = $1 AND h.state = 'open') ",
            "FROM flight f ",
            $condition
        )
    };
}

impl Store {
    /// Flights newest first (by id), `limit` of them after the cursor, with
    /// the hits of `purpose` counted (none counted for `None`).
    pub async fn flight_page(
        &self,
        purpose: Option<&str>,
        after: Option<FlightId>,
        limit: u32,
    ) -> Result<Vec<FlightSummary>, StoreError> {
        let limit = i64::from(limit.min(MAX_PAGE));
        let rows = match after {
            Some(after) => {
                sqlx::query(select_flight_summaries!(
                    "WHERE f.id < $2 ORDER BY f.id DESC LIMIT $3"
                ))
                .bind(purpose.unwrap_or(""))
                .bind(after.0)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(select_flight_summaries!("ORDER BY f.id DESC LIMIT $2"))
                    .bind(purpose.unwrap_or(""))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(flight_summary).collect()
    }

    /// One flight with the hits of `purpose` counted, if it exists.
    pub async fn flight_summary(
        &self,
        id: FlightId,
        purpose: Option<&str>,
    ) -> Result<Option<FlightSummary>, StoreError> {
        let row = sqlx::query(select_flight_summaries!("WHERE f.id = $2"))
            .bind(purpose.unwrap_or(""))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(flight_summary).transpose()
    }

    /// How many hits of `purpose` each traveller of a flight has, for
    /// travellers with any.
    pub async fn hit_counts_of_flight(
        &self,
        flight: FlightId,
        purpose: &str,
    ) -> Result<Vec<(TravellerId, u64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT h.traveller_id, COUNT(*) FROM hit h \
             JOIN traveller t ON t.id = h.traveller_id \
             WHERE t.flight_id = $1 AND h.purpose = $2 \
             GROUP BY h.traveller_id ORDER BY h.traveller_id",
        )
        .bind(flight.0)
        .bind(purpose)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((TravellerId(row.try_get(0)?), count(row, 1)?)))
            .collect()
    }

    /// The review queue: hits matching `filter`, newest first, `limit` of
    /// them after the cursor.
    pub async fn hit_queue(
        &self,
        filter: &HitFilter<'_>,
        after: Option<HitId>,
        limit: u32,
    ) -> Result<Vec<QueuedHit>, StoreError> {
        // Each filter is always bound; `$n IS NULL` switches it off, so the
        // statement text never depends on input.
        let rows = sqlx::query(concat!(
            select_queued_hits!(),
            " WHERE ($1 IS NULL OR h.state = $1) \
             AND ($2 IS NULL OR h.severity = $2) \
             AND ($3 IS NULL OR h.target_agency = $3) \
             AND ($4 IS NULL OR h.purpose = $4) \
             AND ($5 IS NULL OR t.source = $5) \
             AND ($6 IS NULL OR h.id < $6) \
             ORDER BY h.id DESC LIMIT $7"
        ))
        .bind(filter.state)
        .bind(filter.severity)
        .bind(filter.target_agency)
        .bind(filter.purpose)
        .bind(filter.source.map(RecordSource::as_str))
        .bind(after.map(|hit| hit.0))
        .bind(i64::from(limit.min(MAX_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(queued_hit).collect()
    }

    /// One hit as the queue shows it.
    pub async fn hit(&self, id: HitId) -> Result<Option<QueuedHit>, StoreError> {
        let row = sqlx::query(concat!(select_queued_hits!(), " WHERE h.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(queued_hit).transpose()
    }
}

fn flight_summary(row: &AnyRow) -> Result<FlightSummary, StoreError> {
    Ok(FlightSummary {
        id: FlightId(row.try_get(0)?),
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
        status: flight_status(&row.try_get::<String, _>(8)?)?,
        api_travellers: count(row, 9)?,
        pnr_travellers: count(row, 10)?,
        hits: count(row, 11)?,
        open_hits: count(row, 12)?,
    })
}

fn count(row: &AnyRow, index: usize) -> Result<u64, StoreError> {
    let value: i64 = row.try_get(index)?;
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("count {value}")))
}

fn flight_status(text: &str) -> Result<FlightStatus, StoreError> {
    [
        FlightStatus::Scheduled,
        FlightStatus::Closed,
        FlightStatus::Cancelled,
    ]
    .into_iter()
    .find(|status| status.as_str() == text)
    .ok_or_else(|| StoreError::Corrupt(format!("FlightStatus {text:?}")))
}

fn record_source(text: &str) -> Result<RecordSource, StoreError> {
    [RecordSource::Api, RecordSource::Pnr]
        .into_iter()
        .find(|source| source.as_str() == text)
        .ok_or_else(|| StoreError::Corrupt(format!("RecordSource {text:?}")))
}
