//! The people pages of the console: a traveller, a booking, and the search
//! form with its results.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use time::OffsetDateTime;

use super::search::{self, SearchItem, SearchQuery};
use super::{BookingDetail, TravellerDetail};
use crate::console::{Who, problem_page, render, who};
use crate::extract::{Id, Query};
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "traveller.html")]
struct TravellerPage {
    who: Option<Who>,
    detail: TravellerDetail,
}

#[derive(Template)]
#[template(path = "booking.html")]
struct BookingPage {
    who: Option<Who>,
    detail: BookingDetail,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    who: Option<Who>,
    q: String,
    reason: String,
    /// `None` before a search is made.
    results: Option<Page<SearchItem>>,
}

/// One traveller and what the session's purpose allows around them.
#[utoipa::path(get, path = "/travellers/{id}", tag = "console",
    params(("id" = i64, Path, description = "The traveller record's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The traveller", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role or the session's purpose may not see this traveller", content_type = "text/html"),
        (status = 404, description = "No such traveller", content_type = "text/html"),
    ))]
pub async fn traveller(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match super::traveller_detail(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(Some(detail)) => render(
            &TravellerPage {
                who: Some(who(&current, &headers)),
                detail,
            },
            StatusCode::OK,
        ),
        Ok(None) => problem_page(Problem::not_found(format!("there is no traveller {id}"))),
        Err(problem) => problem_page(problem),
    }
}

/// One booking: versions, flights and travellers.
#[utoipa::path(get, path = "/bookings/{id}", tag = "console",
    params(("id" = i64, Path, description = "The booking's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The booking", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role or the session's purpose may not see bookings", content_type = "text/html"),
        (status = 404, description = "No such booking", content_type = "text/html"),
    ))]
pub async fn booking(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match super::booking_detail(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(Some(detail)) => render(
            &BookingPage {
                who: Some(who(&current, &headers)),
                detail,
            },
            StatusCode::OK,
        ),
        Ok(None) => problem_page(Problem::not_found(format!("there is no booking {id}"))),
        Err(problem) => problem_page(problem),
    }
}

/// The search form. It shows no personal data; it is for those who may
/// view travellers, and the search itself (`/search/results`) asks for
/// `search` with the stated reason.
#[utoipa::path(get, path = "/search", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The search form", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 403, description = "The role may not view travellers", content_type = "text/html"),
    ))]
pub async fn search_form(current: Current, headers: HeaderMap) -> Response {
    render(
        &SearchPage {
            who: Some(who(&current, &headers)),
            q: String::new(),
            reason: String::new(),
            results: None,
        },
        StatusCode::OK,
    )
}

/// A search and its results, under the form filled in as sent.
#[utoipa::path(get, path = "/search/results", tag = "console",
    params(SearchQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of travellers found", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not search, or no reason was stated", content_type = "text/html"),
    ))]
pub async fn search_results(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<SearchQuery>,
) -> Response {
    match search::search(&state, &current, &query, OffsetDateTime::now_utc()).await {
        Ok(results) => render(
            &SearchPage {
                who: Some(who(&current, &headers)),
                q: query.q.clone().unwrap_or_default(),
                reason: query.reason.clone().unwrap_or_default(),
                results: Some(results),
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}
