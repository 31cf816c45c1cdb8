//! The review under `/api/v1`: hits, cases and referrals as JSON.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use super::{
    AssignRequest, CaseDetail, CaseItem, CaseMemberRequest, CaseRequest, DecisionRequest,
    DispositionRequest, HitDetail, NoteRequest, ReferralItem, ReferralQuery, ReferralRequestBody,
};
use crate::data::{HitItem, PageQuery};
use crate::extract::{Id, Json, Query};
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// One hit: its explanation, traveller, assignee, notes and referrals.
#[utoipa::path(
    get, path = "/api/v1/hits/{id}", tag = "review",
    params(("id" = i64, Path, description = "The hit's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The hit", body = HitDetail),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role or purpose may not view this hit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hit for this purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn hit(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<HitDetail>, Problem> {
    let detail = super::hit_detail(&state, &current, id, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(detail))
}

/// Gives a hit to an analyst or supervisor, takes it, or releases it.
#[utoipa::path(
    post, path = "/api/v1/hits/{id}/assignment", tag = "review",
    params(("id" = i64, Path, description = "The hit's id")),
    request_body = AssignRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The hit as it now stands", body = HitItem),
        (status = 400, description = "Invalid id or body, or no such reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hit for this purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Json(request): Json<AssignRequest>,
) -> Result<axum::Json<HitItem>, Problem> {
    let hit = super::assign(&state, &current, id, &request, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(hit))
}

/// Adds a note to a hit.
#[utoipa::path(
    post, path = "/api/v1/hits/{id}/notes", tag = "review",
    params(("id" = i64, Path, description = "The hit's id")),
    request_body = NoteRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Noted; the hit as it now stands", body = HitItem),
        (status = 400, description = "Invalid id or body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hit for this purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn note(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Json(request): Json<NoteRequest>,
) -> Result<Response, Problem> {
    let hit = super::note(&state, &current, id, &request, OffsetDateTime::now_utc()).await?;
    Ok((StatusCode::CREATED, axum::Json(hit)).into_response())
}

/// Records a person's disposition of a hit: relevant (may be referred), not
/// relevant (suppressed for this traveller and entry until their data
/// change), needs more information, or open again.
#[utoipa::path(
    post, path = "/api/v1/hits/{id}/disposition", tag = "review",
    params(("id" = i64, Path, description = "The hit's id")),
    request_body = DispositionRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The hit as it now stands", body = HitItem),
        (status = 400, description = "Invalid id or body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hit for this purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn dispose(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Json(request): Json<DispositionRequest>,
) -> Result<axum::Json<HitItem>, Problem> {
    let hit = super::dispose(&state, &current, id, &request, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(hit))
}

/// Cases of the session's purpose, newest first.
#[utoipa::path(
    get, path = "/api/v1/cases", tag = "review",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of cases", body = Page<CaseItem>),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not work on cases", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cases(
    State(state): State<AppState>,
    current: Current,
    Query(query): Query<PageQuery>,
) -> Result<axum::Json<Page<CaseItem>>, Problem> {
    let page = super::case_page(&state, &current, query.after.as_deref(), query.limit).await?;
    Ok(axum::Json(page))
}

/// Opens a case under the session's purpose.
#[utoipa::path(
    post, path = "/api/v1/cases", tag = "review",
    request_body = CaseRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "The case", body = CaseItem),
        (status = 400, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_case(
    State(state): State<AppState>,
    current: Current,
    Json(request): Json<CaseRequest>,
) -> Result<Response, Problem> {
    let case = super::create_case(&state, &current, &request, OffsetDateTime::now_utc()).await?;
    Ok((StatusCode::CREATED, axum::Json(case)).into_response())
}

/// A case with what it groups.
#[utoipa::path(
    get, path = "/api/v1/cases/{id}", tag = "review",
    params(("id" = i64, Path, description = "The case's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The case", body = CaseDetail),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not work on cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn case(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<CaseDetail>, Problem> {
    let case = super::case_detail(&state, &current, id, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(case))
}

/// Adds a hit, traveller or booking to a case.
#[utoipa::path(
    post, path = "/api/v1/cases/{id}/items", tag = "review",
    params(("id" = i64, Path, description = "The case's id")),
    request_body = CaseMemberRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The case as it now stands", body = CaseDetail),
        (status = 400, description = "Invalid id or body, or no such object", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case or hit for this purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_case_member(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Json(request): Json<CaseMemberRequest>,
) -> Result<axum::Json<CaseDetail>, Problem> {
    let now = OffsetDateTime::now_utc();
    let case = super::add_case_member(&state, &current, id, &request, now).await?;
    Ok(axum::Json(case))
}

/// Referrals: for PIU staff those of the session's purpose; for a liaison
/// the approved referrals to their own agency.
#[utoipa::path(
    get, path = "/api/v1/referrals", tag = "review",
    params(ReferralQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of referrals, without their content", body = Page<ReferralItem>),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view referrals", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn referrals(
    State(state): State<AppState>,
    current: Current,
    Query(query): Query<ReferralQuery>,
) -> Result<axum::Json<Page<ReferralItem>>, Problem> {
    Ok(axum::Json(
        super::referral_page(&state, &current, &query, OffsetDateTime::now_utc()).await?,
    ))
}

/// Asks for a referral of hits reviewed relevant to a competent authority;
/// it leaves the unit once a supervisor approves it.
#[utoipa::path(
    post, path = "/api/v1/referrals", tag = "review",
    request_body = ReferralRequestBody,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "The referral, requested", body = ReferralItem),
        (status = 400, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hit or case for this purpose", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A hit is not reviewed relevant", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_referral(
    State(state): State<AppState>,
    current: Current,
    Json(request): Json<ReferralRequestBody>,
) -> Result<Response, Problem> {
    let now = OffsetDateTime::now_utc();
    let referral = super::request_referral(&state, &current, &request, now).await?;
    Ok((StatusCode::CREATED, axum::Json(referral)).into_response())
}

/// One referral with what it shares.
#[utoipa::path(
    get, path = "/api/v1/referrals/{id}", tag = "review",
    params(("id" = i64, Path, description = "The referral's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The referral", body = ReferralItem),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view referrals", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such referral for this user", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn referral(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<ReferralItem>, Problem> {
    let referral = super::referral(&state, &current, id, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(referral))
}

/// Approves or refuses a referral (four eyes: never the one who asked).
#[utoipa::path(
    post, path = "/api/v1/referrals/{id}/decision", tag = "review",
    params(("id" = i64, Path, description = "The referral's id")),
    request_body = DecisionRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The referral as decided", body = ReferralItem),
        (status = 400, description = "Invalid id or body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed (own request, role), or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such referral for this user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Json(request): Json<DecisionRequest>,
) -> Result<axum::Json<ReferralItem>, Problem> {
    let referral = super::decide(&state, &current, id, &request, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(referral))
}
