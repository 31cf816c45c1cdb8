//! Verdict changes sent to carriers unasked (iAPI): what was sent to whom, and
//! whether it arrived, so that one change is delivered once.

use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::journal::{from_micros, micros};
use crate::store::Store;

/// A verdict change as the caller decided it, before it has bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIapiNotice<'a> {
    pub carrier: &'a str,
    /// The passenger on the journey, as the caller identifies it stably.
    pub passenger: &'a str,
    /// The boarding code sent (`0Z`, `1Z`, …).
    pub code: &'a str,
    pub text: Option<&'a str>,
    pub created_at: OffsetDateTime,
}

/// One verdict change and its delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IapiNotice {
    pub id: i64,
    pub carrier: String,
    pub passenger: String,
    pub code: String,
    pub text: Option<String>,
    pub created_at: OffsetDateTime,
    /// Exactly what is sent, on every attempt.
    pub bytes: Vec<u8>,
    pub attempts: u64,
    pub delivered_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
}

/// A `SELECT` of notices with the given `WHERE` clause, as one literal (sqlx
/// takes only static SQL).
macro_rules! select_notices {
    ($condition:literal) => {
        concat!(
            "SELECT id, carrier, passenger, code, text, created_at, bytes, attempts, ",
            "delivered_at, last_error FROM iapi_notice ",
            $condition
        )
    };
}

impl Store {
    /// The latest verdict change recorded for a passenger of a carrier.
    pub async fn last_iapi_notice(
        &self,
        carrier: &str,
        passenger: &str,
    ) -> Result<Option<IapiNotice>, StoreError> {
        let row = sqlx::query(select_notices!(
            "WHERE carrier = $1 AND passenger = $2 ORDER BY id DESC LIMIT 1"
        ))
        .bind(carrier)
        .bind(passenger)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(notice_from_row).transpose()
    }

    /// Every verdict change recorded for a passenger of a carrier, oldest first.
    pub async fn iapi_notices(
        &self,
        carrier: &str,
        passenger: &str,
    ) -> Result<Vec<IapiNotice>, StoreError> {
        let rows = sqlx::query(select_notices!(
            "WHERE carrier = $1 AND passenger = $2 ORDER BY id"
        ))
        .bind(carrier)
        .bind(passenger)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(notice_from_row).collect()
    }

    /// Records a verdict change; `encode` makes its bytes from the new row's id
    /// (the outgoing control reference), in the same transaction.
    pub async fn add_iapi_notice(
        &self,
        notice: &NewIapiNotice<'_>,
        encode: impl FnOnce(i64) -> Vec<u8>,
    ) -> Result<IapiNotice, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO iapi_notice (carrier, passenger, code, text, created_at, bytes) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(notice.carrier)
        .bind(notice.passenger)
        .bind(notice.code)
        .bind(notice.text)
        .bind(micros(notice.created_at))
        .bind(Vec::<u8>::new())
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let bytes = encode(id);
        sqlx::query("UPDATE iapi_notice SET bytes = $1 WHERE id = $2")
            .bind(bytes.as_slice())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(IapiNotice {
            id,
            carrier: notice.carrier.to_owned(),
            passenger: notice.passenger.to_owned(),
            code: notice.code.to_owned(),
            text: notice.text.map(str::to_owned),
            created_at: notice.created_at,
            bytes,
            attempts: 0,
            delivered_at: None,
            last_error: None,
        })
    }

    /// Records one delivery attempt: `Ok` with the time the carrier took it, or
    /// the reason it failed.
    pub async fn record_iapi_attempt(
        &self,
        id: i64,
        outcome: Result<OffsetDateTime, &str>,
    ) -> Result<(), StoreError> {
        let (delivered, error) = match outcome {
            Ok(at) => (Some(micros(at)), None),
            Err(error) => (None, Some(error)),
        };
        sqlx::query(
            "UPDATE iapi_notice SET attempts = attempts + 1, \
             delivered_at = COALESCE(delivered_at, $1), last_error = $2 WHERE id = $3",
        )
        .bind(delivered)
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

fn notice_from_row(row: &AnyRow) -> Result<IapiNotice, StoreError> {
    let attempts: i64 = row.try_get("attempts")?;
    let delivered_at: Option<i64> = row.try_get("delivered_at")?;
    Ok(IapiNotice {
        id: row.try_get("id")?,
        carrier: row.try_get("carrier")?,
        passenger: row.try_get("passenger")?,
        code: row.try_get("code")?,
        text: row.try_get("text")?,
        created_at: from_micros(row.try_get("created_at")?)?,
        bytes: row.try_get("bytes")?,
        attempts: u64::try_from(attempts)
            .map_err(|_| StoreError::Corrupt(format!("negative count {attempts}")))?,
        delivered_at: delivered_at.map(from_micros).transpose()?,
        last_error: row.try_get("last_error")?,
    })
}
