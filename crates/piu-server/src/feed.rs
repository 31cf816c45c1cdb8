//! The live hit feed: new hits for the session's purpose as server-sent
//! events (`event: hit`, `id:` the hit's id, the [`HitItem`] as JSON data),
//! and a console page that follows the newest hits without scripts.
//!
//! The feed polls the store every [`POLL`] for hits after the last one sent,
//! with the same purpose and source limits as the hit queue. It starts after
//! the newest hit, or after `Last-Event-ID` when a client reconnects. Each
//! batch sent is recorded as a consultation before it is sent; the session
//! is looked up again before every poll, so signing out or a changed
//! account ends the stream. `once=true` sends what is pending and closes:
//! for clients that poll instead of holding a connection.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use piu_access::{Action, DataKind};
use piu_store::{AuditObject, HitFilter, HitId, RecordSource};
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::IntoParams;

use crate::access::permits;
use crate::audit::consultation;
use crate::console::{Who, problem_page, render, who};
use crate::data::{self, HitItem, HitQuery, model_purpose_name};
use crate::extract::Query;
use crate::paging::Page;
use crate::problem::Problem;
use crate::session::{self, Current};
use crate::state::AppState;

/// How often the store is asked for new hits.
pub const POLL: Duration = Duration::from_secs(2);
/// Most hits sent per poll; more pending are fetched at once after them.
const BATCH: u32 = 100;
/// A comment line this often keeps proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Hits the console page shows.
const LIVE_PAGE: u32 = 20;
/// Seconds between reloads of the console page.
const LIVE_REFRESH_SECONDS: u32 = 10;

/// Options of the feed.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// `true`: send the hits pending (after `Last-Event-ID`) and close,
    /// instead of streaming.
    pub once: Option<bool>,
}

/// The hits a session's feed carries; `None` for a session without a
/// purpose, or one no longer allowed to view hits.
fn feed_filter(current: &Current) -> Option<HitFilter<'static>> {
    let purpose = current.purpose?;
    if !permits(current, Action::ViewHits, Some(DataKind::Api)) {
        return None;
    }
    let source =
        (!permits(current, Action::ViewHits, Some(DataKind::Pnr))).then_some(RecordSource::Api);
    Some(HitFilter {
        purpose: Some(model_purpose_name(purpose)),
        source,
        ..HitFilter::default()
    })
}

/// The `Last-Event-ID` a reconnecting client sends; a bad one is a 400.
fn last_event_id(headers: &HeaderMap) -> Result<Option<i64>, Problem> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default().trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(id) if id >= 0 => Ok(Some(id)),
        _ => Err(Problem::bad_request(
            "Last-Event-ID must be the id of a hit this feed sent",
        )),
    }
}

/// One open feed.
struct Feed {
    state: AppState,
    current: Current,
    /// The request's cookies, to look the session up again before each poll.
    cookies: HeaderMap,
    last: HitId,
    pending: VecDeque<Event>,
    once: bool,
    polled: bool,
    /// Whether the last poll filled its batch: more may be waiting.
    full: bool,
}

impl Feed {
    /// The next event, waiting for one; `None` ends the stream.
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Feed)> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some((Ok(event), self));
            }
            if self.polled && self.once && !self.full {
                return None;
            }
            if self.polled && !self.full {
                tokio::time::sleep(POLL).await;
            }
            if let Err(problem) = self.poll().await {
                if problem.status >= 500 {
                    eprintln!("piu-server: hit feed ended: {}", problem.detail);
                }
                return None;
            }
        }
    }

    /// Fetches the next batch, records it as consulted and queues it.
    async fn poll(&mut self) -> Result<(), Problem> {
        let now = OffsetDateTime::now_utc();
        let Some(current) = session::current(&self.state, &self.cookies, now).await? else {
            return Err(Problem::unauthenticated());
        };
        self.current = current;
        let Some(filter) = feed_filter(&self.current) else {
            return Err(Problem::denied(
                "role_not_permitted",
                "this session may no longer view hits",
            ));
        };
        let hits = self
            .state
            .store()
            .hits_after(&filter, self.last, BATCH)
            .await?;
        self.polled = true;
        self.full = hits.len() >= BATCH as usize;
        if hits.is_empty() {
            return Ok(());
        }
        let ids = hits.iter().map(|hit| hit.id.0.to_string()).collect();
        consultation(&self.state, &self.current, AuditObject::Hit, ids, now).await?;
        for hit in hits {
            self.last = hit.id;
            let id = hit.id.0.to_string();
            let event = Event::default()
                .event("hit")
                .id(id)
                .json_data(HitItem::from(hit))
                .map_err(|_| Problem::internal())?;
            self.pending.push_back(event);
        }
        Ok(())
    }
}

/// New hits for the session's purpose as server-sent events.
#[utoipa::path(
    get, path = "/api/v1/hits/feed", tag = "hits",
    params(
        FeedQuery,
        ("Last-Event-ID" = Option<i64>, Header, description = "Resume after this hit"),
    ),
    security(("session" = [])),
    responses(
        (status = 200, description = "A stream of `hit` events (the HitItem as JSON, `id` the hit's id) and keep-alive comments", content_type = "text/event-stream"),
        (status = 400, description = "Invalid query or Last-Event-ID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view hits", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn feed(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Query(query): Query<FeedQuery>,
) -> Result<Response, Problem> {
    let start = match last_event_id(&headers)? {
        Some(id) => HitId(id),
        None => state.store().newest_hit().await?.unwrap_or(HitId(0)),
    };
    let mut cookies = HeaderMap::new();
    for value in headers.get_all(header::COOKIE) {
        cookies.append(header::COOKIE, value.clone());
    }
    let feed = Feed {
        state,
        current,
        cookies,
        last: start,
        pending: VecDeque::new(),
        once: query.once.unwrap_or(false),
        polled: false,
        full: false,
    };
    let stream = futures_util::stream::unfold(feed, Feed::next);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    // Proxies that buffer would hold the events back.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

#[derive(Template)]
#[template(path = "hits_live.html")]
struct LivePage {
    who: Option<Who>,
    page: Page<HitItem>,
    refresh: u32,
}

/// The newest hits for the session's purpose, reloading itself: the
/// console runs no scripts, so it follows the feed by refreshing.
#[utoipa::path(get, path = "/hits/live", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The newest hits, reloaded every few seconds", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 403, description = "The role may not view hits", content_type = "text/html"),
    ))]
pub async fn live(State(state): State<AppState>, current: Current, headers: HeaderMap) -> Response {
    let query = HitQuery {
        limit: Some(LIVE_PAGE),
        ..HitQuery::default()
    };
    match data::hit_page(&state, &current, &query, OffsetDateTime::now_utc()).await {
        Ok(page) => render(
            &LivePage {
                who: Some(who(&current, &headers)),
                page,
                refresh: LIVE_REFRESH_SECONDS,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}
