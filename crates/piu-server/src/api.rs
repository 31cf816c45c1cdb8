//! The JSON API under `/api/v1`. Handlers are thin: the gate has found the
//! user and allowed the route's action; [`crate::data`] builds what is shown.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use piu_access::purpose_name;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use crate::data::{self, FlightDetail, FlightItem, HitItem, HitQuery, PageQuery};
use crate::extract::{Id, Json, Query};
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::{self, Credentials, Current};
use crate::state::AppState;

/// A sign-in: user name, password and the purpose of the session.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub username: String,
    pub password: String,
    /// `terrorism_serious_crime` or `border_migration`: one the account
    /// holds. Leave out for roles that hold none.
    pub purpose: Option<String>,
}

/// A new session. The session itself is in the `piu_session` cookie; send
/// `csrf_token` as `X-CSRF-Token` with every state-changing request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionBody {
    pub csrf_token: String,
    /// RFC 3339.
    pub expires_at: String,
    pub me: MeBody,
}

/// The signed-in user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeBody {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub agency: String,
    /// The purposes the account holds.
    pub purposes: Vec<String>,
    /// The purpose stated for this session.
    pub purpose: Option<String>,
}

fn me_body(current: &Current) -> MeBody {
    MeBody {
        user_id: current.user.0,
        username: current.username.clone(),
        display_name: current.display_name.clone(),
        role: current.principal.role.as_str().to_owned(),
        agency: current.principal.agency.as_str().to_owned(),
        purposes: current
            .principal
            .purposes
            .iter()
            .map(|purpose| purpose_name(*purpose).to_owned())
            .collect(),
        purpose: current
            .purpose
            .map(|purpose| purpose_name(purpose).to_owned()),
    }
}

/// Sign in.
#[utoipa::path(
    post, path = "/api/v1/session", tag = "session",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in; the session cookie is set", body = SessionBody),
        (status = 400, description = "Malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong user name or password", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account locked, or purpose not held", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    Json(request): Json<SignInRequest>,
) -> Result<Response, Problem> {
    let credentials = Credentials {
        username: &request.username,
        password: &request.password,
        purpose: request.purpose.as_deref(),
    };
    let signed_in = session::sign_in(&state, credentials, OffsetDateTime::now_utc())
        .await
        .map_err(|problem| problem.at("/api/v1/session"))?;
    let body = SessionBody {
        csrf_token: signed_in.csrf_token.clone(),
        expires_at: signed_in
            .current
            .expires_at
            .format(&Rfc3339)
            .unwrap_or_default(),
        me: me_body(&signed_in.current),
    };
    let mut response = (StatusCode::CREATED, axum::Json(body)).into_response();
    for cookie in session::session_cookies(&state, &signed_in) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Sign out: ends the session.
#[utoipa::path(
    delete, path = "/api/v1/session", tag = "session",
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "CSRF token missing or wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    current: Current,
) -> Result<Response, Problem> {
    session::sign_out(&state, &current).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    for cookie in session::cleared_cookies(&state) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// The signed-in user and the session's purpose.
#[utoipa::path(
    get, path = "/api/v1/me", tag = "session",
    security(("session" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = MeBody),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(current: Current) -> axum::Json<MeBody> {
    axum::Json(me_body(&current))
}

/// Flights, newest first.
#[utoipa::path(
    get, path = "/api/v1/flights", tag = "flights",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of flights", body = Page<FlightItem>),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view flights", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn flights(
    State(state): State<AppState>,
    current: Current,
    Query(query): Query<PageQuery>,
) -> Result<axum::Json<Page<FlightItem>>, Problem> {
    Ok(axum::Json(
        data::flight_page(&state, &current, &query).await?,
    ))
}

/// One flight with the travellers the session's purpose allows.
#[utoipa::path(
    get, path = "/api/v1/flights/{id}", tag = "flights",
    params(("id" = i64, Path, description = "The flight's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The flight, its travellers and what was withheld", body = FlightDetail),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view flights", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such flight", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn flight(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<FlightDetail>, Problem> {
    let detail = data::flight_detail(&state, &current, id, OffsetDateTime::now_utc()).await?;
    detail
        .map(axum::Json)
        .ok_or_else(|| Problem::not_found(format!("there is no flight {id}")))
}

/// The review queue: hits for the session's purpose, newest first.
#[utoipa::path(
    get, path = "/api/v1/hits", tag = "hits",
    params(HitQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of hits", body = Page<HitItem>),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view hits", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn hits(
    State(state): State<AppState>,
    current: Current,
    Query(query): Query<HitQuery>,
) -> Result<axum::Json<Page<HitItem>>, Problem> {
    let page = data::hit_page(&state, &current, &query, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(page))
}
