//! Aggregates for the workspace's charts: hits raised per day, travellers per
//! route, open hits by severity and age. Counts only; no row names a person.

use sqlx::Row;
use time::{Duration, OffsetDateTime};

use crate::error::StoreError;
use crate::journal::micros;
use crate::store::Store;

const DAY_MICROS: i64 = 86_400_000_000;

/// Travellers on the flights between two places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTraffic {
    pub origin: String,
    /// `None` while no message named it.
    pub destination: Option<String>,
    /// Traveller records from API (PAXLST) and from PNR.
    pub api: u64,
    pub pnr: u64,
}

/// Open hits of one severity raised within one age band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacklogCell {
    pub severity: String,
    /// Index into the bounds the caller gave: 0 is younger than the first
    /// bound, `bounds.len()` older than the last.
    pub band: usize,
    pub count: u64,
}

impl Store {
    /// Hits raised since `since`, per UTC day: (days since 1970-01-01, count),
    /// days without hits left out.
    pub async fn hits_per_day(&self, since: OffsetDateTime) -> Result<Vec<(i64, u64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT raised_at / $1 AS day, COUNT(*) FROM hit WHERE raised_at >= $2 \
             GROUP BY raised_at / $1 ORDER BY day",
        )
        .bind(DAY_MICROS)
        .bind(micros(since))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, count(row.try_get(1)?)?)))
            .collect()
    }

    /// The `limit` routes with the most traveller records, most first.
    pub async fn route_traffic(&self, limit: u32) -> Result<Vec<RouteTraffic>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.origin, f.destination, \
             CAST(SUM(CASE WHEN t.source = 'api' THEN 1 ELSE 0 END) AS BIGINT) AS api, \
             CAST(SUM(CASE WHEN t.source = 'pnr' THEN 1 ELSE 0 END) AS BIGINT) AS pnr, \
             COUNT(*) AS total \
             FROM traveller t JOIN flight f ON f.id = t.flight_id \
             GROUP BY f.origin, f.destination \
             ORDER BY total DESC, f.origin, f.destination LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(RouteTraffic {
                    origin: row.try_get(0)?,
                    destination: row.try_get(1)?,
                    api: count(row.try_get(2)?)?,
                    pnr: count(row.try_get(3)?)?,
                })
            })
            .collect()
    }

    /// Open hits by severity and age band at `now`; `bounds` are three ages,
    /// youngest first, that divide the bands.
    pub async fn open_hit_backlog(
        &self,
        now: OffsetDateTime,
        bounds: [Duration; 3],
    ) -> Result<Vec<BacklogCell>, StoreError> {
        let rows = sqlx::query(
            "SELECT severity, CAST(CASE WHEN raised_at > $1 THEN 0 WHEN raised_at > $2 THEN 1 \
             WHEN raised_at > $3 THEN 2 ELSE 3 END AS BIGINT) AS band, COUNT(*) \
             FROM hit WHERE state = 'open' GROUP BY severity, band ORDER BY severity, band",
        )
        .bind(micros(now - bounds[0]))
        .bind(micros(now - bounds[1]))
        .bind(micros(now - bounds[2]))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let band: i64 = row.try_get(1)?;
                Ok(BacklogCell {
                    severity: row.try_get(0)?,
                    band: usize::try_from(band)
                        .map_err(|_| StoreError::Corrupt(format!("band {band}")))?,
                    count: count(row.try_get(2)?)?,
                })
            })
            .collect()
    }
}

fn count(value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("negative count {value}")))
}
