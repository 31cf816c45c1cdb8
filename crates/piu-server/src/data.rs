//! What the API and the console show, built once for both: pages of
//! flights, one flight with the travellers the session may see, and the hit
//! queue. Personal data shown is recorded as a consultation here, so no
//! surface can show it unrecorded.

use std::collections::HashMap;

use piu_access::{Action, DataKind, Purpose};
use piu_model::Traveller;
use piu_store::{
    AuditObject, FlightId, FlightSummary, HitFilter, HitId, QueuedHit, RecordSource,
    TravellerRecord,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::access::permits;
use crate::audit::consultation;
use crate::paging::{Page, Paging};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// A flight in a list: its identity, schedule, status and counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlightItem {
    pub id: i64,
    /// Operating carrier (IATA code as sent).
    pub carrier: String,
    pub number: String,
    /// Scheduled local departure date, `YYYY-MM-DD`.
    pub departure_date: String,
    pub origin: String,
    pub destination: Option<String>,
    /// Local departure and arrival, `YYYY-MM-DDTHH:MM`, as sent.
    pub departure: Option<String>,
    pub arrival: Option<String>,
    /// `scheduled`, `closed` or `cancelled`.
    pub status: String,
    /// Travellers on API (PAXLST) records.
    pub api_travellers: u64,
    /// Travellers on PNR records.
    pub pnr_travellers: u64,
    pub hits: u64,
    pub open_hits: u64,
}

impl From<FlightSummary> for FlightItem {
    fn from(flight: FlightSummary) -> FlightItem {
        FlightItem {
            id: flight.id.0,
            carrier: flight.key.carrier,
            number: flight.key.number,
            departure_date: flight.key.departure_date,
            origin: flight.key.origin,
            destination: flight.facts.destination,
            departure: flight.facts.departure,
            arrival: flight.facts.arrival,
            status: flight.status.as_str().to_owned(),
            api_travellers: flight.api_travellers,
            pnr_travellers: flight.pnr_travellers,
            hits: flight.hits,
            open_hits: flight.open_hits,
        }
    }
}

/// A traveller of a flight as the session may see them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TravellerItem {
    pub id: i64,
    /// `api` or `pnr`: which records list this traveller.
    pub source: String,
    /// `listed`, `cancelled`, `boarded` or `not_boarded`.
    pub status: String,
    /// As sent: passenger, crew, …
    pub role: String,
    pub surname: Option<String>,
    pub given_names: Option<String>,
    /// `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    pub nationality: Option<String>,
    /// The first travel document: type and number.
    pub document: Option<String>,
    /// Whether the identifying data were masked (depersonalised).
    pub masked: bool,
    pub hits: u64,
}

/// Records of a flight the session was not shown, and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Withheld {
    /// `api` or `pnr`.
    pub source: String,
    pub count: u64,
    /// The access rule that withholds them (`purpose_not_allowed_for_data`, …).
    pub code: String,
}

/// One flight with its travellers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlightDetail {
    pub flight: FlightItem,
    pub travellers: Vec<TravellerItem>,
    pub withheld: Vec<Withheld>,
}

/// A hit in the review queue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HitItem {
    pub id: i64,
    pub traveller: i64,
    pub flight: i64,
    /// `api` or `pnr`: the records the hit was raised on.
    pub source: String,
    /// `watchlist`, `document` or `criterion`, as screening names it.
    pub kind: String,
    pub list: String,
    pub entry_id: String,
    pub score: f64,
    pub severity: String,
    /// The purpose of the list or criterion that raised it.
    pub purpose: String,
    /// The agency the list belongs to.
    pub target_agency: String,
    /// Review state: `open`, `not_relevant`, …
    pub state: String,
}

impl From<QueuedHit> for HitItem {
    fn from(hit: QueuedHit) -> HitItem {
        HitItem {
            id: hit.id.0,
            traveller: hit.traveller.0,
            flight: hit.flight.0,
            source: hit.source.as_str().to_owned(),
            kind: hit.kind,
            list: hit.list,
            entry_id: hit.entry_id,
            score: hit.score,
            severity: hit.severity,
            purpose: hit.purpose,
            target_agency: hit.target_agency,
            state: hit.state,
        }
    }
}

/// Paging of a list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
    /// The `next` of the previous page.
    pub after: Option<String>,
}

/// Filters and paging of the hit queue.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HitQuery {
    /// Review state, such as `open` or `not_relevant`.
    pub state: Option<String>,
    /// `low`, `medium`, `high` or `critical`.
    pub severity: Option<String>,
    /// The agency the list belongs to, such as `police`.
    pub agency: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
    /// The `next` of the previous page.
    pub after: Option<String>,
}

const SEVERITIES: [&str; 4] = ["low", "medium", "high", "critical"];

/// A page of flights, newest first, with the hits of the session's purpose
/// counted. Flights hold no personal data: no consultation is recorded.
pub async fn flight_page(
    state: &AppState,
    current: &Current,
    query: &PageQuery,
) -> Result<Page<FlightItem>, Problem> {
    let paging = Paging::read(query.limit, query.after.as_deref())?;
    let purpose = current.purpose.map(model_purpose_name);
    let rows = state
        .store()
        .flight_page(purpose, paging.after.map(FlightId), paging.fetch())
        .await?;
    Ok(paging.page(rows, |flight| flight.id.0, FlightItem::from))
}

/// One flight with the travellers the session may see; `None` if there is
/// no such flight. Each source of records is shown only if the access
/// decision allows viewing travellers of that kind of data under the
/// session's purpose; the travellers shown are recorded as consulted.
pub async fn flight_detail(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<Option<FlightDetail>, Problem> {
    let store = state.store();
    let purpose = current.purpose.map(model_purpose_name);
    let Some(summary) = store.flight_summary(FlightId(id), purpose).await? else {
        return Ok(None);
    };
    let hit_counts: HashMap<i64, u64> = store
        .hit_counts_of_flight(summary.id, purpose.unwrap_or(""))
        .await?
        .into_iter()
        .map(|(traveller, count)| (traveller.0, count))
        .collect();
    let mut travellers = Vec::new();
    let mut withheld = Vec::new();
    let records = store.travellers_of_flight(summary.id).await?;
    for (source, data) in [
        (RecordSource::Api, DataKind::Api),
        (RecordSource::Pnr, DataKind::Pnr),
    ] {
        let of_source: Vec<&TravellerRecord> = records
            .iter()
            .filter(|record| record.source == source)
            .collect();
        if of_source.is_empty() {
            continue;
        }
        if !permits(current, Action::ViewTraveller, Some(data)) {
            let code = withholding_code(current, data);
            withheld.push(Withheld {
                source: source.as_str().to_owned(),
                count: of_source.len() as u64,
                code: code.to_owned(),
            });
            continue;
        }
        travellers.extend(of_source.into_iter().map(|record| {
            traveller_item(record, hit_counts.get(&record.id.0).copied().unwrap_or(0))
        }));
    }
    if !travellers.is_empty() {
        let ids = travellers.iter().map(|item| item.id.to_string()).collect();
        consultation(state, current, AuditObject::Traveller, ids, now).await?;
    }
    Ok(Some(FlightDetail {
        flight: FlightItem::from(summary),
        travellers,
        withheld,
    }))
}

pub(crate) fn withholding_code(current: &Current, data: DataKind) -> &'static str {
    let context = piu_access::Context {
        data: Some(data),
        purpose: current.purpose,
        ..piu_access::Context::default()
    };
    piu_access::decide(&current.principal, Action::ViewTraveller, &context)
        .code()
        .map_or("denied", piu_access::DenialCode::as_str)
}

pub(crate) fn traveller_item(record: &TravellerRecord, hits: u64) -> TravellerItem {
    let personal: Option<Traveller> = record
        .personal
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    let document = personal.as_ref().and_then(|traveller| {
        traveller.documents.first().map(|document| {
            format!(
                "{} {}",
                document.kind.as_deref().unwrap_or("?"),
                document.number.as_deref().unwrap_or("?")
            )
        })
    });
    TravellerItem {
        id: record.id.0,
        source: record.source.as_str().to_owned(),
        status: record.status.as_str().to_owned(),
        role: record.role.clone(),
        surname: personal.as_ref().map(|traveller| traveller.surname.clone()),
        given_names: personal
            .as_ref()
            .map(|traveller| traveller.given_names.clone()),
        date_of_birth: personal
            .as_ref()
            .and_then(|traveller| traveller.date_of_birth)
            .map(|date| date.to_string()),
        nationality: personal
            .as_ref()
            .and_then(|traveller| traveller.nationality.clone()),
        document,
        masked: record.personal.is_none(),
        hits,
    }
}

/// A page of the hit queue: hits raised for the session's purpose only (a
/// hit from a serious-crime list is serious-crime processing), on PNR
/// records only where the purpose allows PNR data. The hits shown are
/// recorded as consulted.
pub async fn hit_page(
    state: &AppState,
    current: &Current,
    query: &HitQuery,
    now: OffsetDateTime,
) -> Result<Page<HitItem>, Problem> {
    let paging = Paging::read(query.limit, query.after.as_deref())?;
    let state_filter = checked_name("state", query.state.as_deref())?;
    let severity = checked_name("severity", query.severity.as_deref())?;
    if let Some(severity) = severity
        && !SEVERITIES.contains(&severity)
    {
        return Err(Problem::bad_request(format!(
            "severity must be one of {}, not {severity:?}",
            SEVERITIES.join(", ")
        )));
    }
    let agency = checked_name("agency", query.agency.as_deref())?;
    // The gate allowed view_hits under this purpose; a session without one
    // has nothing to see.
    let Some(purpose) = current.purpose else {
        return Ok(Page {
            items: Vec::new(),
            next: None,
        });
    };
    let purpose_text = model_purpose_name(purpose);
    let source =
        (!permits(current, Action::ViewHits, Some(DataKind::Pnr))).then_some(RecordSource::Api);
    let filter = HitFilter {
        state: state_filter,
        severity,
        target_agency: agency,
        purpose: Some(purpose_text),
        source,
    };
    let rows = state
        .store()
        .hit_queue(&filter, paging.after.map(HitId), paging.fetch())
        .await?;
    let page = paging.page(rows, |hit| hit.id.0, HitItem::from);
    if !page.items.is_empty() {
        let ids = page.items.iter().map(|hit| hit.id.to_string()).collect();
        consultation(state, current, AuditObject::Hit, ids, now).await?;
    }
    Ok(page)
}

/// The purpose as hits store it (the model's names).
pub(crate) fn model_purpose_name(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::SeriousCrime => "serious-crime",
        Purpose::BorderMigration => "border-migration",
    }
}

/// A filter value: blank means no filter; otherwise lowercase letters,
/// digits, `_` and `-`, at most 64 of them.
fn checked_name<'q>(field: &str, value: Option<&'q str>) -> Result<Option<&'q str>, Problem> {
    let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(None);
    };
    let well_formed = value.len() <= 64
        && value.bytes().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_' || byte == b'-'
        });
    if well_formed {
        Ok(Some(value))
    } else {
        Err(Problem::bad_request(format!(
            "{field} must be a name of lowercase letters, digits, _ and -"
        )))
    }
}
