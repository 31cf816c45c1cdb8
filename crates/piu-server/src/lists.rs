//! The watchlists view: which lists the server screens with, whose they are,
//! what they are for, how many entries each holds and how many rows their
//! import refused. No entry's personal data is shown, so nothing here is a
//! consultation.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

use crate::console::{Who, render, who};
use crate::session::Current;
use crate::state::AppState;

/// A watchlist as loaded at start. Counts only; the server never holds its
/// entries here.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ListInfo {
    /// The list's short stable name.
    pub name: String,
    pub owner_agency: String,
    /// Such as `terrorism`, `wanted`, `sanctions`, `lost-stolen-documents`.
    pub category: String,
    /// `low`, `medium`, `high` or `critical`.
    pub severity: String,
    /// `serious-crime` or `border-migration`.
    pub purpose: String,
    /// `YYYY-MM-DD`; none: without limit.
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    /// The list's content version.
    pub version: String,
    /// Persons on the list.
    pub persons: u64,
    /// Their names beyond the first (aliases).
    pub aliases: u64,
    /// Travel documents listed on their own (lost, stolen, invalid).
    pub documents: u64,
    /// The file the entries were read from.
    pub source: String,
    /// When it was loaded, RFC 3339.
    pub loaded_at: String,
    /// Rows of the file the import refused, each reported when it was loaded.
    pub refused: u64,
    /// Rows imported with a warning.
    pub warnings: u64,
}

/// The lists screening uses.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Watchlists {
    pub lists: Vec<ListInfo>,
}

/// The watchlists the server screens with.
#[utoipa::path(
    get, path = "/api/v1/watchlists", tag = "watchlists",
    security(("session" = [])),
    responses(
        (status = 200, description = "The lists loaded at start, with their counts", body = Watchlists),
        (status = 401, description = "No valid session", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage watchlists", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn api_watchlists(State(state): State<AppState>) -> axum::Json<Watchlists> {
    axum::Json(Watchlists {
        lists: state.watchlists().to_vec(),
    })
}

#[derive(Template)]
#[template(path = "watchlists.html")]
struct WatchlistsPage<'a> {
    who: Option<Who>,
    lists: &'a [ListInfo],
}

/// The watchlists the server screens with.
#[utoipa::path(get, path = "/watchlists", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The lists loaded at start", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 403, description = "The role may not manage watchlists", content_type = "text/html"),
    ))]
pub async fn watchlists_page(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
) -> Response {
    render(
        &WatchlistsPage {
            who: Some(who(&current, &headers)),
            lists: state.watchlists(),
        },
        StatusCode::OK,
    )
}
