//! The console: server-rendered HTML pages for people, plain forms and
//! tables that work with a keyboard and without scripts. Pages show what
//! [`crate::data`] builds for the API, so both say the same.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use piu_access::{Action, purpose_name, role_permits, token_matches};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::data::{self, FlightDetail, FlightItem, HitItem, HitQuery, PageQuery};
use crate::extract::{Form, Id, Query};
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::{self, CSRF_COOKIE, Credentials, Current};
use crate::state::AppState;

/// The signed-in user as the page header shows them.
pub struct Who {
    pub display_name: String,
    pub role: &'static str,
    pub agency: &'static str,
    pub purpose: Option<&'static str>,
    /// For the sign-out form (and any other form).
    pub csrf_token: String,
    pub can_flights: bool,
    pub can_hits: bool,
    // -- review, cases and referrals --
    pub can_cases: bool,
    pub can_referrals: bool,
    pub can_audit: bool,
    pub can_search: bool,
    // -- watchlists, criteria and charts --
    pub can_watchlists: bool,
    pub can_criteria: bool,
    pub can_charts: bool,
}

pub(crate) fn who(current: &Current, headers: &HeaderMap) -> Who {
    // The token comes from the browser's own cookie; it is put in forms only
    // if it is this session's.
    let csrf_token = session::cookie(headers, CSRF_COOKIE)
        .filter(|token| token_matches(token, &current.csrf_hash))
        .unwrap_or_default()
        .to_owned();
    let role = current.principal.role;
    Who {
        display_name: current.display_name.clone(),
        role: role.as_str(),
        agency: current.principal.agency.as_str(),
        purpose: current.purpose.map(purpose_name),
        csrf_token,
        can_flights: role_permits(role, Action::ViewFlight),
        can_hits: role_permits(role, Action::ViewHits),
        // -- review, cases and referrals --
        can_cases: role_permits(role, Action::ManageCase),
        can_referrals: role_permits(role, Action::ViewReferral),
        can_audit: role_permits(role, Action::ViewAudit),
        can_search: role_permits(role, Action::Search),
        // -- watchlists, criteria and charts --
        can_watchlists: role_permits(role, Action::ManageWatchlist),
        can_criteria: role_permits(role, Action::BacktestCriteria),
        can_charts: role_permits(role, Action::ViewCharts),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    who: Option<Who>,
    message: Option<String>,
    username: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    who: Option<Who>,
    /// What waits for the user, if their role reviews or receives referrals.
    work: Option<piu_store::ReviewCounts>,
    is_liaison: bool,
}

#[derive(Template)]
#[template(path = "flights.html")]
struct FlightsPage {
    who: Option<Who>,
    page: Page<FlightItem>,
}

#[derive(Template)]
#[template(path = "flight.html")]
struct FlightPage {
    who: Option<Who>,
    detail: FlightDetail,
}

#[derive(Template)]
#[template(path = "hits.html")]
struct HitsPage {
    who: Option<Who>,
    page: Page<HitItem>,
    /// Each severity and whether the filter has it.
    severities: Vec<(&'static str, bool)>,
    filter_state: String,
    filter_severity: String,
    filter_agency: String,
}

#[derive(Template)]
#[template(path = "problem.html")]
struct ProblemPage {
    who: Option<Who>,
    problem: Problem,
}

pub(crate) fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => Problem::internal().into_response(),
    }
}

/// A refusal or failure as a page, with its status.
pub fn problem_page(problem: Problem) -> Response {
    let status = problem.status_code();
    render(&ProblemPage { who: None, problem }, status)
}

/// A sign-in form as posted.
#[derive(Debug, Deserialize)]
pub struct SignInFields {
    username: String,
    password: String,
    #[serde(default)]
    purpose: String,
}

/// The sign-in page.
#[utoipa::path(get, path = "/login", tag = "console",
    responses((status = 200, description = "The sign-in form", content_type = "text/html")))]
pub async fn sign_in_page() -> Response {
    render(
        &LoginPage {
            who: None,
            message: None,
            username: String::new(),
        },
        StatusCode::OK,
    )
}

/// Sign in from the form: to the dashboard, or back to the form with why.
#[utoipa::path(post, path = "/login", tag = "console",
    responses(
        (status = 303, description = "Signed in; on to the dashboard"),
        (status = 400, description = "Malformed form", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong user name or password", content_type = "text/html"),
        (status = 403, description = "Account locked, or purpose not held", content_type = "text/html"),
    ))]
pub async fn sign_in_form(
    State(state): State<AppState>,
    Form(fields): Form<SignInFields>,
) -> Response {
    let credentials = Credentials {
        username: &fields.username,
        password: &fields.password,
        purpose: Some(fields.purpose.as_str()),
    };
    match session::sign_in(&state, credentials, OffsetDateTime::now_utc()).await {
        Ok(signed_in) => {
            let mut response = Redirect::to("/").into_response();
            for cookie in session::session_cookies(&state, &signed_in) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(problem) => render(
            &LoginPage {
                who: None,
                message: Some(problem.detail.clone()),
                username: fields.username,
            },
            problem.status_code(),
        ),
    }
}

/// Sign out, back to the sign-in page.
#[utoipa::path(post, path = "/logout", tag = "console",
    security(("session" = [])),
    responses(
        (status = 303, description = "Signed out; on to the sign-in page"),
        (status = 403, description = "CSRF token missing or wrong", content_type = "text/html"),
    ))]
pub async fn sign_out_form(State(state): State<AppState>, current: Current) -> Response {
    if let Err(problem) = session::sign_out(&state, &current).await {
        return problem_page(problem);
    }
    let mut response = Redirect::to("/login").into_response();
    for cookie in session::cleared_cookies(&state) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The dashboard: what waits for the user, and where their role may go.
#[utoipa::path(get, path = "/", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The dashboard", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
    ))]
pub async fn dashboard(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
) -> Response {
    let work = match crate::review::work_summary(&state, &current).await {
        Ok(work) => work,
        Err(problem) => return problem_page(problem),
    };
    render(
        &DashboardPage {
            who: Some(who(&current, &headers)),
            work,
            is_liaison: current.principal.role == piu_access::Role::Liaison,
        },
        StatusCode::OK,
    )
}

/// Flights, newest first.
#[utoipa::path(get, path = "/flights", tag = "console",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of flights", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view flights", content_type = "text/html"),
    ))]
pub async fn flights(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Response {
    match data::flight_page(&state, &current, &query).await {
        Ok(page) => render(
            &FlightsPage {
                who: Some(who(&current, &headers)),
                page,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}

/// One flight with the travellers the session's purpose allows.
#[utoipa::path(get, path = "/flights/{id}", tag = "console",
    params(("id" = i64, Path, description = "The flight's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The flight and its travellers", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view flights", content_type = "text/html"),
        (status = 404, description = "No such flight", content_type = "text/html"),
    ))]
pub async fn flight(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match data::flight_detail(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(Some(detail)) => render(
            &FlightPage {
                who: Some(who(&current, &headers)),
                detail,
            },
            StatusCode::OK,
        ),
        Ok(None) => problem_page(Problem::not_found(format!("there is no flight {id}"))),
        Err(problem) => problem_page(problem),
    }
}

/// The review queue with its filters.
#[utoipa::path(get, path = "/hits", tag = "console",
    params(HitQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of hits", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view hits", content_type = "text/html"),
    ))]
pub async fn hits(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<HitQuery>,
) -> Response {
    match data::hit_page(&state, &current, &query, OffsetDateTime::now_utc()).await {
        Ok(page) => render(
            &HitsPage {
                who: Some(who(&current, &headers)),
                page,
                severities: ["low", "medium", "high", "critical"]
                    .into_iter()
                    .map(|severity| (severity, query.severity.as_deref() == Some(severity)))
                    .collect(),
                filter_state: query.state.clone().unwrap_or_default(),
                filter_severity: query.severity.clone().unwrap_or_default(),
                filter_agency: query.agency.clone().unwrap_or_default(),
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}
