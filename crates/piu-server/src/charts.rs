//! Charts of the workspace, drawn as SVG by this module (no script, no chart
//! library): hits raised per day over the last 30 days, travellers per route
//! (the 15 busiest origin–destination pairs), and the review backlog (open
//! hits by severity and age). Aggregates only: no person is in them, so
//! showing them is no consultation. Each chart has a title and description
//! for screen readers, and the page shows its figures as tables too.

use std::fmt::Write as _;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use piu_store::{BacklogCell, RouteTraffic};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime};
use utoipa::ToSchema;

use crate::console::{Who, problem_page, render, who};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Days the hits chart covers, today included.
pub const DAYS: usize = 30;
/// Routes the traffic chart shows.
pub const TOP_ROUTES: u32 = 15;
/// The backlog's age bands, youngest first, and the ages dividing them.
pub const BANDS: [&str; 4] = ["under 1 day", "1 to 3 days", "3 to 7 days", "over 7 days"];
const BOUNDS: [Duration; 3] = [Duration::days(1), Duration::days(3), Duration::days(7)];
const SEVERITIES: [&str; 4] = ["critical", "high", "medium", "low"];

/// Hits raised on one day (UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DayHits {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub hits: u64,
}

/// Traveller records on the flights of one route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RouteItem {
    pub origin: String,
    /// None while no message named it.
    pub destination: Option<String>,
    /// From API (PAXLST) and from PNR records.
    pub api: u64,
    pub pnr: u64,
}

/// Open hits of one severity, per age band (in the order of `bands`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BacklogRow {
    pub severity: String,
    pub counts: Vec<u64>,
    pub total: u64,
}

/// The figures behind the charts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Charts {
    /// RFC 3339: the moment the figures are for.
    pub at: String,
    /// The last 30 days, oldest first, days without hits included.
    pub hits_per_day: Vec<DayHits>,
    /// The 15 routes with the most traveller records, most first.
    pub routes: Vec<RouteItem>,
    /// The age bands of the backlog.
    pub bands: Vec<String>,
    /// Open hits, most severe first.
    pub backlog: Vec<BacklogRow>,
}

/// The figures at `now`.
pub async fn figures(state: &AppState, now: OffsetDateTime) -> Result<Charts, Problem> {
    let store = state.store();
    let first = now.date() - Duration::days(DAYS as i64 - 1);
    let since = first.midnight().assume_utc();
    let per_day = store.hits_per_day(since).await?;
    let routes = store.route_traffic(TOP_ROUTES).await?;
    let cells = store.open_hit_backlog(now, BOUNDS).await?;
    Ok(Charts {
        at: now.format(&Rfc3339).unwrap_or_default(),
        hits_per_day: days(first, &per_day),
        routes: routes.into_iter().map(route_item).collect(),
        bands: BANDS.iter().map(|band| (*band).to_owned()).collect(),
        backlog: backlog(&cells),
    })
}

/// Every day from `first` on, for [`DAYS`] days, with its count.
fn days(first: Date, per_day: &[(i64, u64)]) -> Vec<DayHits> {
    let epoch = Date::from_ordinal_date(1970, 1).unwrap_or(Date::MIN);
    (0..DAYS as i64)
        .map(|offset| {
            let date = first + Duration::days(offset);
            let number = (date - epoch).whole_days();
            let hits = per_day
                .iter()
                .filter(|(day, _)| *day == number)
                .map(|(_, hits)| hits)
                .sum();
            DayHits {
                date: date.to_string(),
                hits,
            }
        })
        .collect()
}

fn route_item(route: RouteTraffic) -> RouteItem {
    RouteItem {
        origin: route.origin,
        destination: route.destination,
        api: route.api,
        pnr: route.pnr,
    }
}

/// A row per severity, the four known ones always, most severe first; any
/// other stored severity after them.
fn backlog(cells: &[BacklogCell]) -> Vec<BacklogRow> {
    let mut names: Vec<String> = SEVERITIES.iter().map(|name| (*name).to_owned()).collect();
    for cell in cells {
        if !names.contains(&cell.severity) {
            names.push(cell.severity.clone());
        }
    }
    names
        .into_iter()
        .map(|severity| {
            let mut counts = vec![0; BANDS.len()];
            for cell in cells.iter().filter(|cell| cell.severity == severity) {
                if let Some(count) = counts.get_mut(cell.band.min(BANDS.len() - 1)) {
                    *count += cell.count;
                }
            }
            BacklogRow {
                total: counts.iter().sum(),
                severity,
                counts,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Drawing.

const WIDTH: u32 = 720;
const API_COLOUR: &str = "#12355b";
const PNR_COLOUR: &str = "#e08a00";
const BAND_COLOURS: [&str; 4] = ["#9ecae1", "#4292c6", "#08519c", "#08306b"];

/// Text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The opening of a chart: size, role, title and description.
fn open(id: &str, height: u32, title: &str, desc: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"system-ui, sans-serif\" font-size=\"12\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    )
}

/// A length in pixels for `value` of `max` over `span` pixels.
fn scale(value: u64, max: u64, span: u32) -> u32 {
    if max == 0 {
        return 0;
    }
    ((value as f64 / max as f64) * f64::from(span)).round() as u32
}

/// Hits per day as vertical bars, oldest on the left.
pub fn hits_svg(days: &[DayHits]) -> String {
    let (height, top, bottom, left) = (240u32, 20u32, 40u32, 40u32);
    let plot = height - top - bottom;
    let max = days.iter().map(|day| day.hits).max().unwrap_or(0);
    let total: u64 = days.iter().map(|day| day.hits).sum();
    let busiest = days
        .iter()
        .filter(|day| day.hits > 0)
        .max_by_key(|day| day.hits);
    let desc = match (days.first(), days.last(), busiest) {
        (Some(first), Some(last), Some(busiest)) => format!(
            "{total} hits from {} to {}; the most, {}, on {}.",
            first.date, last.date, busiest.hits, busiest.date
        ),
        (Some(first), Some(last), None) => {
            format!("No hits from {} to {}.", first.date, last.date)
        }
        _ => "No days.".to_owned(),
    };
    let mut svg = open("hits", height, "Hits per day, last 30 days", &desc);
    let step = (WIDTH - left - 10) / (days.len().max(1) as u32);
    let base = top + plot;
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#555\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text>\
         <text x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>",
        WIDTH - 10,
        left - 4,
        top + 4,
        left - 4
    );
    for (index, day) in days.iter().enumerate() {
        let x = left + index as u32 * step;
        let bar = scale(day.hits, max, plot);
        let _ = write!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bar}\" fill=\"{API_COLOUR}\">\
             <title>{}: {}</title></rect>",
            x + 1,
            base - bar,
            step.saturating_sub(2).max(1),
            escape(&day.date),
            day.hits
        );
        if index % 5 == 0 || index + 1 == days.len() {
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + step / 2,
                base + 16,
                escape(day.date.get(5..).unwrap_or(&day.date))
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn route_name(route: &RouteItem) -> String {
    format!(
        "{}–{}",
        route.origin,
        route.destination.as_deref().unwrap_or("?")
    )
}

/// Travellers per route as horizontal bars, API and PNR records stacked.
pub fn routes_svg(routes: &[RouteItem]) -> String {
    let (row, top, left) = (22u32, 30u32, 110u32);
    let height = top + row * routes.len().max(1) as u32 + 10;
    let span = WIDTH - left - 60;
    let max = routes
        .iter()
        .map(|route| route.api + route.pnr)
        .max()
        .unwrap_or(0);
    let desc = match routes.first() {
        Some(first) => format!(
            "{} routes; the busiest, {}, with {} API and {} PNR traveller records.",
            routes.len(),
            route_name(first),
            first.api,
            first.pnr
        ),
        None => "No travellers stored yet.".to_owned(),
    };
    let mut svg = open("routes", height, "Travellers per route, top 15", &desc);
    let _ = write!(
        svg,
        "<rect x=\"{left}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{API_COLOUR}\"/>\
         <text x=\"{}\" y=\"16\">API</text>\
         <rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{PNR_COLOUR}\"/>\
         <text x=\"{}\" y=\"16\">PNR</text>",
        left + 16,
        left + 60,
        left + 76
    );
    for (index, route) in routes.iter().enumerate() {
        let y = top + index as u32 * row;
        let api = scale(route.api, max, span);
        let pnr = scale(route.pnr, max, span);
        let name = escape(&route_name(route));
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{name}</text>\
             <rect x=\"{left}\" y=\"{y}\" width=\"{api}\" height=\"{}\" fill=\"{API_COLOUR}\">\
             <title>{name}: {} API</title></rect>\
             <rect x=\"{}\" y=\"{y}\" width=\"{pnr}\" height=\"{}\" fill=\"{PNR_COLOUR}\">\
             <title>{name}: {} PNR</title></rect>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            left - 6,
            y + 14,
            row - 6,
            route.api,
            left + api,
            row - 6,
            route.pnr,
            left + api + pnr + 4,
            y + 14,
            route.api + route.pnr
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Open hits per severity as horizontal bars, stacked by age band.
pub fn backlog_svg(rows: &[BacklogRow]) -> String {
    let (row, top, left) = (26u32, 30u32, 80u32);
    let height = top + row * rows.len().max(1) as u32 + 10;
    let span = WIDTH - left - 60;
    let max = rows.iter().map(|row| row.total).max().unwrap_or(0);
    let total: u64 = rows.iter().map(|row| row.total).sum();
    let oldest: u64 = rows
        .iter()
        .filter_map(|row| row.counts.last())
        .copied()
        .sum();
    let desc = format!(
        "{total} open hits; {oldest} of them {}. {}.",
        BANDS[BANDS.len() - 1],
        rows.iter()
            .map(|row| format!("{}: {}", row.severity, row.total))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut svg = open(
        "backlog",
        height,
        "Review backlog by severity and age",
        &desc,
    );
    let mut x = left;
    for (band, colour) in BANDS.iter().zip(BAND_COLOURS) {
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"16\">{}</text>",
            x + 16,
            escape(band)
        );
        x += 130;
    }
    for (index, backlog) in rows.iter().enumerate() {
        let y = top + index as u32 * row;
        let severity = escape(&backlog.severity);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{severity}</text>",
            left - 6,
            y + 16
        );
        let mut x = left;
        for ((count, band), colour) in backlog.counts.iter().zip(BANDS).zip(BAND_COLOURS) {
            let width = scale(*count, max, span);
            if width > 0 {
                let _ = write!(
                    svg,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{}\" fill=\"{colour}\">\
                     <title>{severity}, {}: {count}</title></rect>",
                    row - 8,
                    escape(band)
                );
            }
            x += width;
        }
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            x + 4,
            y + 16,
            backlog.total
        );
    }
    svg.push_str("</svg>");
    svg
}

// ---------------------------------------------------------------------------
// Routes.

/// The figures behind the charts.
#[utoipa::path(
    get, path = "/api/v1/charts", tag = "charts",
    security(("session" = [])),
    responses(
        (status = 200, description = "Hits per day, travellers per route, the review backlog", body = Charts),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not view charts", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn api_charts(State(state): State<AppState>) -> Result<axum::Json<Charts>, Problem> {
    Ok(axum::Json(
        figures(&state, OffsetDateTime::now_utc()).await?,
    ))
}

#[derive(Template)]
#[template(path = "charts.html")]
struct ChartsPage {
    who: Option<Who>,
    charts: Charts,
    hits_svg: String,
    routes_svg: String,
    backlog_svg: String,
}

/// The three charts, each with its figures as a table.
#[utoipa::path(get, path = "/charts", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The charts as inline SVG with data tables", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 403, description = "The role may not view charts", content_type = "text/html"),
    ))]
pub async fn charts_page(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
) -> Response {
    match figures(&state, OffsetDateTime::now_utc()).await {
        Ok(charts) => render(
            &ChartsPage {
                who: Some(who(&current, &headers)),
                hits_svg: hits_svg(&charts.hits_per_day),
                routes_svg: routes_svg(&charts.routes),
                backlog_svg: backlog_svg(&charts.backlog),
                charts,
            },
            StatusCode::OK,
        ),
        Err(problem) => problem_page(problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn every_day_is_listed_and_counted_on_its_own_date() {
        let first = date!(2026 - 11 - 01);
        // 2026-11-01 is day 20393 since 1970-01-01.
        let epoch_day = (first - date!(1970 - 01 - 01)).whole_days();
        let listed = days(
            first,
            &[(epoch_day, 2), (epoch_day + 29, 5), (epoch_day + 30, 9)],
        );
        assert_eq!(listed.len(), DAYS);
        assert_eq!(
            listed[0],
            DayHits {
                date: "2026-11-01".into(),
                hits: 2
            }
        );
        assert_eq!(
            listed[29],
            DayHits {
                date: "2026-11-30".into(),
                hits: 5
            }
        );
        assert_eq!(listed.iter().map(|day| day.hits).sum::<u64>(), 7);
    }

    #[test]
    fn the_backlog_has_every_severity_and_sums_its_bands() {
        let cell = |severity: &str, band, count| BacklogCell {
            severity: severity.to_owned(),
            band,
            count,
        };
        let rows = backlog(&[cell("high", 0, 2), cell("high", 3, 1), cell("odd", 1, 4)]);
        let names: Vec<&str> = rows.iter().map(|row| row.severity.as_str()).collect();
        assert_eq!(names, ["critical", "high", "medium", "low", "odd"]);
        assert_eq!(rows[1].counts, [2, 0, 0, 1]);
        assert_eq!(rows[1].total, 3);
        assert_eq!(rows[4].counts, [0, 4, 0, 0]);
    }

    #[test]
    fn text_in_a_chart_is_escaped() {
        let svg = routes_svg(&[RouteItem {
            origin: "<A&".into(),
            destination: None,
            api: 1,
            pnr: 0,
        }]);
        assert!(svg.contains("&lt;A&amp;–?"));
        assert!(!svg.contains("<A&"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        assert_eq!(scale(5, 10, 100), 50);
        assert_eq!(scale(0, 0, 100), 0);
        assert_eq!(scale(10, 10, 100), 100);
    }
}
