//! Workspace accounts and sessions. The store keeps what the access layer
//! decides: role, agency and purposes as text, the password as a PHC string,
//! session and CSRF tokens as SHA-256 hashes. It never sees a password or a
//! token, and it applies a lock-out rule it is given rather than owning one.

use std::fmt;

use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::journal::{from_micros, micros};
use crate::store::Store;

/// An account's number, stable for its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An account as the caller made it; the password already hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser<'a> {
    /// Compared exactly: the caller normalises if it wants to.
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub agency: &'a str,
    /// Purpose names joined by commas.
    pub purposes: &'a str,
    /// The Argon2id PHC string.
    pub password_hash: &'a str,
    pub created_at: OffsetDateTime,
}

/// The failed-login counters of an account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginCounters {
    pub failed_count: u32,
    pub failed_since: Option<OffsetDateTime>,
    pub locked_until: Option<OffsetDateTime>,
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub agency: String,
    pub purposes: String,
    pub password_hash: String,
    pub created_at: OffsetDateTime,
    pub disabled: bool,
    pub login: LoginCounters,
    pub last_login_at: Option<OffsetDateTime>,
}

/// Why an account was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("the user name {0:?} is taken")]
    UsernameTaken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A session as the caller issued it: hashes only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: [u8; 32],
    pub user_id: UserId,
    pub csrf_hash: [u8; 32],
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user_id: UserId,
    pub csrf_hash: [u8; 32],
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    /// The previous request's time before this lookup, for idle time-outs.
    pub last_seen_at: OffsetDateTime,
}

/// A `SELECT` of accounts with the given `WHERE` clause, as one literal (sqlx
/// takes only static SQL).
macro_rules! select_users {
    ($condition:literal) => {
        concat!(
            "SELECT id, username, display_name, role, agency, purposes, password_hash, ",
            "created_at, disabled, failed_count, failed_since, locked_until, last_login_at ",
            "FROM account_user ",
            $condition
        )
    };
}

impl Store {
    /// Creates an account; a taken user name is its own error.
    pub async fn create_user(&self, user: &NewUser<'_>) -> Result<UserRecord, CreateUserError> {
        let inserted = sqlx::query(
            "INSERT INTO account_user (username, display_name, role, agency, purposes, \
             password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(user.username)
        .bind(user.display_name)
        .bind(user.role)
        .bind(user.agency)
        .bind(user.purposes)
        .bind(user.password_hash)
        .bind(micros(user.created_at))
        .fetch_one(&self.pool)
        .await;
        let row = match inserted {
            Ok(row) => row,
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                return Err(CreateUserError::UsernameTaken(user.username.to_owned()));
            }
            Err(error) => return Err(StoreError::from(error).into()),
        };
        let id = UserId(row.try_get("id").map_err(StoreError::from)?);
        Ok(UserRecord {
            id,
            username: user.username.to_owned(),
            display_name: user.display_name.to_owned(),
            role: user.role.to_owned(),
            agency: user.agency.to_owned(),
            purposes: user.purposes.to_owned(),
            password_hash: user.password_hash.to_owned(),
            created_at: user.created_at,
            disabled: false,
            login: LoginCounters::default(),
            last_login_at: None,
        })
    }

    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query(select_users!("WHERE username = $1"))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn user(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query(select_users!("WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Every account, by user name.
    pub async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        let rows = sqlx::query(select_users!("ORDER BY username"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Disables or enables an account; disabling also ends its sessions.
    /// Returns whether the account exists.
    pub async fn set_user_disabled(&self, id: UserId, disabled: bool) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let updated = sqlx::query("UPDATE account_user SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM account_session WHERE user_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Replaces an account's password hash (the caller checked the policy).
    pub async fn set_password_hash(
        &self,
        id: UserId,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        let updated = sqlx::query("UPDATE account_user SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.pool)
            .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Records a failed login: `next` turns the counters as stored into the
    /// new ones (the lock-out rule lives with the caller). Atomic: when two
    /// failures race, one of them reads again and applies `next` to the
    /// other's result, so no failure is lost. `None` if the account does not
    /// exist.
    pub async fn record_failed_login(
        &self,
        id: UserId,
        next: impl Fn(&LoginCounters) -> LoginCounters,
    ) -> Result<Option<LoginCounters>, StoreError> {
        loop {
            let row = sqlx::query(
                "SELECT failed_count, failed_since, locked_until, login_version \
                 FROM account_user WHERE id = $1",
            )
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
            let Some(row) = row else {
                return Ok(None);
            };
            let current = counters_from_row(&row)?;
            let version: i64 = row.try_get("login_version")?;
            let new = next(&current);
            let updated = sqlx::query(
                "UPDATE account_user SET failed_count = $1, failed_since = $2, \
                 locked_until = $3, login_version = login_version + 1 \
                 WHERE id = $4 AND login_version = $5",
            )
            .bind(i64::from(new.failed_count))
            .bind(new.failed_since.map(micros))
            .bind(new.locked_until.map(micros))
            .bind(id.0)
            .bind(version)
            .execute(&self.pool)
            .await?;
            // Zero rows: another login changed the counters in between (each
            // retry means that one succeeded, so this ends).
            if updated.rows_affected() == 1 {
                return Ok(Some(new));
            }
        }
    }

    /// Records a successful login at `at`: counters cleared, time kept. Does
    /// nothing and returns `false` if the account is locked at `at` (a lock
    /// that landed after the caller's check) or does not exist.
    pub async fn record_successful_login(
        &self,
        id: UserId,
        at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let updated = sqlx::query(
            "UPDATE account_user SET failed_count = 0, failed_since = NULL, \
             locked_until = NULL, last_login_at = $1, login_version = login_version + 1 \
             WHERE id = $2 AND (locked_until IS NULL OR locked_until <= $1)",
        )
        .bind(micros(at))
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    pub async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO account_session (token_hash, user_id, csrf_hash, created_at, \
             expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $4)",
        )
        .bind(session.token_hash.as_slice())
        .bind(session.user_id.0)
        .bind(session.csrf_hash.as_slice())
        .bind(micros(session.created_at))
        .bind(micros(session.expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session with this token hash if it is live at `now` (not expired,
    /// its account not disabled), marking it seen at `now`. The record keeps
    /// the time it was seen before, for idle time-outs.
    pub async fn session(
        &self,
        token_hash: &[u8; 32],
        now: OffsetDateTime,
    ) -> Result<Option<SessionRecord>, StoreError> {
        // Two statements, no transaction: the seen time is advisory and only
        // moves forward, and a read-then-write transaction on SQLite would
        // fail at once when another writer got in between.
        let row = sqlx::query(
            "SELECT s.user_id, s.csrf_hash, s.created_at, s.expires_at, s.last_seen_at \
             FROM account_session s JOIN account_user u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(token_hash.as_slice())
        .bind(micros(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let session = session_from_row(&row)?;
        sqlx::query(
            "UPDATE account_session SET last_seen_at = $1 \
             WHERE token_hash = $2 AND last_seen_at < $1",
        )
        .bind(micros(now))
        .bind(token_hash.as_slice())
        .execute(&self.pool)
        .await?;
        Ok(Some(session))
    }

    /// Ends one session (log-out). Returns whether it existed.
    pub async fn end_session(&self, token_hash: &[u8; 32]) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM account_session WHERE token_hash = $1")
            .bind(token_hash.as_slice())
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// Ends every session of an account (password change, lock by an
    /// administrator). Returns how many there were.
    pub async fn end_sessions_of(&self, id: UserId) -> Result<u64, StoreError> {
        let deleted = sqlx::query("DELETE FROM account_session WHERE user_id = $1")
            .bind(id.0)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }

    /// Deletes sessions expired at `now`; they are refused already, this only
    /// keeps the table small. Returns how many went.
    pub async fn delete_expired_sessions(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let deleted = sqlx::query("DELETE FROM account_session WHERE expires_at <= $1")
            .bind(micros(now))
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }
}

fn user_from_row(row: &AnyRow) -> Result<UserRecord, StoreError> {
    let disabled: i64 = row.try_get("disabled")?;
    let last_login_at: Option<i64> = row.try_get("last_login_at")?;
    Ok(UserRecord {
        id: UserId(row.try_get("id")?),
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: row.try_get("role")?,
        agency: row.try_get("agency")?,
        purposes: row.try_get("purposes")?,
        password_hash: row.try_get("password_hash")?,
        created_at: from_micros(row.try_get("created_at")?)?,
        disabled: disabled != 0,
        login: counters_from_row(row)?,
        last_login_at: last_login_at.map(from_micros).transpose()?,
    })
}

fn counters_from_row(row: &AnyRow) -> Result<LoginCounters, StoreError> {
    let failed_count: i64 = row.try_get("failed_count")?;
    let failed_since: Option<i64> = row.try_get("failed_since")?;
    let locked_until: Option<i64> = row.try_get("locked_until")?;
    Ok(LoginCounters {
        failed_count: u32::try_from(failed_count)
            .map_err(|_| StoreError::Corrupt(format!("failed login count {failed_count}")))?,
        failed_since: failed_since.map(from_micros).transpose()?,
        locked_until: locked_until.map(from_micros).transpose()?,
    })
}

fn session_from_row(row: &AnyRow) -> Result<SessionRecord, StoreError> {
    let csrf: Vec<u8> = row.try_get("csrf_hash")?;
    let csrf_hash = <[u8; 32]>::try_from(csrf.as_slice())
        .map_err(|_| StoreError::Corrupt(format!("CSRF hash of {} bytes", csrf.len())))?;
    Ok(SessionRecord {
        user_id: UserId(row.try_get("user_id")?),
        csrf_hash,
        created_at: from_micros(row.try_get("created_at")?)?,
        expires_at: from_micros(row.try_get("expires_at")?)?,
        last_seen_at: from_micros(row.try_get("last_seen_at")?)?,
    })
}
