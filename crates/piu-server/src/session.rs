//! Sessions: signing in (password, lock-out, the purpose stated for the
//! session), the cookies that carry a session, finding the session of a
//! request, and signing out.
//!
//! The session cookie holds a random token and the purpose the user stated,
//! `TOKEN.PURPOSE`; the store keeps only the SHA-256 of that whole text. The
//! purpose is thereby bound to the session: a cookie whose purpose was edited
//! hashes to no session. A console's CSRF token travels in a second HttpOnly
//! cookie, from which pages copy it into their forms; it is checked against
//! the hash stored with the session.

use axum::http::{HeaderMap, HeaderValue, header};
use piu_access::{
    Principal, Purpose, TokenHash, hash_token, issue_session, lookup_hash, parse_purpose,
    purpose_name, verify_password,
};
use piu_store::{
    AuditActor, AuditEvent, AuditKind, AuditObject, AuditOutcome, LoginCounters, NewAuditEvent,
    NewSession, UserId, UserRecord,
};
use time::OffsetDateTime;

use crate::audit::{append, audit_purpose};
use crate::problem::Problem;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "piu_session";
pub const CSRF_COOKIE: &str = "piu_csrf";
/// The header an API client sends the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field a console form sends the CSRF token in.
pub const CSRF_FIELD: &str = "csrf_token";

/// The signed-in user of a request, as the session and account say now.
#[derive(Debug, Clone)]
pub struct Current {
    pub principal: Principal,
    pub user: UserId,
    pub username: String,
    pub display_name: String,
    /// The purpose stated at sign-in; `None` for roles that hold none.
    pub purpose: Option<Purpose>,
    pub session_hash: TokenHash,
    pub csrf_hash: TokenHash,
    pub expires_at: OffsetDateTime,
    /// Signed in by an API token (`Authorization: Bearer`) rather than a
    /// session cookie. Such a request needs no CSRF token: a browser never
    /// adds the header by itself, so no other site can make it send one.
    pub bearer: bool,
}

/// A new session, to hand to the client.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub current: Current,
    /// The session cookie's value; shown once.
    pub cookie_value: String,
    pub csrf_token: String,
}

/// What a sign-in form or request carries.
#[derive(Debug, Clone, Copy)]
pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
    /// The purpose's stored name (`terrorism_serious_crime`,
    /// `border_migration`); blank for none.
    pub purpose: Option<&'a str>,
}

/// The value of cookie `name` in the request, if sent once or more (the
/// first is taken).
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// The stored hash and the purpose of a session cookie's value, or `None`
/// for text no session of ours can have.
fn read_session_cookie(value: &str) -> Option<(TokenHash, Option<Purpose>)> {
    let (token, purpose) = match value.split_once('.') {
        Some((token, purpose)) => (token, Some(parse_purpose(purpose).ok()?)),
        None => (value, None),
    };
    lookup_hash(token)?;
    Some((hash_token(value), purpose))
}

/// The session of a request at `now`: `None` without a live session, or
/// when the account no longer holds the session's purpose or role names.
pub async fn current(
    state: &AppState,
    headers: &HeaderMap,
    now: OffsetDateTime,
) -> Result<Option<Current>, Problem> {
    if let Some(token) = bearer_token(headers) {
        return bearer(state, token, now).await;
    }
    let Some((session_hash, purpose)) =
        cookie(headers, SESSION_COOKIE).and_then(read_session_cookie)
    else {
        return Ok(None);
    };
    let store = state.store();
    let Some(session) = store.session(&session_hash, now).await? else {
        return Ok(None);
    };
    if now - session.last_seen_at > state.settings().idle_timeout {
        store.end_session(&session_hash).await?;
        return Ok(None);
    }
    let Some(user) = store.user(session.user_id).await? else {
        return Ok(None);
    };
    let Ok(principal) = principal_of(&user) else {
        return Ok(None);
    };
    if purpose.is_some_and(|purpose| !principal.holds(purpose)) {
        return Ok(None);
    }
    Ok(Some(Current {
        principal,
        user: user.id,
        username: user.username,
        display_name: user.display_name,
        purpose,
        session_hash,
        csrf_hash: session.csrf_hash,
        expires_at: session.expires_at,
        bearer: false,
    }))
}

/// The token of an `Authorization: Bearer` header, if the request has one.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The account an API token acts as, under the token's purpose; `None` for a
/// token that is unknown, expired, revoked, of a disabled account, or whose
/// purpose the account no longer holds.
async fn bearer(
    state: &AppState,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<Current>, Problem> {
    let Some(token_hash) = lookup_hash(token) else {
        return Ok(None);
    };
    let store = state.store();
    let Some(token) = store.api_token(&token_hash, now).await? else {
        return Ok(None);
    };
    let Some(user) = store.user(token.user_id).await? else {
        return Ok(None);
    };
    let Ok(principal) = principal_of(&user) else {
        return Ok(None);
    };
    let purpose = match token.purpose.as_deref() {
        Some(name) => match parse_purpose(name) {
            Ok(purpose) if principal.holds(purpose) => Some(purpose),
            _ => return Ok(None),
        },
        None => None,
    };
    Ok(Some(Current {
        principal,
        user: user.id,
        username: user.username,
        display_name: user.display_name,
        purpose,
        session_hash: token_hash,
        // No CSRF token can match: bearer requests are not checked for one.
        csrf_hash: [0; 32],
        expires_at: token.expires_at,
        bearer: true,
    }))
}

fn principal_of(user: &UserRecord) -> Result<Principal, piu_access::UnknownName> {
    Principal::from_stored(
        user.id.to_string(),
        &user.role,
        &user.agency,
        &user.purposes,
    )
}

/// Signs a user in: lock-out first, then the password, then the purpose.
/// Every attempt, allowed or not, is appended to the audit chain without the
/// password or the user name typed.
pub async fn sign_in(
    state: &AppState,
    credentials: Credentials<'_>,
    now: OffsetDateTime,
) -> Result<SignedIn, Problem> {
    let store = state.store();
    let policy = state.settings().lockout;
    let Some(user) = store.user_by_username(credentials.username).await? else {
        // Spend the time a real check takes, so timing does not tell which
        // user names exist.
        let _ = check_password(credentials.password, state.decoy_hash().to_owned()).await;
        audit_login(state, None, None, AuditOutcome::Denied, "unknown_user", now).await?;
        return Err(Problem::bad_credentials());
    };
    let principal = principal_of(&user).map_err(|_| Problem::internal())?;
    let counters = to_state(&user.login);
    if user.disabled {
        let _ = check_password(credentials.password, state.decoy_hash().to_owned()).await;
        audit_login(
            state,
            Some(&principal),
            None,
            AuditOutcome::Denied,
            "disabled",
            now,
        )
        .await?;
        return Err(Problem::bad_credentials());
    }
    if policy.locked_until(&counters, now).is_some() {
        audit_login(
            state,
            Some(&principal),
            None,
            AuditOutcome::Denied,
            "locked",
            now,
        )
        .await?;
        return Err(Problem::locked());
    }
    if !check_password(credentials.password, user.password_hash.clone()).await {
        let after = store
            .record_failed_login(user.id, |stored| {
                to_counters(&policy.after_failure(&to_state(stored), now))
            })
            .await?;
        let locked = after.is_some_and(|after| after.locked_until.is_some());
        let reason = if locked {
            "bad_password; account locked"
        } else {
            "bad_password"
        };
        audit_login(
            state,
            Some(&principal),
            None,
            AuditOutcome::Denied,
            reason,
            now,
        )
        .await?;
        return Err(Problem::bad_credentials());
    }
    let purpose = match stated_purpose(&principal, credentials.purpose) {
        Ok(purpose) => purpose,
        Err((code, detail)) => {
            audit_login(
                state,
                Some(&principal),
                None,
                AuditOutcome::Denied,
                code,
                now,
            )
            .await?;
            return Err(Problem::denied(code, detail));
        }
    };
    if !store.record_successful_login(user.id, now).await? {
        // A lock landed between the check and now.
        audit_login(
            state,
            Some(&principal),
            purpose,
            AuditOutcome::Denied,
            "locked",
            now,
        )
        .await?;
        return Err(Problem::locked());
    }
    let issued = issue_session().map_err(|_| Problem::internal())?;
    let cookie_value = match purpose {
        Some(purpose) => format!("{}.{}", issued.session_token, purpose_name(purpose)),
        None => issued.session_token,
    };
    let session_hash = hash_token(&cookie_value);
    let expires_at = now + state.settings().session_lifetime;
    store
        .create_session(&NewSession {
            token_hash: session_hash,
            user_id: user.id,
            csrf_hash: issued.csrf_hash,
            created_at: now,
            expires_at,
        })
        .await?;
    audit_login(
        state,
        Some(&principal),
        purpose,
        AuditOutcome::Allowed,
        "",
        now,
    )
    .await?;
    Ok(SignedIn {
        current: Current {
            principal,
            user: user.id,
            username: user.username,
            display_name: user.display_name,
            purpose,
            session_hash,
            csrf_hash: issued.csrf_hash,
            expires_at,
            bearer: false,
        },
        cookie_value,
        csrf_token: issued.csrf_token,
    })
}

/// The purpose for the session: one the user holds, or none for a user who
/// holds none. Errors carry the denial code and a sentence.
fn stated_purpose(
    principal: &Principal,
    stated: Option<&str>,
) -> Result<Option<Purpose>, (&'static str, String)> {
    let stated = stated.map(str::trim).filter(|text| !text.is_empty());
    match stated {
        None if principal.purposes.is_empty() => Ok(None),
        None => Err((
            "missing_context",
            "state the purpose of this session: one of the purposes this account holds".to_owned(),
        )),
        Some(text) => {
            let purpose = parse_purpose(text)
                .map_err(|_| ("purpose_not_held", format!("{text:?} is not a purpose")))?;
            if principal.holds(purpose) {
                Ok(Some(purpose))
            } else {
                Err((
                    "purpose_not_held",
                    format!("this account may not process data for {text}"),
                ))
            }
        }
    }
}

/// Ends the session of `current` (sign-out).
pub async fn sign_out(state: &AppState, current: &Current) -> Result<(), Problem> {
    state.store().end_session(&current.session_hash).await?;
    Ok(())
}

async fn check_password(password: &str, hash: String) -> bool {
    let password = password.to_owned();
    // Argon2id is deliberately slow: off the async threads.
    tokio::task::spawn_blocking(move || verify_password(&password, &hash).unwrap_or(false))
        .await
        .unwrap_or(false)
}

async fn audit_login(
    state: &AppState,
    principal: Option<&Principal>,
    purpose: Option<Purpose>,
    outcome: AuditOutcome,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), Problem> {
    let actor = match principal {
        Some(principal) => AuditActor::User {
            id: principal.user_id.clone(),
            role: Some(principal.role.as_str().to_owned()),
            agency: Some(principal.agency.as_str().to_owned()),
        },
        // The typed name may be a password typed in the wrong box: never kept.
        None => AuditActor::System {
            component: "sign-in (unknown user name)".to_owned(),
        },
    };
    let event = AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Login,
        actor,
        purpose: audit_purpose(purpose),
        object_type: AuditObject::User,
        object_ids: principal
            .map(|principal| vec![principal.user_id.clone()])
            .unwrap_or_default(),
        reason: Some(reason.to_owned()),
        outcome,
        at: now,
    })
    .map_err(|_| Problem::internal())?;
    append(state, &event).await
}

fn to_state(counters: &LoginCounters) -> piu_access::LoginState {
    piu_access::LoginState {
        failed_count: counters.failed_count,
        failed_since: counters.failed_since,
        locked_until: counters.locked_until,
    }
}

fn to_counters(state: &piu_access::LoginState) -> LoginCounters {
    LoginCounters {
        failed_count: state.failed_count,
        failed_since: state.failed_since,
        locked_until: state.locked_until,
    }
}

/// `Set-Cookie` values that start a session: the session and the CSRF
/// token, both HttpOnly and SameSite=Strict on the whole site.
pub fn session_cookies(state: &AppState, signed_in: &SignedIn) -> [HeaderValue; 2] {
    let max_age = state.settings().session_lifetime.whole_seconds().max(0);
    [
        set_cookie(state, SESSION_COOKIE, &signed_in.cookie_value, max_age),
        set_cookie(state, CSRF_COOKIE, &signed_in.csrf_token, max_age),
    ]
}

/// `Set-Cookie` values that remove both cookies.
pub fn cleared_cookies(state: &AppState) -> [HeaderValue; 2] {
    [
        set_cookie(state, SESSION_COOKIE, "", 0),
        set_cookie(state, CSRF_COOKIE, "", 0),
    ]
}

fn set_cookie(state: &AppState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.settings().secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let text =
        format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}");
    // Tokens are base64url and purposes plain names: always a valid header.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}
