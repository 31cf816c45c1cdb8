//! Bearer tokens for systems that use the workspace API as an account:
//! created with a name, an expiry and a purpose, looked up by the SHA-256
//! of the presented token, revoked by name. The token itself is never kept.

use sqlx::Row;
use time::OffsetDateTime;

use crate::accounts::UserId;
use crate::error::StoreError;
use crate::journal::{from_micros, micros};
use crate::store::Store;

/// A token as its issuer made it: the hash only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken<'a> {
    pub token_hash: [u8; 32],
    pub user_id: UserId,
    /// Unique per account, to revoke it by.
    pub name: &'a str,
    /// The purpose name it works under, if the account's role has one.
    pub purpose: Option<&'a str>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A live token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub user_id: UserId,
    pub name: String,
    pub purpose: Option<String>,
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// Stores a new token. False if the account has a token of that name
    /// already (nothing is written then).
    pub async fn create_api_token(&self, token: &NewApiToken<'_>) -> Result<bool, StoreError> {
        let created = sqlx::query(
            "INSERT INTO account_token (token_hash, user_id, name, purpose, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(token.token_hash.as_slice())
        .bind(token.user_id.0)
        .bind(token.name)
        .bind(token.purpose)
        .bind(micros(token.created_at))
        .bind(micros(token.expires_at))
        .execute(&self.pool)
        .await?;
        Ok(created.rows_affected() == 1)
    }

    /// The live token with this hash at `now`: not expired, not revoked, its
    /// account not disabled. Its last use is noted.
    pub async fn api_token(
        &self,
        token_hash: &[u8; 32],
        now: OffsetDateTime,
    ) -> Result<Option<ApiTokenRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT t.user_id, t.name, t.purpose, t.expires_at \
             FROM account_token t JOIN account_user u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.expires_at > $2 AND t.revoked_at IS NULL \
             AND u.disabled = 0",
        )
        .bind(token_hash.as_slice())
        .bind(micros(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let token = ApiTokenRecord {
            user_id: UserId(row.try_get(0)?),
            name: row.try_get(1)?,
            purpose: row.try_get(2)?,
            expires_at: from_micros(row.try_get(3)?)?,
        };
        // Advisory, like a session's last-seen time: no transaction.
        sqlx::query(
            "UPDATE account_token SET last_used_at = $1 WHERE token_hash = $2 \
             AND (last_used_at IS NULL OR last_used_at < $1)",
        )
        .bind(micros(now))
        .bind(token_hash.as_slice())
        .execute(&self.pool)
        .await?;
        Ok(Some(token))
    }

    /// Revokes an account's token by name. False if there is no such live
    /// token.
    pub async fn revoke_api_token(
        &self,
        user_id: UserId,
        name: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let revoked = sqlx::query(
            "UPDATE account_token SET revoked_at = $1 \
             WHERE user_id = $2 AND name = $3 AND revoked_at IS NULL",
        )
        .bind(micros(now))
        .bind(user_id.0)
        .bind(name)
        .execute(&self.pool)
        .await?;
        Ok(revoked.rows_affected() == 1)
    }
}
