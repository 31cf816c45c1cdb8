//! The people routes of the JSON API: a traveller, a booking, and search.

use axum::extract::State;
use time::OffsetDateTime;

use super::search::{self, SearchItem, SearchQuery};
use super::{BookingDetail, TravellerDetail};
use crate::extract::{Id, Query};
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// One traveller: their record (masked once depersonalised), flight,
/// booking, the linked record of the other kind, travel history and hits.
#[utoipa::path(
    get, path = "/api/v1/travellers/{id}", tag = "people",
    params(("id" = i64, Path, description = "The traveller record's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The traveller and what the session's purpose allows around them", body = TravellerDetail),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view travellers, or not this kind of data under the session's purpose", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such traveller", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn traveller(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<TravellerDetail>, Problem> {
    super::traveller_detail(&state, &current, id, OffsetDateTime::now_utc())
        .await?
        .map(axum::Json)
        .ok_or_else(|| Problem::not_found(format!("there is no traveller {id}")))
}

/// One booking (PNR data): versions, flights and travellers.
#[utoipa::path(
    get, path = "/api/v1/bookings/{id}", tag = "people",
    params(("id" = i64, Path, description = "The booking's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The booking", body = BookingDetail),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view bookings, or the session's purpose does not allow PNR data", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such booking", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn booking(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<BookingDetail>, Problem> {
    super::booking_detail(&state, &current, id, OffsetDateTime::now_utc())
        .await?
        .map(axum::Json)
        .ok_or_else(|| Problem::not_found(format!("there is no booking {id}")))
}

/// Search stored travellers by document number or name, for a stated
/// reason. Every search is recorded with its reason; PNR records are
/// searched only under `terrorism_serious_crime`. A page may hold fewer
/// items than `limit` and still have `next`: each request reads a bounded
/// number of records.
#[utoipa::path(
    get, path = "/api/v1/search", tag = "people",
    params(SearchQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of travellers found", body = Page<SearchItem>),
        (status = 400, description = "Invalid query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not search, or no reason was stated (code reason_required)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    current: Current,
    Query(query): Query<SearchQuery>,
) -> Result<axum::Json<Page<SearchItem>>, Problem> {
    let page = search::search(&state, &current, &query, OffsetDateTime::now_utc()).await?;
    Ok(axum::Json(page))
}
