//! Pre-determined criteria in the workspace: written and checked by
//! `piu-criteria` (a criterion touching a protected characteristic, or one
//! that does not parse, is refused with the reason), kept as numbered
//! versions, back-tested over the stored travellers, and activated only once
//! a back-test of that very version exists. Criteria read from a file at
//! start are listed beside them.
//!
//! A back-test reads personal data (every traveller it examines): it is
//! recorded as a consultation, and PNR records take part only where the
//! criterion's purpose and the session's purpose both allow PNR data.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use piu_access::{Action, DataKind};
use piu_criteria::{CriteriaError, CriteriaSet, Facts};
use piu_model::{Booking, Flight, Format, LocalDateTime, Message, MessageMeta, Syntax, Traveller};
use piu_store::{
    Activation, AddCriterionError, AuditEvent, AuditKind, AuditObject, AuditOutcome,
    BacktestRecord, BacktestTraveller, CriterionId, CriterionRecord, NewAuditEvent, NewCriterion,
    RecordSource,
};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, PrimitiveDateTime};
use utoipa::ToSchema;

use crate::access::permits;
use crate::audit::{actor, append, audit_purpose};
use crate::console::{Who, problem_page, render, who};
use crate::extract::{Form, Id, Json};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Criteria read from a file when the server started.
#[derive(Debug, Clone)]
pub struct FileCriteria {
    /// The file, as named on the command line.
    pub source: String,
    pub set: Arc<CriteriaSet>,
    pub loaded_at: OffsetDateTime,
}

/// A criterion version as the workspace lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CriterionItem {
    /// The stored version's id; none for criteria from a file.
    pub id: Option<i64>,
    /// The criterion's own id, such as `C-001`.
    pub criterion: String,
    pub version: u32,
    /// `store` (written in the workspace) or `file` (loaded at start).
    pub source: String,
    /// `draft`, `active` or `retired`; `loaded` for criteria from a file.
    pub state: String,
    pub purpose: String,
    pub severity: String,
    pub target_agency: String,
    pub description: String,
    pub expression: String,
    /// The author: a user id for stored criteria, the file's author field
    /// for criteria from a file.
    pub author: String,
    /// RFC 3339; for a file, when it was loaded.
    pub created_at: String,
    pub activated_by: Option<i64>,
    pub activated_at: Option<String>,
    /// The latest back-test of this version.
    pub backtest: Option<BacktestItem>,
}

/// What the latest back-test of a version found.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BacktestItem {
    /// Stored travellers the criterion was evaluated on (depersonalised
    /// records are left out).
    pub travellers: u64,
    /// Those it would have hit.
    pub hits: u64,
    /// Departure dates covered, `YYYY-MM-DD`; none: open-ended.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The user id who ran it.
    pub run_by: i64,
    /// RFC 3339.
    pub run_at: String,
}

/// The criteria: stored versions, then those loaded from a file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CriteriaList {
    pub criteria: Vec<CriterionItem>,
}

/// Named airport and country groups a criterion's `in_group` calls use.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupsBody {
    #[serde(default)]
    pub airports: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub countries: BTreeMap<String, Vec<String>>,
}

/// A criterion as written: the fields of a criterion in a criteria file
/// (the author is the signed-in user) and the groups it uses.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionDefinition {
    /// The criterion's own id, such as `C-001`; versions of it share it.
    pub id: String,
    /// Leave out for the next version after the latest stored.
    pub version: Option<u32>,
    /// `serious-crime` or `border-migration`.
    pub purpose: String,
    /// `low`, `medium`, `high` or `critical`.
    pub severity: String,
    /// `YYYY-MM-DD`; default: today.
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    pub target_agency: String,
    #[serde(default)]
    pub description: String,
    /// A CEL expression over `traveller`, `booking`, `flight` and `history`.
    pub expression: String,
    #[serde(default)]
    pub groups: GroupsBody,
}

/// The departure dates a back-test covers; either end may be left open.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BacktestRequest {
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// The result of a back-test.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BacktestResult {
    pub criterion: CriterionItem,
    /// The kinds of records examined: `api`, and `pnr` where both the
    /// criterion's and the session's purposes allow PNR data.
    pub sources: Vec<String>,
    /// Travellers the criterion could not be evaluated on, by reason (counted
    /// as not hit).
    pub not_evaluable: BTreeMap<String, usize>,
}

fn rfc3339(moment: OffsetDateTime) -> String {
    moment.format(&Rfc3339).unwrap_or_default()
}

fn stored_item(record: &CriterionRecord) -> CriterionItem {
    CriterionItem {
        id: Some(record.id.0),
        criterion: record.name.clone(),
        version: record.version,
        source: "store".to_owned(),
        state: record.state.as_str().to_owned(),
        purpose: record.purpose.clone(),
        severity: record.severity.clone(),
        target_agency: record.target_agency.clone(),
        description: record.description.clone(),
        expression: record.expression.clone(),
        author: record.author.0.to_string(),
        created_at: rfc3339(record.created_at),
        activated_by: record.activated_by.map(|user| user.0),
        activated_at: record.activated_at.map(rfc3339),
        backtest: record.backtest.as_ref().map(|backtest| BacktestItem {
            travellers: backtest.travellers,
            hits: backtest.hits,
            from: backtest.from.clone(),
            to: backtest.to.clone(),
            run_by: backtest.run_by.0,
            run_at: rfc3339(backtest.run_at),
        }),
    }
}

fn file_items(file: &FileCriteria) -> impl Iterator<Item = CriterionItem> + '_ {
    file.set.criteria().iter().map(|criterion| CriterionItem {
        id: None,
        criterion: criterion.id.clone(),
        version: criterion.version,
        source: "file".to_owned(),
        state: "loaded".to_owned(),
        purpose: criterion.purpose.to_string(),
        severity: criterion.severity.to_string(),
        target_agency: criterion.target_agency.clone(),
        description: criterion.description.clone(),
        expression: criterion.expression.clone(),
        author: criterion.author.clone(),
        created_at: rfc3339(file.loaded_at),
        activated_by: None,
        activated_at: None,
        backtest: None,
    })
}

async fn criteria_list(state: &AppState) -> Result<CriteriaList, Problem> {
    let mut criteria: Vec<CriterionItem> = state
        .store()
        .criteria()
        .await?
        .iter()
        .map(stored_item)
        .collect();
    if let Some(file) = state.file_criteria() {
        criteria.extend(file_items(file));
    }
    Ok(CriteriaList { criteria })
}

/// A refusal of the criterion by `piu-criteria`: 422, every error named,
/// the code saying which kind came first.
fn refused(errors: &[CriteriaError]) -> Problem {
    let code = errors.iter().map(error_code).min_by_key(|(rank, _)| *rank);
    let detail = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    Problem {
        kind: "/problems/criterion-refused",
        title: "Criterion refused",
        status: StatusCode::UNPROCESSABLE_ENTITY.as_u16(),
        detail,
        instance: None,
        code: Some(code.map_or("invalid", |(_, code)| code)),
    }
}

/// A refusal's code, ranked: a protected characteristic is named first.
fn error_code(error: &CriteriaError) -> (u8, &'static str) {
    match error {
        CriteriaError::Protected { .. } => (0, "protected_characteristic"),
        CriteriaError::Parse { .. } => (1, "syntax"),
        CriteriaError::Unknown { .. } => (2, "unknown_name"),
        CriteriaError::Type { .. } => (3, "type"),
        CriteriaError::Group { .. } => (4, "group"),
        CriteriaError::Invalid { .. } | CriteriaError::File(_) => (5, "invalid"),
    }
}

fn conflict(detail: impl Into<String>, code: &'static str) -> Problem {
    Problem {
        kind: "/problems/conflict",
        title: "Not possible in the current state",
        status: StatusCode::CONFLICT.as_u16(),
        detail: detail.into(),
        instance: None,
        code: Some(code),
    }
}

/// Checks and stores a new draft version; the created version or the
/// refusal.
async fn create(
    state: &AppState,
    current: &Current,
    definition: CriterionDefinition,
    now: OffsetDateTime,
) -> Result<CriterionRecord, Problem> {
    if has_nul(&definition) {
        return Err(Problem::bad_request(
            "the criterion's text may not contain NUL characters",
        ));
    }
    let name = definition.id.trim().to_owned();
    if name.chars().count() > MAX_ID_CHARS {
        return Err(Problem::bad_request(format!(
            "a criterion's id has at most {MAX_ID_CHARS} characters"
        )));
    }
    let version = match definition.version {
        Some(version) => version,
        None => state
            .store()
            .latest_criterion_version(&name)
            .await?
            .saturating_add(1),
    };
    let today = now.date();
    let file = serde_json::json!({
        "groups": definition.groups,
        "criteria": [{
            "id": name,
            "version": version,
            "author": current.username,
            "purpose": definition.purpose,
            "severity": definition.severity,
            "valid_from": definition.valid_from.clone().unwrap_or_else(|| today.to_string()),
            "valid_until": definition.valid_until,
            "target_agency": definition.target_agency,
            "description": definition.description,
            "expression": definition.expression,
        }],
    })
    .to_string();
    let checked = file.clone();
    let set = tokio::task::spawn_blocking(move || piu_criteria::load(checked.as_bytes()))
        .await
        .map_err(|_| Problem::internal())?
        .map_err(|errors| refused(&errors))?;
    let Some(criterion) = set.criteria().first() else {
        return Err(Problem::internal());
    };
    let purpose = criterion.purpose.to_string();
    let severity = criterion.severity.to_string();
    let added = state
        .store()
        .add_criterion(&NewCriterion {
            name: &criterion.id,
            version: criterion.version,
            definition: &file,
            expression: &criterion.expression,
            description: &criterion.description,
            author: current.user,
            purpose: &purpose,
            severity: &severity,
            target_agency: &criterion.target_agency,
            created_at: now,
        })
        .await;
    let id = match added {
        Ok(id) => id,
        Err(AddCriterionError::VersionTaken { name, version }) => {
            return Err(conflict(
                format!(
                    "criterion {name} already has a version {version}; write version {} or leave the version out",
                    version.saturating_add(1)
                ),
                "version_taken",
            ));
        }
        Err(AddCriterionError::Store(error)) => return Err(error.into()),
    };
    state
        .store()
        .criterion(id)
        .await?
        .ok_or_else(Problem::internal)
}

/// Whether any text of the definition holds a NUL, which no criterion needs
/// and PostgreSQL cannot store.
fn has_nul(definition: &CriterionDefinition) -> bool {
    let groups = &definition.groups;
    let grouped = groups
        .airports
        .iter()
        .chain(&groups.countries)
        .flat_map(|(name, members)| std::iter::once(name).chain(members));
    [
        &definition.id,
        &definition.purpose,
        &definition.severity,
        &definition.target_agency,
        &definition.description,
        &definition.expression,
    ]
    .into_iter()
    .chain(definition.valid_from.as_ref())
    .chain(definition.valid_until.as_ref())
    .chain(grouped)
    .any(|text| text.contains('\0'))
}

/// `YYYY-MM-DD`, blank as none.
fn period_end(field: &str, value: Option<&str>) -> Result<Option<String>, Problem> {
    let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(None);
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value, format)
        .map(|date| Some(date.to_string()))
        .map_err(|_| Problem::bad_request(format!("{field} must be a date, YYYY-MM-DD")))
}

/// The message a stored traveller stands in, for facts as screening builds
/// them: the flight, the traveller, and for a PNR record its booking with
/// the booking's travellers; the index of the traveller in it.
fn message_of(stored: &BacktestTraveller) -> Option<(Message, usize)> {
    let traveller: Traveller = serde_json::from_str(stored.personal.as_deref()?).ok()?;
    let format = match stored.source {
        RecordSource::Api => Format::Paxlst,
        RecordSource::Pnr => Format::Pnrgov,
    };
    let mut message = Message::new(MessageMeta::new(format, Syntax::Edifact));
    message.flight = Some(Flight {
        carrier: stored.flight.carrier.clone(),
        number: stored.flight.number.clone(),
        origin: Some(stored.flight.origin.clone()),
        destination: stored.facts.destination.clone(),
        departure: stored
            .facts
            .departure
            .as_deref()
            .unwrap_or(&stored.flight.departure_date)
            .parse::<LocalDateTime>()
            .ok(),
        arrival: stored
            .facts
            .arrival
            .as_deref()
            .and_then(|arrival| arrival.parse().ok()),
        ..Flight::default()
    });
    #[derive(Deserialize)]
    struct StoredBooking {
        booking: Booking,
        travellers: Vec<Traveller>,
    }
    let booking = stored
        .booking
        .as_deref()
        .and_then(|json| serde_json::from_str::<StoredBooking>(json).ok());
    // The booking keeps the indexes of the message it came in (payments and
    // tickets name travellers by them): its travellers go back to those
    // places, and the others stay empty.
    if stored.source == RecordSource::Pnr
        && let Some(StoredBooking {
            booking,
            travellers,
        }) = booking
        && let Some((all, index)) = placed(&booking, travellers, &traveller)
    {
        message.travellers = all;
        message.bookings = vec![booking];
        return Some((message, index));
    }
    message.travellers = vec![traveller];
    Some((message, 0))
}

/// A booking's travellers at the places its indexes name, and the place of
/// `traveller` among them; `None` if it is not among them or the indexes
/// do not fit.
fn placed(
    booking: &Booking,
    travellers: Vec<Traveller>,
    traveller: &Traveller,
) -> Option<(Vec<Traveller>, usize)> {
    if travellers.len() != booking.travellers.len() {
        return None;
    }
    let position = travellers
        .iter()
        .position(|other| other == traveller)
        .or_else(|| {
            travellers.iter().position(|other| {
                other.surname == traveller.surname && other.given_names == traveller.given_names
            })
        })?;
    let places = booking.travellers.iter().max().map_or(0, |last| last + 1);
    if places > MAX_PLACES {
        return None;
    }
    let mut all = vec![Traveller::default(); places];
    for (place, booked) in booking.travellers.iter().zip(travellers) {
        all[*place] = booked;
    }
    Some((all, booking.travellers[position]))
}

/// The longest criterion id accepted, such as `C-001`.
const MAX_ID_CHARS: usize = 64;

/// Stored travellers a back-test reads and evaluates at a time.
const PAGE: u32 = 2_000;

/// The most travellers a stored booking's message may have listed: a
/// booking pointing past this is not rebuilt (it is counted not evaluable).
const MAX_PLACES: usize = 10_000;

/// Runs a stored version over the stored travellers its purpose and the
/// session's allow, keeps the result, and records the consultation.
async fn run_backtest(
    state: &AppState,
    current: &Current,
    id: i64,
    request: &BacktestRequest,
    now: OffsetDateTime,
) -> Result<BacktestResult, Problem> {
    let from = period_end("from", request.from.as_deref())?;
    let to = period_end("to", request.to.as_deref())?;
    if let (Some(from), Some(to)) = (&from, &to)
        && to < from
    {
        return Err(Problem::bad_request("to is before from"));
    }
    let store = state.store();
    let Some(record) = store.criterion(CriterionId(id)).await? else {
        return Err(Problem::not_found(format!("there is no criterion {id}")));
    };
    let definition = record.definition.clone();
    let loaded = tokio::task::spawn_blocking(move || piu_criteria::load(definition.as_bytes()))
        .await
        .map_err(|_| Problem::internal())?;
    let set = loaded.map_err(|errors| {
        let mut problem = refused(&errors);
        problem.status = StatusCode::CONFLICT.as_u16();
        problem.detail = format!(
            "this version is no longer accepted by the criteria checks: {}",
            problem.detail
        );
        problem
    })?;
    // PNR data serves serious crime only: a border-migration criterion never
    // sees it, nor does a session whose purpose may not.
    let mut sources = vec![RecordSource::Api];
    if record.purpose == "serious-crime"
        && permits(current, Action::BacktestCriteria, Some(DataKind::Pnr))
    {
        sources.push(RecordSource::Pnr);
    }
    let set = Arc::new(set);
    let at = PrimitiveDateTime::new(now.date(), now.time());
    let mut examined = 0usize;
    let mut hits = 0usize;
    let mut not_evaluable: BTreeMap<String, usize> = BTreeMap::new();
    let mut after = None;
    loop {
        let page = store
            .backtest_travellers(from.as_deref(), to.as_deref(), &sources, after, PAGE)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.id);
        let full = page.len() == PAGE as usize;
        let (set, name) = (Arc::clone(&set), record.name.clone());
        let report = tokio::task::spawn_blocking(move || {
            let facts: Vec<Facts> = page
                .iter()
                .filter_map(|stored| {
                    let (message, index) = message_of(stored)?;
                    Some(
                        piu_criteria::facts(&message, index, &[], Some(at))
                            .with_reference(stored.id.0.to_string()),
                    )
                })
                .collect();
            piu_criteria::backtest(&set, &name, facts.into_iter(), at.date())
        })
        .await
        .map_err(|_| Problem::internal())?
        .map_err(|_| Problem::internal())?;
        examined += report.travellers;
        hits += report.hits;
        for (reason, count) in report.not_evaluable {
            *not_evaluable.entry(reason).or_default() += count;
        }
        if !full {
            break;
        }
    }
    let source_names: Vec<String> = sources
        .iter()
        .map(|source| source.as_str().to_owned())
        .collect();
    // The criterion's own id is written by a person and may be long: the
    // event names the stored version by number only.
    let reason = format!(
        "backtest over {} stored travellers ({}), departures {}..{}",
        examined,
        source_names.join(", "),
        from.as_deref().unwrap_or(""),
        to.as_deref().unwrap_or("")
    );
    let event = AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Consultation,
        actor: actor(&current.principal),
        purpose: audit_purpose(current.purpose),
        object_type: AuditObject::Criteria,
        object_ids: vec![record.id.0.to_string()],
        reason: Some(reason),
        outcome: AuditOutcome::Allowed,
        at: now,
    })
    .map_err(|_| Problem::internal())?;
    append(state, &event).await?;
    let backtest = BacktestRecord {
        travellers: examined as u64,
        hits: hits as u64,
        from,
        to,
        run_by: current.user,
        run_at: now,
    };
    store.record_backtest(record.id, &backtest).await?;
    let record = store
        .criterion(record.id)
        .await?
        .ok_or_else(Problem::internal)?;
    Ok(BacktestResult {
        criterion: stored_item(&record),
        sources: source_names,
        not_evaluable,
    })
}

async fn activate(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<CriterionRecord, Problem> {
    let store = state.store();
    match store
        .activate_criterion(CriterionId(id), current.user, now)
        .await?
    {
        Activation::Activated { .. } => {}
        Activation::Unknown => {
            return Err(Problem::not_found(format!("there is no criterion {id}")));
        }
        Activation::NotBacktested => {
            return Err(conflict(
                "this version has not been back-tested: run a back-test of it first",
                "not_backtested",
            ));
        }
        Activation::NotDraft(stage) => {
            return Err(conflict(
                format!(
                    "only a draft can be activated; this version is {}",
                    stage.as_str()
                ),
                "not_draft",
            ));
        }
    }
    if let Some(in_force) = state.criteria_in_force() {
        let sets = sets_in_force(store, state.file_criteria()).await?;
        in_force.replace(sets);
    }
    store
        .criterion(CriterionId(id))
        .await?
        .ok_or_else(Problem::internal)
}

/// The criteria sets to screen with: the file's, then every active stored
/// version, each loaded as a one-criterion file. A stored version the
/// criteria checks no longer accept is left out (its page says why).
pub async fn sets_in_force(
    store: &piu_store::Store,
    file: Option<&FileCriteria>,
) -> Result<Vec<Arc<CriteriaSet>>, piu_store::StoreError> {
    let mut sets: Vec<Arc<CriteriaSet>> =
        file.map(|file| Arc::clone(&file.set)).into_iter().collect();
    let definitions: Vec<String> = store
        .active_criteria()
        .await?
        .into_iter()
        .map(|record| record.definition)
        .collect();
    let loaded = tokio::task::spawn_blocking(move || {
        definitions
            .iter()
            .filter_map(|definition| piu_criteria::load(definition.as_bytes()).ok())
            .map(Arc::new)
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    sets.extend(loaded);
    Ok(sets)
}

// ---------------------------------------------------------------------------
// The API.

/// Criteria: the stored versions, and those loaded from a file at start.
#[utoipa::path(
    get, path = "/api/v1/criteria", tag = "criteria",
    security(("session" = [])),
    responses(
        (status = 200, description = "Every stored version, then the criteria loaded from a file", body = CriteriaList),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage criteria", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn api_criteria(
    State(state): State<AppState>,
) -> Result<axum::Json<CriteriaList>, Problem> {
    Ok(axum::Json(criteria_list(&state).await?))
}

/// Write a criterion: checked as a criteria file would be, stored as a draft.
#[utoipa::path(
    post, path = "/api/v1/criteria", tag = "criteria",
    request_body = CriterionDefinition,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Stored as a draft", body = CriterionItem),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage criteria, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The version exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused: a protected characteristic, a syntax error, an unknown name …", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    current: Current,
    Json(definition): Json<CriterionDefinition>,
) -> Result<Response, Problem> {
    let record = create(&state, &current, definition, OffsetDateTime::now_utc())
        .await
        .map_err(|problem| problem.at("/api/v1/criteria"))?;
    let mut response = (StatusCode::CREATED, axum::Json(stored_item(&record))).into_response();
    if let Ok(location) = format!("/api/v1/criteria/{}", record.id).parse() {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Back-test a stored version over the stored travellers; the result is kept
/// as the version's latest.
#[utoipa::path(
    post, path = "/api/v1/criteria/{id}/backtest", tag = "criteria",
    params(("id" = i64, Path, description = "The stored version's id")),
    request_body = BacktestRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Travellers examined and hit", body = BacktestResult),
        (status = 400, description = "Invalid id or period", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not back-test, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such criterion", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The version is no longer accepted by the criteria checks", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn api_backtest(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
    Json(request): Json<BacktestRequest>,
) -> Result<axum::Json<BacktestResult>, Problem> {
    let path = format!("/api/v1/criteria/{id}/backtest");
    let result = run_backtest(&state, &current, id, &request, OffsetDateTime::now_utc())
        .await
        .map_err(|problem| problem.at(&path))?;
    Ok(axum::Json(result))
}

/// Activate a back-tested draft; the version active before it is retired.
#[utoipa::path(
    post, path = "/api/v1/criteria/{id}/activation", tag = "criteria",
    params(("id" = i64, Path, description = "The stored version's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Active", body = CriterionItem),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage criteria, or CSRF token missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such criterion", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not back-tested, or not a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn api_activate(
    State(state): State<AppState>,
    current: Current,
    Id(id): Id,
) -> Result<axum::Json<CriterionItem>, Problem> {
    let path = format!("/api/v1/criteria/{id}/activation");
    let record = activate(&state, &current, id, OffsetDateTime::now_utc())
        .await
        .map_err(|problem| problem.at(&path))?;
    Ok(axum::Json(stored_item(&record)))
}

// ---------------------------------------------------------------------------
// The console.

#[derive(Template)]
#[template(path = "criteria.html")]
struct CriteriaPage {
    who: Option<Who>,
    criteria: Vec<CriterionItem>,
    file: Option<String>,
    /// Whether the role writes criteria (the form is shown).
    can_write: bool,
    /// What was written and why it was refused, to write it again.
    draft: CriterionFields,
    refusal: Option<String>,
}

#[derive(Template)]
#[template(path = "criterion.html")]
struct CriterionPage {
    who: Option<Who>,
    item: CriterionItem,
    /// What the last action on the page did, or why it was refused.
    message: Option<String>,
    refusal: Option<String>,
}

/// The criteria, stored and from a file.
#[utoipa::path(get, path = "/criteria", tag = "console",
    security(("session" = [])),
    responses(
        (status = 200, description = "The criteria", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 403, description = "The role may not manage criteria", content_type = "text/html"),
    ))]
pub async fn criteria_page(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
) -> Response {
    criteria_view(&state, &current, &headers, CriterionFields::default(), None).await
}

async fn criteria_view(
    state: &AppState,
    current: &Current,
    headers: &HeaderMap,
    draft: CriterionFields,
    refusal: Option<Problem>,
) -> Response {
    match criteria_list(state).await {
        Ok(list) => render(
            &CriteriaPage {
                who: Some(who(current, headers)),
                criteria: list.criteria,
                file: state.file_criteria().map(|file| file.source.clone()),
                can_write: piu_access::role_permits(current.principal.role, Action::ManageCriteria),
                draft,
                refusal: refusal.as_ref().map(|problem| problem.detail.clone()),
            },
            refusal.map_or(StatusCode::OK, |problem| problem.status_code()),
        ),
        Err(problem) => problem_page(problem),
    }
}

/// The console's form for a new criterion version: the fields of
/// [`CriterionDefinition`] as text, the groups as JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CriterionFields {
    #[serde(default)]
    id: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_until: String,
    #[serde(default)]
    target_agency: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    expression: String,
    #[serde(default)]
    groups: String,
}

impl CriterionFields {
    fn definition(&self) -> Result<CriterionDefinition, Problem> {
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
        let version = match optional(&self.version) {
            Some(version) => Some(version.parse::<u32>().map_err(|_| {
                Problem::bad_request("the version must be a whole number, or blank for the next")
            })?),
            None => None,
        };
        let groups = match optional(&self.groups) {
            Some(groups) => serde_json::from_str(&groups).map_err(|error| {
                Problem::bad_request(format!(
                    "groups must be JSON such as {{\"airports\": {{\"hubs\": [\"IST\"]}}}}: {error}"
                ))
            })?,
            None => GroupsBody::default(),
        };
        Ok(CriterionDefinition {
            id: self.id.trim().to_owned(),
            version,
            purpose: self.purpose.trim().to_owned(),
            severity: self.severity.trim().to_owned(),
            valid_from: optional(&self.valid_from),
            valid_until: optional(&self.valid_until),
            target_agency: self.target_agency.trim().to_owned(),
            description: self.description.trim().to_owned(),
            expression: self.expression.trim().to_owned(),
            groups,
        })
    }
}

/// Write a criterion from the console: on to its page, or back to the form
/// with why it was refused.
#[utoipa::path(post, path = "/criteria", tag = "console",
    security(("session" = [])),
    responses(
        (status = 303, description = "Stored as a draft: on to its page (without a session: on to the sign-in page)"),
        (status = 400, description = "Malformed form", content_type = "text/html"),
        (status = 403, description = "The role may not manage criteria, or CSRF token missing", content_type = "text/html"),
        (status = 409, description = "The version exists", content_type = "text/html"),
        (status = 422, description = "Refused: a protected characteristic, a syntax error …", content_type = "text/html"),
    ))]
pub async fn create_form(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Form(fields): Form<CriterionFields>,
) -> Response {
    let created = match fields.definition() {
        Ok(definition) => create(&state, &current, definition, OffsetDateTime::now_utc()).await,
        Err(problem) => Err(problem),
    };
    match created {
        Ok(record) => Redirect::to(&format!("/criteria/{}", record.id)).into_response(),
        Err(problem) if problem.status == 500 => problem_page(problem),
        Err(problem) => criteria_view(&state, &current, &headers, fields, Some(problem)).await,
    }
}

async fn criterion_view(
    state: &AppState,
    current: &Current,
    headers: &HeaderMap,
    id: i64,
    message: Option<String>,
    refusal: Option<Problem>,
) -> Response {
    match state.store().criterion(CriterionId(id)).await {
        Ok(Some(record)) => {
            let status = refusal
                .as_ref()
                .map_or(StatusCode::OK, Problem::status_code);
            render(
                &CriterionPage {
                    who: Some(who(current, headers)),
                    item: stored_item(&record),
                    message,
                    refusal: refusal.map(|problem| problem.detail),
                },
                status,
            )
        }
        Ok(None) => problem_page(Problem::not_found(format!("there is no criterion {id}"))),
        Err(error) => problem_page(error.into()),
    }
}

/// One stored version, with forms to back-test and activate it.
#[utoipa::path(get, path = "/criteria/{id}", tag = "console",
    params(("id" = i64, Path, description = "The stored version's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The version and its latest back-test", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage criteria", content_type = "text/html"),
        (status = 404, description = "No such criterion", content_type = "text/html"),
    ))]
pub async fn criterion_page(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    criterion_view(&state, &current, &headers, id, None, None).await
}

/// The back-test form: the period, and the hidden CSRF token.
#[derive(Debug, Deserialize)]
pub struct BacktestFields {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// Back-test from the console; back to the version's page with the result.
#[utoipa::path(post, path = "/criteria/{id}/backtest", tag = "console",
    params(("id" = i64, Path, description = "The stored version's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The version with the new back-test", content_type = "text/html"),
        (status = 303, description = "No session: on to the sign-in page"),
        (status = 400, description = "Invalid id, form or period", content_type = "text/html"),
        (status = 403, description = "The role may not back-test, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such criterion", content_type = "text/html"),
        (status = 409, description = "The version is no longer accepted by the criteria checks", content_type = "text/html"),
    ))]
pub async fn backtest_form(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
    Form(fields): Form<BacktestFields>,
) -> Response {
    let request = BacktestRequest {
        from: Some(fields.from),
        to: Some(fields.to),
    };
    match run_backtest(&state, &current, id, &request, OffsetDateTime::now_utc()).await {
        Ok(result) => {
            let message = result.criterion.backtest.as_ref().map(|backtest| {
                format!(
                    "Back-test done: {} of {} travellers hit ({}).",
                    backtest.hits,
                    backtest.travellers,
                    result.sources.join(" and ")
                )
            });
            criterion_view(&state, &current, &headers, id, message, None).await
        }
        Err(problem) if problem.status == 404 => problem_page(problem),
        Err(problem) => criterion_view(&state, &current, &headers, id, None, Some(problem)).await,
    }
}

/// Activate from the console; back to the version's page.
#[utoipa::path(post, path = "/criteria/{id}/activation", tag = "console",
    params(("id" = i64, Path, description = "The stored version's id")),
    security(("session" = [])),
    responses(
        (status = 303, description = "Active; on to the version's page"),
        (status = 400, description = "Invalid id", content_type = "text/html"),
        (status = 403, description = "The role may not manage criteria, or CSRF token missing", content_type = "text/html"),
        (status = 404, description = "No such criterion", content_type = "text/html"),
        (status = 409, description = "Not back-tested, or not a draft", content_type = "text/html"),
    ))]
pub async fn activation_form(
    State(state): State<AppState>,
    current: Current,
    headers: HeaderMap,
    Id(id): Id,
) -> Response {
    match activate(&state, &current, id, OffsetDateTime::now_utc()).await {
        Ok(_) => Redirect::to(&format!("/criteria/{id}")).into_response(),
        Err(problem) if problem.status == 404 => problem_page(problem),
        Err(problem) => criterion_view(&state, &current, &headers, id, None, Some(problem)).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_model::{Payment, PaymentMethod};
    use piu_store::{FlightFacts, FlightKey, TravellerId};

    fn payment(method: PaymentMethod, traveller: usize) -> Payment {
        Payment {
            method,
            amount: None,
            card_vendor: None,
            card_number: None,
            card_expiry: None,
            payer: None,
            billing_address: None,
            traveller: Some(traveller),
        }
    }

    fn person(surname: &str) -> Traveller {
        Traveller {
            surname: surname.to_owned(),
            given_names: "TEST".to_owned(),
            ..Traveller::default()
        }
    }

    #[test]
    fn a_stored_booking_keeps_the_places_its_payments_name() {
        // Travellers 2 and 5 of the message the booking came in; the second
        // paid cash.
        let booking = Booking {
            record_locator: "ABC123".to_owned(),
            travellers: vec![2, 5],
            payments: vec![
                payment(PaymentMethod::Card, 2),
                payment(PaymentMethod::Cash, 5),
            ],
            ..Booking::default()
        };
        let stored_booking = serde_json::json!({
            "booking": booking,
            "travellers": [person("FIRST"), person("SECOND")],
        })
        .to_string();
        let paid_cash = |surname: &str| {
            let stored = BacktestTraveller {
                id: TravellerId(1),
                source: RecordSource::Pnr,
                role: "passenger".to_owned(),
                personal: Some(serde_json::to_string(&person(surname)).expect("json")),
                flight: FlightKey {
                    carrier: "J2".to_owned(),
                    number: "45".to_owned(),
                    departure_date: "2026-11-20".to_owned(),
                    origin: "GYD".to_owned(),
                },
                facts: FlightFacts {
                    destination: Some("TSE".to_owned()),
                    departure: Some("2026-11-20T01:30".to_owned()),
                    arrival: None,
                },
                booking: Some(stored_booking.clone()),
            };
            let (message, index) = message_of(&stored).expect("a message");
            let facts = piu_criteria::facts(&message, index, &[], None);
            (index, facts.get("booking.paid_cash").cloned())
        };
        assert_eq!(paid_cash("FIRST"), (2, Some(false.into())));
        assert_eq!(paid_cash("SECOND"), (5, Some(true.into())));
    }
}
