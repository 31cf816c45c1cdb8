//! Criteria kept in the workspace (migration 0010): every version as written,
//! its state (`draft`, `active`, `retired`) and its latest back-test; and the
//! stored travellers a back-test runs over. The store checks nothing about an
//! expression: it keeps the text the caller checked and the facts the caller
//! asks for.

use std::fmt;

use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::accounts::UserId;
use crate::error::StoreError;
use crate::journal::{from_micros, micros};
use crate::records::{FlightFacts, FlightKey, RecordSource, TravellerId};
use crate::store::Store;

/// A stored criterion version's number, stable for its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CriterionId(pub i64);

impl fmt::Display for CriterionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Where a criterion version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriterionState {
    /// Written, not screened with.
    Draft,
    /// Screened with; at most one version of a criterion at a time.
    Active,
    /// Replaced by another version, or switched off.
    Retired,
}

impl CriterionState {
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionState::Draft => "draft",
            CriterionState::Active => "active",
            CriterionState::Retired => "retired",
        }
    }

    fn parse(text: &str) -> Result<CriterionState, StoreError> {
        [
            CriterionState::Draft,
            CriterionState::Active,
            CriterionState::Retired,
        ]
        .into_iter()
        .find(|state| state.as_str() == text)
        .ok_or_else(|| StoreError::Corrupt(format!("CriterionState {text:?}")))
    }
}

/// A criterion version as the caller checked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCriterion<'a> {
    /// The criterion's own id, such as `C-001`.
    pub name: &'a str,
    pub version: u32,
    /// The criteria-file JSON holding it.
    pub definition: &'a str,
    pub expression: &'a str,
    pub description: &'a str,
    pub author: UserId,
    pub purpose: &'a str,
    pub severity: &'a str,
    pub target_agency: &'a str,
    pub created_at: OffsetDateTime,
}

/// What a back-test of one version found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacktestRecord {
    pub travellers: u64,
    pub hits: u64,
    /// First and last departure date covered (`YYYY-MM-DD`); `None`: open.
    pub from: Option<String>,
    pub to: Option<String>,
    pub run_by: UserId,
    pub run_at: OffsetDateTime,
}

/// A stored criterion version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionRecord {
    pub id: CriterionId,
    pub name: String,
    pub version: u32,
    pub definition: String,
    pub expression: String,
    pub description: String,
    pub author: UserId,
    pub purpose: String,
    pub severity: String,
    pub target_agency: String,
    pub state: CriterionState,
    pub created_at: OffsetDateTime,
    pub activated_by: Option<UserId>,
    pub activated_at: Option<OffsetDateTime>,
    pub backtest: Option<BacktestRecord>,
}

/// Why a criterion version was not stored.
#[derive(Debug, thiserror::Error)]
pub enum AddCriterionError {
    #[error("criterion {name} already has a version {version}")]
    VersionTaken { name: String, version: u32 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What became of an activation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    /// Active now; the versions it replaced (retired) by id.
    Activated { retired: Vec<CriterionId> },
    /// No such criterion version.
    Unknown,
    /// The version has no back-test.
    NotBacktested,
    /// The version is not a draft (already active, or retired).
    NotDraft(CriterionState),
}

/// A stored traveller as a back-test sees it: the model JSON of the
/// traveller, its flight and the latest version of its booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacktestTraveller {
    pub id: TravellerId,
    pub source: RecordSource,
    pub role: String,
    /// `None` once depersonalised.
    pub personal: Option<String>,
    pub flight: FlightKey,
    pub facts: FlightFacts,
    /// `{"booking": …, "travellers": […]}` as stored with the booking
    /// version; `None` without a booking or once depersonalised.
    pub booking: Option<String>,
}

macro_rules! select_criteria {
    ($condition:literal) => {
        concat!(
            "SELECT id, name, version, definition, expression, description, author_id, ",
            "purpose, severity, target_agency, state, created_at, activated_by, activated_at, ",
            "backtest_travellers, backtest_hits, backtest_from, backtest_to, backtest_by, ",
            "backtest_at FROM criterion ",
            $condition
        )
    };
}

impl Store {
    /// Stores a new draft version; a version number already used for the
    /// criterion is its own error.
    pub async fn add_criterion(
        &self,
        criterion: &NewCriterion<'_>,
    ) -> Result<CriterionId, AddCriterionError> {
        let _turn = self.write_turn().await;
        let inserted = sqlx::query(
            "INSERT INTO criterion (name, version, definition, expression, description, \
             author_id, purpose, severity, target_agency, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(criterion.name)
        .bind(i64::from(criterion.version))
        .bind(criterion.definition)
        .bind(criterion.expression)
        .bind(criterion.description)
        .bind(criterion.author.0)
        .bind(criterion.purpose)
        .bind(criterion.severity)
        .bind(criterion.target_agency)
        .bind(micros(criterion.created_at))
        .fetch_one(&self.pool)
        .await;
        match inserted {
            Ok(row) => Ok(CriterionId(row.try_get(0).map_err(StoreError::from)?)),
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                Err(AddCriterionError::VersionTaken {
                    name: criterion.name.to_owned(),
                    version: criterion.version,
                })
            }
            Err(error) => Err(StoreError::from(error).into()),
        }
    }

    /// The highest version stored of a criterion, 0 if none.
    pub async fn latest_criterion_version(&self, name: &str) -> Result<u32, StoreError> {
        let row = sqlx::query("SELECT MAX(version) FROM criterion WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        let latest: Option<i64> = row.try_get(0)?;
        u32::try_from(latest.unwrap_or(0))
            .map_err(|_| StoreError::Corrupt(format!("criterion version {latest:?}")))
    }

    /// Every stored criterion version, by criterion and newest version first.
    pub async fn criteria(&self) -> Result<Vec<CriterionRecord>, StoreError> {
        let rows = sqlx::query(select_criteria!("ORDER BY name, version DESC"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(criterion_record).collect()
    }

    /// The versions in force: state `active`.
    pub async fn active_criteria(&self) -> Result<Vec<CriterionRecord>, StoreError> {
        let rows = sqlx::query(select_criteria!("WHERE state = 'active' ORDER BY name"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(criterion_record).collect()
    }

    pub async fn criterion(&self, id: CriterionId) -> Result<Option<CriterionRecord>, StoreError> {
        let row = sqlx::query(select_criteria!("WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(criterion_record).transpose()
    }

    /// Keeps a back-test as the version's latest; false if there is no such
    /// version.
    pub async fn record_backtest(
        &self,
        id: CriterionId,
        backtest: &BacktestRecord,
    ) -> Result<bool, StoreError> {
        let _turn = self.write_turn().await;
        let done = sqlx::query(
            "UPDATE criterion SET backtest_travellers = $1, backtest_hits = $2, \
             backtest_from = $3, backtest_to = $4, backtest_by = $5, backtest_at = $6 \
             WHERE id = $7",
        )
        .bind(i64::try_from(backtest.travellers).unwrap_or(i64::MAX))
        .bind(i64::try_from(backtest.hits).unwrap_or(i64::MAX))
        .bind(backtest.from.as_deref())
        .bind(backtest.to.as_deref())
        .bind(backtest.run_by.0)
        .bind(micros(backtest.run_at))
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Activates a back-tested draft and retires the version of the same
    /// criterion active before it, in one transaction.
    pub async fn activate_criterion(
        &self,
        id: CriterionId,
        by: UserId,
        at: OffsetDateTime,
    ) -> Result<Activation, StoreError> {
        let (_turn, mut tx) = self.begin_write().await?;
        let row = sqlx::query("SELECT name, state, backtest_at FROM criterion WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(Activation::Unknown);
        };
        let name: String = row.try_get(0)?;
        let state = CriterionState::parse(&row.try_get::<String, _>(1)?)?;
        let backtested: Option<i64> = row.try_get(2)?;
        if state != CriterionState::Draft {
            return Ok(Activation::NotDraft(state));
        }
        if backtested.is_none() {
            return Ok(Activation::NotBacktested);
        }
        let retired = sqlx::query(
            "UPDATE criterion SET state = 'retired' WHERE name = $1 AND state = 'active' \
             RETURNING id",
        )
        .bind(&name)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|row| Ok(CriterionId(row.try_get(0)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
        sqlx::query(
            "UPDATE criterion SET state = 'active', activated_by = $1, activated_at = $2 \
             WHERE id = $3",
        )
        .bind(by.0)
        .bind(micros(at))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Activation::Activated { retired })
    }

    /// Stored travellers whose flight departs within `from..=to`
    /// (`YYYY-MM-DD`, either end open), of the sources given, with their
    /// flight and booking: `limit` of them after the traveller `after`, in id
    /// order (a back-test reads the store a page at a time).
    pub async fn backtest_travellers(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        sources: &[RecordSource],
        after: Option<TravellerId>,
        limit: u32,
    ) -> Result<Vec<BacktestTraveller>, StoreError> {
        let api = sources.contains(&RecordSource::Api);
        let pnr = sources.contains(&RecordSource::Pnr);
        let rows = sqlx::query(
            "SELECT t.id, t.source, t.role, t.personal, f.carrier, f.number, \
             f.departure_date, f.origin, f.destination, f.departure, f.arrival, \
             (SELECT v.personal FROM booking_version v WHERE v.booking_id = t.booking_id \
              ORDER BY v.version DESC LIMIT 1) \
             FROM traveller t JOIN flight f ON f.id = t.flight_id \
             WHERE ($1 IS NULL OR f.departure_date >= $1) \
             AND ($2 IS NULL OR f.departure_date <= $2) \
             AND ((t.source = 'api' AND $3 = 1) OR (t.source = 'pnr' AND $4 = 1)) \
             AND t.id > $5 ORDER BY t.id LIMIT $6",
        )
        .bind(from)
        .bind(to)
        .bind(i64::from(api))
        .bind(i64::from(pnr))
        .bind(after.map_or(0, |traveller| traveller.0))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let source: String = row.try_get(1)?;
                Ok(BacktestTraveller {
                    id: TravellerId(row.try_get(0)?),
                    source: match source.as_str() {
                        "api" => RecordSource::Api,
                        "pnr" => RecordSource::Pnr,
                        other => {
                            return Err(StoreError::Corrupt(format!("RecordSource {other:?}")));
                        }
                    },
                    role: row.try_get(2)?,
                    personal: row.try_get(3)?,
                    flight: FlightKey {
                        carrier: row.try_get(4)?,
                        number: row.try_get(5)?,
                        departure_date: row.try_get(6)?,
                        origin: row.try_get(7)?,
                    },
                    facts: FlightFacts {
                        destination: row.try_get(8)?,
                        departure: row.try_get(9)?,
                        arrival: row.try_get(10)?,
                    },
                    booking: row.try_get(11)?,
                })
            })
            .collect()
    }
}

fn optional_user(row: &AnyRow, index: usize) -> Result<Option<UserId>, StoreError> {
    Ok(row.try_get::<Option<i64>, _>(index)?.map(UserId))
}

fn optional_time(row: &AnyRow, index: usize) -> Result<Option<OffsetDateTime>, StoreError> {
    row.try_get::<Option<i64>, _>(index)?
        .map(from_micros)
        .transpose()
}

fn criterion_record(row: &AnyRow) -> Result<CriterionRecord, StoreError> {
    let version: i64 = row.try_get(2)?;
    let backtest = match (
        row.try_get::<Option<i64>, _>(14)?,
        row.try_get::<Option<i64>, _>(15)?,
        optional_user(row, 18)?,
        optional_time(row, 19)?,
    ) {
        (Some(travellers), Some(hits), Some(run_by), Some(run_at)) => Some(BacktestRecord {
            travellers: u64::try_from(travellers).unwrap_or(0),
            hits: u64::try_from(hits).unwrap_or(0),
            from: row.try_get(16)?,
            to: row.try_get(17)?,
            run_by,
            run_at,
        }),
        _ => None,
    };
    Ok(CriterionRecord {
        id: CriterionId(row.try_get(0)?),
        name: row.try_get(1)?,
        version: u32::try_from(version)
            .map_err(|_| StoreError::Corrupt(format!("criterion version {version}")))?,
        definition: row.try_get(3)?,
        expression: row.try_get(4)?,
        description: row.try_get(5)?,
        author: UserId(row.try_get(6)?),
        purpose: row.try_get(7)?,
        severity: row.try_get(8)?,
        target_agency: row.try_get(9)?,
        state: CriterionState::parse(&row.try_get::<String, _>(10)?)?,
        created_at: from_micros(row.try_get(11)?)?,
        activated_by: optional_user(row, 12)?,
        activated_at: optional_time(row, 13)?,
        backtest,
    })
}
