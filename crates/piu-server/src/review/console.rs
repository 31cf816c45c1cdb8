//! The review in the console: a hit's page with its forms, cases, and
//! referrals as printable pages. Forms post back and are answered with a
//! redirect to the page they change (post/redirect/get), or with the
//! problem as a page.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use piu_access::{Action, Role, role_permits};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{
    AssignRequest, CaseDetail, CaseItem, CaseMemberRequest, CaseRequest, DecisionRequest,
    DispositionRequest, HitDetail, NoteRequest, ReferralItem, ReferralQuery, ReferralRequestBody,
};
use crate::console::{Who, problem_page, render, who};
use crate::data::PageQuery;
use crate::extract::{Form, Id, Query};
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hit.html")]
struct HitPage {
    who: Option<Who>,
    detail: HitDetail,
    explanation: String,
    can_review: bool,
    can_refer: bool,
    agencies: Vec<&'static str>,
    dispositions: [&'static str; 4],
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    who: Option<Who>,
    page: Page<CaseItem>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    who: Option<Who>,
    detail: CaseDetail,
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct ReferralsPage {
    who: Option<Who>,
    page: Page<ReferralItem>,
}

#[derive(Template)]
#[template(path = "referral.html")]
struct ReferralPage {
    who: Option<Who>,
    referral: ReferralItem,
    /// Whether the signed-in user may decide it (a supervisor who did not ask).
    can_decide: bool,
}

/// A console form's fields: the CSRF token is read by the gate, the rest here.
#[derive(Debug, Deserialize)]
pub struct AssignFields {
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    release: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

#[derive(Debug, Deserialize)]
pub struct NoteFields {
    #[serde(default)]
    text: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

#[derive(Debug, Deserialize)]
pub struct DispositionFields {
    #[serde(default)]
    disposition: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

#[derive(Debug, Deserialize)]
pub struct CaseFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

#[derive(Debug, Deserialize)]
pub struct CaseMemberFields {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

#[derive(Debug, Deserialize)]
pub struct ReferralFields {
    #[serde(default)]
    agency: String,
    #[serde(default)]
    reason: String,
    /// One hit id (the hit page refers one hit at a time).
    #[serde(default)]
    hit: String,
    #[serde(default)]
    case: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

#[derive(Debug, Deserialize)]
pub struct DecisionFields {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf_token: String,
}

fn see_other(path: String) -> Response {
    Redirect::to(&path).into_response()
}

fn number(field: &str, text: &str) -> Result<i64, Problem> {
    text.trim()
        .parse()
        .map_err(|_| Problem::bad_request(format!("{field} must be a whole number")))
}

fn optional_number(field: &str, text: &str) -> Result<Option<i64>, Problem> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        number(field, text).map(Some)
    }
}

/// The page of a hit, with the forms to review it.
#[utoipa::path(get, path = "/hits/{id}", tag = "console",
    params(("id" = i64, Path, description = "The hit's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The hit, its explanation, traveller and timeline", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", content_type = "text/html"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
        (status = 404, description = "No such hit for this purpose", content_type = "text/html"),
    ))]
pub async fn hit(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match super::hit_detail(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(detail) => {
            let role = current.principal.role;
            let explanation = serde_json::to_string_pretty(&detail.explanation).unwrap_or_default();
            let can_refer =
                detail.hit.state == "relevant" && role_permits(role, Action::RequestDissemination);
            render(
                &HitPage {
                    who: Some(who(&current, &headers)),
                    explanation,
                    can_review: role_permits(role, Action::ReviewHit),
                    can_refer,
                    agencies: super::recipients(),
                    dispositions: ["relevant", "not_relevant", "needs_information", "open"],
                    detail,
                },
                StatusCode::OK,
            )
        }
        Err(problem) => problem_page(problem),
    }
}

/// Takes a hit (or gives it to someone, or back to the queue).
#[utoipa::path(post, path = "/hits/{id}/assignment", tag = "console",
    params(("id" = i64, Path, description = "The hit's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Done: back to the hit"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such hit for this purpose", content_type = "text/html"),
    ))]
pub async fn assign(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Form(fields): Form<AssignFields>,
) -> Response {
    let request = AssignRequest {
        assignee: Some(fields.assignee),
        release: !fields.release.is_empty(),
    };
    match super::assign(&state, &current, id, &request, OffsetDateTime::now_utc()).await {
        Ok(_) => see_other(format!("/hits/{id}")),
        Err(problem) => problem_page(problem),
    }
}

/// Adds a note to a hit.
#[utoipa::path(post, path = "/hits/{id}/notes", tag = "console",
    params(("id" = i64, Path, description = "The hit's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Noted: back to the hit"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such hit for this purpose", content_type = "text/html"),
    ))]
pub async fn note(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Form(fields): Form<NoteFields>,
) -> Response {
    let request = NoteRequest { text: fields.text };
    match super::note(&state, &current, id, &request, OffsetDateTime::now_utc()).await {
        Ok(_) => see_other(format!("/hits/{id}")),
        Err(problem) => problem_page(problem),
    }
}

/// Records a disposition of a hit.
#[utoipa::path(post, path = "/hits/{id}/disposition", tag = "console",
    params(("id" = i64, Path, description = "The hit's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Recorded: back to the hit"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such hit for this purpose", content_type = "text/html"),
    ))]
pub async fn dispose(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Form(fields): Form<DispositionFields>,
) -> Response {
    let request = DispositionRequest {
        disposition: fields.disposition,
        note: fields.note,
    };
    match super::dispose(&state, &current, id, &request, OffsetDateTime::now_utc()).await {
        Ok(_) => see_other(format!("/hits/{id}")),
        Err(problem) => problem_page(problem),
    }
}

/// Cases of the session's purpose, and a form to open one.
#[utoipa::path(get, path = "/cases", tag = "console",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of cases", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid query", content_type = "text/html"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
    ))]
pub async fn cases(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Response {
    match super::case_page(&state, &current, query.after.as_deref(), query.limit).await {
        Ok(page) => render(
            &CasesPage {
                who: Some(who(&current, &headers)),
                page,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}

/// Opens a case.
#[utoipa::path(post, path = "/cases", tag = "console",
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Opened: on to the case"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed, or CSRF token missing", content_type = "text/html"),
    ))]
pub async fn create_case(
    State(state): State<AppState>,
    current: Current,
    Form(fields): Form<CaseFields>,
) -> Response {
    let request = CaseRequest {
        title: fields.title,
    };
    match super::create_case(&state, &current, &request, OffsetDateTime::now_utc()).await {
        Ok(case) => see_other(format!("/cases/{}", case.id)),
        Err(problem) => problem_page(problem),
    }
}

/// A case and what it groups, with a form to add to it.
#[utoipa::path(get, path = "/cases/{id}", tag = "console",
    params(("id" = i64, Path, description = "The case's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The case", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", content_type = "text/html"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
        (status = 404, description = "No such case for this purpose", content_type = "text/html"),
    ))]
pub async fn case(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match super::case_detail(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(detail) => render(
            &CasePage {
                who: Some(who(&current, &headers)),
                detail,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}

/// Adds a hit, traveller or booking to a case.
#[utoipa::path(post, path = "/cases/{id}/items", tag = "console",
    params(("id" = i64, Path, description = "The case's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Added: back to the case"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such case for this purpose", content_type = "text/html"),
    ))]
pub async fn add_case_member(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Form(fields): Form<CaseMemberFields>,
) -> Response {
    let result = async {
        let request = CaseMemberRequest {
            kind: fields.kind,
            id: number("id", &fields.id)?,
        };
        super::add_case_member(&state, &current, id, &request, OffsetDateTime::now_utc()).await
    }
    .await;
    match result {
        Ok(_) => see_other(format!("/cases/{id}")),
        Err(problem) => problem_page(problem),
    }
}

/// Referrals the user may see.
#[utoipa::path(get, path = "/referrals", tag = "console",
    params(ReferralQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of referrals", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid query", content_type = "text/html"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
    ))]
pub async fn referrals(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<ReferralQuery>,
) -> Response {
    match super::referral_page(&state, &current, &query, OffsetDateTime::now_utc()).await {
        Ok(page) => render(
            &ReferralsPage {
                who: Some(who(&current, &headers)),
                page,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}

/// Asks for a referral of one hit reviewed relevant.
#[utoipa::path(post, path = "/referrals", tag = "console",
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Requested: on to the referral"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such hit for this purpose", content_type = "text/html"),
        (status = 409, description = "The hit is not reviewed relevant", content_type = "text/html"),
    ))]
pub async fn request_referral(
    State(state): State<AppState>,
    current: Current,
    Form(fields): Form<ReferralFields>,
) -> Response {
    let result = async {
        let request = ReferralRequestBody {
            agency: fields.agency,
            reason: fields.reason,
            hits: vec![number("hit", &fields.hit)?],
            case: optional_number("case", &fields.case)?,
        };
        super::request_referral(&state, &current, &request, OffsetDateTime::now_utc()).await
    }
    .await;
    match result {
        Ok(referral) => see_other(format!("/referrals/{}", referral.id)),
        Err(problem) => problem_page(problem),
    }
}

/// A referral as a printable page: what is shared, with whom, why, who
/// asked and who approved; the decision form for a supervisor who did not ask.
#[utoipa::path(get, path = "/referrals/{id}", tag = "console",
    params(("id" = i64, Path, description = "The referral's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The referral", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", content_type = "text/html"),
        (status = 403, description = "Not allowed", content_type = "text/html"),
        (status = 404, description = "No such referral for this user", content_type = "text/html"),
    ))]
pub async fn referral(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match super::referral(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(referral) => {
            let can_decide = referral.state == "requested"
                && current.principal.role == Role::Supervisor
                && referral.requested_by != current.username;
            render(
                &ReferralPage {
                    who: Some(who(&current, &headers)),
                    referral,
                    can_decide,
                },
                StatusCode::OK,
            )
        }
        Err(problem) => problem_page(problem),
    }
}

/// Approves or refuses a referral.
#[utoipa::path(post, path = "/referrals/{id}/decision", tag = "console",
    params(("id" = i64, Path, description = "The referral's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 303, description = "Decided: back to the referral"),
        (status = 400, description = "Invalid form", content_type = "text/html"),
        (status = 403, description = "Not allowed (own request, role), or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such referral for this user", content_type = "text/html"),
        (status = 409, description = "Decided already", content_type = "text/html"),
    ))]
pub async fn decide(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Form(fields): Form<DecisionFields>,
) -> Response {
    let request = DecisionRequest {
        decision: fields.decision,
        note: fields.note,
    };
    match super::decide(&state, &current, id, &request, OffsetDateTime::now_utc()).await {
        Ok(_) => see_other(format!("/referrals/{id}")),
        Err(problem) => problem_page(problem),
    }
}
