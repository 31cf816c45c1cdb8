//! The audit log for the data protection officer and auditors: the records
//! as stored, newest page first, and a verification of the whole chain. The
//! log names objects by id and users by id only, so reading it consults no
//! personal data and is not itself recorded as a consultation.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::console::{Who, problem_page, render, who};
use crate::extract::Query;
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Records per page at most.
const MAX_RECORDS: u32 = 500;
const DEFAULT_RECORDS: u32 = 100;

/// Which records to read.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The first record's number; leave out for the newest page.
    pub from: Option<i64>,
    /// Records per page, 1 to 500 (default 100).
    pub limit: Option<u32>,
}

/// A page of audit records, oldest first within the page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditPage {
    /// Each record: `seq`, `prev_hash`, `hash` (hex) and the `event` as stored.
    #[schema(value_type = Vec<Object>)]
    pub records: Vec<serde_json::Value>,
    /// The newest record's number (0 for an empty log).
    pub head_seq: i64,
    /// `from` of the page before this one, if any.
    pub previous: Option<i64>,
    /// `from` of the page after this one, if any.
    pub next: Option<i64>,
}

/// A verification of the whole chain.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    pub intact: bool,
    /// One line naming the head, or the first bad record and what is wrong.
    pub description: String,
}

async fn page(state: &AppState, query: &AuditQuery) -> Result<AuditPage, Problem> {
    let limit = query.limit.unwrap_or(DEFAULT_RECORDS);
    if !(1..=MAX_RECORDS).contains(&limit) {
        return Err(Problem::bad_request(format!(
            "limit must be 1 to {MAX_RECORDS}"
        )));
    }
    if query.from.is_some_and(|from| from < 1) {
        return Err(Problem::bad_request("from must be 1 or more"));
    }
    let store = state.store();
    let head_seq = store.audit_head_seq().await?;
    let newest_page = (head_seq - i64::from(limit) + 1).max(1);
    let from = query.from.unwrap_or(newest_page);
    let records = store.audit_records(from, limit).await?;
    let last = records.last().map_or(from - 1, |record| record.seq);
    Ok(AuditPage {
        records: records
            .iter()
            .map(piu_store::AuditRecord::to_json)
            .collect(),
        head_seq,
        previous: (from > 1).then(|| (from - i64::from(limit)).max(1)),
        next: (last < head_seq).then_some(last + 1),
    })
}

async fn verification(state: &AppState) -> Result<Verification, Problem> {
    let verdict = state
        .store()
        .verify_audit(&piu_store::AuditExpectation::default())
        .await?;
    Ok(Verification {
        intact: verdict.is_intact(),
        description: verdict.to_string(),
    })
}

/// Audit records, a page at a time (the newest page by default).
#[utoipa::path(
    get, path = "/api/v1/audit", tag = "audit",
    params(AuditQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of records", body = AuditPage),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read the audit log", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn records(
    State(state): State<AppState>,
    Query(query): Query<AuditQuery>,
) -> Result<axum::Json<AuditPage>, Problem> {
    Ok(axum::Json(page(&state, &query).await?))
}

/// Checks every record of the chain and names the first bad one.
#[utoipa::path(
    get, path = "/api/v1/audit/verification", tag = "audit",
    security(("session" = [])),
    responses(
        (status = 200, description = "The verdict", body = Verification),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not verify the audit log", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify(State(state): State<AppState>) -> Result<axum::Json<Verification>, Problem> {
    Ok(axum::Json(verification(&state).await?))
}

/// One record as the console's table shows it.
struct Row {
    seq: i64,
    at: String,
    kind: String,
    actor: String,
    capacity: String,
    purpose: String,
    object: String,
    reason: String,
    outcome: String,
}

fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn row(record: &serde_json::Value) -> Row {
    let event = &record["event"];
    let ids = event["object_ids"]
        .as_array()
        .map(|ids| ids.iter().map(text).collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    Row {
        seq: record["seq"].as_i64().unwrap_or_default(),
        at: text(&event["at"]),
        kind: text(&event["kind"]),
        actor: [text(&event["actor_type"]), text(&event["actor"])].join(" "),
        capacity: [text(&event["role"]), text(&event["agency"])]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        purpose: text(&event["purpose"]),
        object: format!("{} {ids}", text(&event["object_type"])),
        reason: text(&event["reason"]),
        outcome: text(&event["outcome"]),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditLogPage {
    who: Option<Who>,
    rows: Vec<Row>,
    page: AuditPage,
    can_verify: bool,
    verification: Option<Verification>,
}

async fn console_page(
    state: &AppState,
    current: &Current,
    headers: &HeaderMap,
    query: &AuditQuery,
    verify: bool,
) -> Response {
    let result = async {
        let page = page(state, query).await?;
        let verification = match verify {
            true => Some(verification(state).await?),
            false => None,
        };
        Ok::<_, Problem>((page, verification))
    }
    .await;
    match result {
        Ok((page, verification)) => render(
            &AuditLogPage {
                who: Some(who(current, headers)),
                rows: page.records.iter().rev().map(row).collect(),
                page,
                can_verify: piu_access::role_permits(
                    current.principal.role,
                    piu_access::Action::VerifyAudit,
                ),
                verification,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}

/// The audit log, newest first within a page.
#[utoipa::path(get, path = "/audit", tag = "console",
    params(AuditQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of records", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid query", content_type = "text/html"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
    ))]
pub async fn log_page(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<AuditQuery>,
) -> Response {
    console_page(&state, &current, &headers, &query, false).await
}

/// The newest page of the log with a verification of the whole chain.
#[utoipa::path(get, path = "/audit/verification", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The verdict and the newest records", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
    ))]
pub async fn verification_page(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
) -> Response {
    console_page(&state, &current, &headers, &AuditQuery::default(), true).await
}
