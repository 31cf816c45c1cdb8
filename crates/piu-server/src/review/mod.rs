//! The review of hits by people, and what may leave the unit after it:
//! one hit with its explanation and timeline; assignment, notes and
//! dispositions; cases; referrals to a competent authority, asked for by an
//! analyst and approved by a supervisor who did not ask (four eyes).
//!
//! Built once for the API ([`api`]) and the console ([`console`]), like
//! [`crate::data`]. Rules kept here, on top of the access decision:
//! - a hit, case or referral of another purpose than the session's is
//!   answered as not found: its existence is not told;
//! - only hits a person reviewed `relevant` can be referred (checked again
//!   by the store in the transaction that writes the referral);
//! - a liaison sees only approved referrals to their own agency;
//! - every change is written together with its audit event; every reading
//!   of personal data is recorded as a consultation.

pub mod api;
pub mod console;

use piu_access::{Action, Agency, Context, DataKind, purpose_name};
use piu_store::{
    AuditEvent, AuditKind, AuditObject, AuditOutcome, CaseItemKind, CaseRecord, Disposition, HitId,
    HitNote, NewAuditEvent, NewCase, NewReferral, QueuedHit, RecordSource, ReferralDecision,
    ReferralFilter, ReferralRecord, ReferralRequest, ReferralState, StoreError,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};

use crate::access::authorize;
use crate::audit::{actor, audit_purpose, consultation};
use crate::data::{HitItem, model_purpose_name};
use crate::paging::{Page, Paging};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Longest note, reason or title accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;

/// A hit with its explanation, traveller and review timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HitDetail {
    pub hit: HitItem,
    /// How screening explained the match: every factor, as JSON.
    #[schema(value_type = Object)]
    pub explanation: serde_json::Value,
    /// The user name of who holds it, if anyone.
    pub assignee: Option<String>,
    pub traveller: Option<TravellerSummary>,
    pub notes: Vec<NoteItem>,
    /// Referrals this hit is part of (ids).
    pub referrals: Vec<i64>,
}

/// The traveller a hit was raised on, as a reviewer needs them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TravellerSummary {
    pub id: i64,
    pub source: String,
    pub surname: Option<String>,
    pub given_names: Option<String>,
    pub date_of_birth: Option<String>,
    pub nationality: Option<String>,
    pub document: Option<String>,
    /// Whether the identifying data were masked (depersonalised).
    pub masked: bool,
    pub flight: FlightSummaryItem,
}

/// The flight a referred traveller was on.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FlightSummaryItem {
    pub id: i64,
    pub carrier: String,
    pub number: String,
    pub departure_date: String,
    pub origin: String,
    pub destination: Option<String>,
}

/// A note or a disposition on a hit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteItem {
    pub id: i64,
    pub author: String,
    /// RFC 3339.
    pub written_at: String,
    /// The disposition given with this note, if any.
    pub disposition: Option<String>,
    pub text: String,
}

impl From<HitNote> for NoteItem {
    fn from(note: HitNote) -> NoteItem {
        NoteItem {
            id: note.id,
            author: note.author_name,
            written_at: rfc3339(note.written_at),
            disposition: note.disposition.map(|d| d.as_str().to_owned()),
            text: note.text,
        }
    }
}

/// Give a hit to someone, or to oneself.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// The user name of an analyst or supervisor; leave out (or blank) to
    /// take the hit oneself.
    #[serde(default)]
    pub assignee: Option<String>,
    /// `true` to give the hit back to the queue.
    #[serde(default)]
    pub release: bool,
}

/// A note on a hit.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    pub text: String,
}

/// A person's decision about a hit.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DispositionRequest {
    /// `relevant` (may be referred), `not_relevant` (suppressed for this
    /// traveller and entry until their data change), `needs_information`,
    /// or `open`.
    pub disposition: String,
    /// Why; required for `relevant` and `not_relevant`.
    #[serde(default)]
    pub note: String,
}

/// A case as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseItem {
    pub id: i64,
    pub title: String,
    pub purpose: String,
    pub state: String,
    pub created_by: String,
    /// RFC 3339.
    pub created_at: String,
    pub items: u64,
}

impl From<CaseRecord> for CaseItem {
    fn from(case: CaseRecord) -> CaseItem {
        CaseItem {
            id: case.id,
            title: case.title,
            purpose: case.purpose,
            state: case.state,
            created_by: case.creator_name,
            created_at: rfc3339(case.created_at),
            items: case.items,
        }
    }
}

/// One thing a case groups.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseMember {
    /// `hit`, `traveller` or `booking`.
    pub kind: String,
    pub id: i64,
    /// RFC 3339.
    pub added_at: String,
}

/// A case with what it groups.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseDetail {
    pub case: CaseItem,
    pub members: Vec<CaseMember>,
}

/// A new case.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseRequest {
    pub title: String,
}

/// Something to add to a case.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseMemberRequest {
    /// `hit`, `traveller` or `booking`.
    pub kind: String,
    pub id: i64,
}

/// Ask for a referral to a competent authority.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralRequestBody {
    /// The competent authority: `border_service`, `customs`, `police`,
    /// `state_security`, `intelligence`, `migration_service` or
    /// `foreign_affairs`.
    pub agency: String,
    /// Why it is shared: the legal basis and the need.
    pub reason: String,
    /// The hits it refers; each reviewed `relevant`.
    pub hits: Vec<i64>,
    /// A case it belongs to.
    #[serde(default)]
    pub case: Option<i64>,
}

/// A supervisor's decision on a referral.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `approve` or `refuse`.
    pub decision: String,
    #[serde(default)]
    pub note: String,
}

/// One referred hit: what the authority receives about it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReferredHit {
    pub hit: i64,
    pub kind: String,
    pub list: String,
    pub entry_id: String,
    pub score: f64,
    pub severity: String,
    #[schema(value_type = Object)]
    pub explanation: serde_json::Value,
    pub traveller: Option<TravellerSummary>,
}

/// A referral: what was shared, with whom, why, and who asked and approved.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralItem {
    pub id: i64,
    pub agency: String,
    pub purpose: String,
    pub reason: String,
    pub case: Option<i64>,
    /// `requested`, `approved` or `refused`.
    pub state: String,
    pub requested_by: String,
    /// RFC 3339.
    pub requested_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    /// The referred hits (only on a single referral).
    pub hits: Vec<ReferredHit>,
}

/// Filters and paging of referrals.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReferralQuery {
    /// `requested`, `approved` or `refused`.
    pub state: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
    /// The `next` of the previous page.
    pub after: Option<String>,
}

fn rfc3339(moment: OffsetDateTime) -> String {
    moment.format(&Rfc3339).unwrap_or_default()
}

/// A text field: trimmed, non-blank when `required`, not too long.
fn text_field(field: &str, value: &str, required: bool) -> Result<String, Problem> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(Problem::bad_request(format!("{field} must not be blank")));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Problem::bad_request(format!(
            "{field} is longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Problem::bad_request(format!(
            "{field} holds control characters"
        )));
    }
    Ok(value.to_owned())
}

fn data_kind(source: RecordSource) -> DataKind {
    match source {
        RecordSource::Api => DataKind::Api,
        RecordSource::Pnr => DataKind::Pnr,
    }
}

/// An event of the review, by the signed-in user under the session's purpose.
fn event(
    current: &Current,
    kind: AuditKind,
    object_type: AuditObject,
    object_ids: Vec<String>,
    reason: Option<String>,
    at: OffsetDateTime,
) -> Result<AuditEvent, StoreError> {
    AuditEvent::new(NewAuditEvent {
        kind,
        actor: actor(&current.principal),
        purpose: audit_purpose(current.purpose),
        object_type,
        object_ids,
        reason,
        outcome: AuditOutcome::Allowed,
        at,
    })
    .map_err(|error| StoreError::Corrupt(error.to_string()))
}

/// The hit `id` if it serves the session's purpose and `action` on its kind
/// of data is allowed; a hit of another purpose is not found.
async fn hit_for(
    state: &AppState,
    current: &Current,
    id: i64,
    action: Action,
    now: OffsetDateTime,
) -> Result<QueuedHit, Problem> {
    let not_found = || Problem::not_found(format!("there is no hit {id} for this purpose"));
    let hit = state.store().hit(HitId(id)).await?.ok_or_else(not_found)?;
    let same_purpose = current
        .purpose
        .is_some_and(|purpose| model_purpose_name(purpose) == hit.purpose);
    if !same_purpose {
        return Err(not_found());
    }
    let context = Context {
        data: Some(data_kind(hit.source)),
        ..Context::default()
    };
    authorize(state, current, action, context, AuditObject::Hit, now).await?;
    Ok(hit)
}

/// The traveller a hit was raised on, with their flight.
async fn traveller_summary(
    state: &AppState,
    hit: &QueuedHit,
) -> Result<Option<TravellerSummary>, Problem> {
    let store = state.store();
    let Some(flight) = store.flight_summary(hit.flight, Some(&hit.purpose)).await? else {
        return Ok(None);
    };
    // One traveller, read by id; its fields as the flight page shows them.
    let Some(record) = store.traveller(hit.traveller).await? else {
        return Ok(None);
    };
    let item = crate::data::traveller_item(&record, 0);
    Ok(Some(TravellerSummary {
        id: item.id,
        source: item.source,
        surname: item.surname,
        given_names: item.given_names,
        date_of_birth: item.date_of_birth,
        nationality: item.nationality,
        document: item.document,
        masked: item.masked,
        flight: FlightSummaryItem {
            id: flight.id.0,
            carrier: flight.key.carrier,
            number: flight.key.number,
            departure_date: flight.key.departure_date,
            origin: flight.key.origin,
            destination: flight.facts.destination,
        },
    }))
}

fn explanation_of(hit: &QueuedHit) -> serde_json::Value {
    serde_json::from_str(&hit.explanation)
        .unwrap_or_else(|_| serde_json::Value::String(hit.explanation.clone()))
}

/// One hit with all a reviewer needs; recorded as a consultation of the hit
/// and its traveller.
pub async fn hit_detail(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<HitDetail, Problem> {
    let hit = hit_for(state, current, id, Action::ViewHits, now).await?;
    let store = state.store();
    let assignee = match hit.assigned_to {
        Some(user) => store.user(user).await?.map(|user| user.username),
        None => None,
    };
    let notes = store.hit_notes(hit.id).await?;
    let traveller = traveller_summary(state, &hit).await?;
    let referrals = store.referrals_of_hit(hit.id).await?;
    consultation(
        state,
        current,
        AuditObject::Hit,
        vec![hit.id.0.to_string()],
        now,
    )
    .await?;
    if let Some(traveller) = &traveller {
        consultation(
            state,
            current,
            AuditObject::Traveller,
            vec![traveller.id.to_string()],
            now,
        )
        .await?;
    }
    Ok(HitDetail {
        explanation: explanation_of(&hit),
        hit: HitItem::from(hit),
        assignee,
        traveller,
        notes: notes.into_iter().map(NoteItem::from).collect(),
        referrals,
    })
}

/// Gives a hit to an analyst or supervisor (oneself by default), or back.
pub async fn assign(
    state: &AppState,
    current: &Current,
    id: i64,
    request: &AssignRequest,
    now: OffsetDateTime,
) -> Result<HitItem, Problem> {
    let hit = hit_for(state, current, id, Action::ReviewHit, now).await?;
    let store = state.store();
    let assignee = if request.release {
        None
    } else {
        match request.assignee.as_deref().map(str::trim) {
            None | Some("") => Some(current.user),
            Some(username) => {
                let user = store
                    .user_by_username(username)
                    .await?
                    .filter(|user| {
                        !user.disabled
                            && piu_access::Role::parse(&user.role)
                                .is_ok_and(|role| piu_access::role_permits(role, Action::ReviewHit))
                    })
                    .ok_or_else(|| {
                        Problem::bad_request(format!(
                            "{username:?} is not an active account that reviews hits"
                        ))
                    })?;
                Some(user.id)
            }
        }
    };
    let reason = match assignee {
        Some(user) => format!("assigned to user {}", user.0),
        None => "released to the queue".to_owned(),
    };
    let audit = event(
        current,
        AuditKind::Review,
        AuditObject::Hit,
        vec![hit.id.0.to_string()],
        Some(reason),
        now,
    )?;
    store.assign_hit(hit.id, assignee, now, &audit).await?;
    let hit = store
        .hit(hit.id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("there is no hit {id}")))?;
    Ok(HitItem::from(hit))
}

/// Adds a note to a hit.
pub async fn note(
    state: &AppState,
    current: &Current,
    id: i64,
    request: &NoteRequest,
    now: OffsetDateTime,
) -> Result<HitItem, Problem> {
    let text = text_field("text", &request.text, true)?;
    write_note(state, current, id, &text, None, now).await
}

/// Records a person's disposition of a hit, with the note that says why.
pub async fn dispose(
    state: &AppState,
    current: &Current,
    id: i64,
    request: &DispositionRequest,
    now: OffsetDateTime,
) -> Result<HitItem, Problem> {
    let disposition = Disposition::parse(request.disposition.trim()).ok_or_else(|| {
        Problem::bad_request(
            "disposition must be relevant, not_relevant, needs_information or open",
        )
    })?;
    let needs_reason = matches!(
        disposition,
        Disposition::Relevant | Disposition::NotRelevant
    );
    let note = text_field("note", &request.note, needs_reason)?;
    write_note(state, current, id, &note, Some(disposition), now).await
}

async fn write_note(
    state: &AppState,
    current: &Current,
    id: i64,
    text: &str,
    disposition: Option<Disposition>,
    now: OffsetDateTime,
) -> Result<HitItem, Problem> {
    let hit = hit_for(state, current, id, Action::ReviewHit, now).await?;
    let reason = match disposition {
        Some(disposition) => format!("disposition {}", disposition.as_str()),
        None => "note".to_owned(),
    };
    let audit = event(
        current,
        AuditKind::Review,
        AuditObject::Hit,
        vec![hit.id.0.to_string()],
        Some(reason),
        now,
    )?;
    let store = state.store();
    store
        .note_hit(hit.id, current.user, text, disposition, now, &audit)
        .await?;
    let hit = store
        .hit(hit.id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("there is no hit {id}")))?;
    Ok(HitItem::from(hit))
}

/// The session's purpose as cases and referrals store it; a session without
/// one has none to work under.
fn session_purpose(current: &Current) -> Result<&'static str, Problem> {
    current
        .purpose
        .map(purpose_name)
        .ok_or_else(|| Problem::bad_request("this session states no purpose"))
}

/// Cases of the session's purpose, newest first.
pub async fn case_page(
    state: &AppState,
    current: &Current,
    after: Option<&str>,
    limit: Option<u32>,
) -> Result<Page<CaseItem>, Problem> {
    let paging = Paging::read(limit, after)?;
    let purpose = session_purpose(current)?;
    let rows = state
        .store()
        .case_page(purpose, paging.after, paging.fetch())
        .await?;
    Ok(paging.page(rows, |case| case.id, CaseItem::from))
}

/// Opens a case.
pub async fn create_case(
    state: &AppState,
    current: &Current,
    request: &CaseRequest,
    now: OffsetDateTime,
) -> Result<CaseItem, Problem> {
    let title = text_field("title", &request.title, true)?;
    let purpose = session_purpose(current)?;
    let store = state.store();
    let case = NewCase {
        title: &title,
        purpose,
        created_by: current.user,
        at: now,
    };
    let id = store
        .create_case(&case, |id| {
            event(
                current,
                AuditKind::Review,
                AuditObject::Case,
                vec![id.to_string()],
                Some("case opened".to_owned()),
                now,
            )
        })
        .await
        .map_err(Problem::from)?;
    let case = store
        .case(id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("there is no case {id}")))?;
    Ok(CaseItem::from(case))
}

/// A case of the session's purpose, or not found.
async fn case_for(state: &AppState, current: &Current, id: i64) -> Result<CaseRecord, Problem> {
    let purpose = session_purpose(current)?;
    state
        .store()
        .case(id)
        .await?
        .filter(|case| case.purpose == purpose)
        .ok_or_else(|| Problem::not_found(format!("there is no case {id} for this purpose")))
}

/// A case with its members; recorded as a consultation of the case.
pub async fn case_detail(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<CaseDetail, Problem> {
    let case = case_for(state, current, id).await?;
    let members = state.store().case_items(id).await?;
    consultation(state, current, AuditObject::Case, vec![id.to_string()], now).await?;
    Ok(CaseDetail {
        case: CaseItem::from(case),
        members: members
            .into_iter()
            .map(|member| CaseMember {
                kind: member.kind.as_str().to_owned(),
                id: member.object_id,
                added_at: rfc3339(member.added_at),
            })
            .collect(),
    })
}

/// Adds a hit, traveller or booking to a case. A hit must be one the
/// session may review; a traveller or booking must exist.
pub async fn add_case_member(
    state: &AppState,
    current: &Current,
    id: i64,
    request: &CaseMemberRequest,
    now: OffsetDateTime,
) -> Result<CaseDetail, Problem> {
    let kind = CaseItemKind::parse(request.kind.trim())
        .ok_or_else(|| Problem::bad_request("kind must be hit, traveller or booking"))?;
    case_for(state, current, id).await?;
    let store = state.store();
    match kind {
        CaseItemKind::Hit => {
            hit_for(state, current, request.id, Action::ReviewHit, now).await?;
        }
        CaseItemKind::Traveller | CaseItemKind::Booking => {
            if !store.case_member_exists(kind, request.id).await? {
                return Err(Problem::bad_request(format!(
                    "there is no {} {}",
                    kind.as_str(),
                    request.id
                )));
            }
        }
    }
    let audit = event(
        current,
        AuditKind::Review,
        AuditObject::Case,
        vec![id.to_string()],
        Some(format!("added {} {}", kind.as_str(), request.id)),
        now,
    )?;
    store
        .add_case_item(id, kind, request.id, current.user, now, &audit)
        .await?;
    case_detail(state, current, id, now).await
}

/// The competent authority a referral may go to.
fn recipient(name: &str) -> Result<Agency, Problem> {
    Agency::parse(name.trim())
        .ok()
        .filter(|agency| *agency != Agency::Piu)
        .ok_or_else(|| {
            Problem::bad_request(
                "agency must be a competent authority: border_service, customs, police, \
                 state_security, intelligence, migration_service or foreign_affairs",
            )
        })
}

/// The agencies a referral may go to, for forms.
pub fn recipients() -> Vec<&'static str> {
    Agency::ALL
        .into_iter()
        .filter(|agency| *agency != Agency::Piu)
        .map(Agency::as_str)
        .collect()
}

/// Asks for a referral of hits reviewed relevant. What is shared is fixed
/// now, so the approver sees exactly what will leave.
pub async fn request_referral(
    state: &AppState,
    current: &Current,
    request: &ReferralRequestBody,
    now: OffsetDateTime,
) -> Result<ReferralItem, Problem> {
    let agency = recipient(&request.agency)?;
    let reason = text_field("reason", &request.reason, true)?;
    let purpose = session_purpose(current)?;
    if request.hits.is_empty() || request.hits.len() > 100 {
        return Err(Problem::bad_request("a referral names 1 to 100 hits"));
    }
    if let Some(case) = request.case {
        case_for(state, current, case).await?;
    }
    let mut referred = Vec::new();
    let mut ids = Vec::new();
    for id in &request.hits {
        let hit = hit_for(state, current, *id, Action::RequestDissemination, now).await?;
        if hit.state != Disposition::Relevant.as_str() {
            return Err(Problem::conflict(format!(
                "hit {id} is {}: only a hit a person reviewed relevant can be referred",
                hit.state
            )));
        }
        if ids.contains(&hit.id) {
            continue;
        }
        ids.push(hit.id);
        referred.push(ReferredHit {
            hit: hit.id.0,
            kind: hit.kind.clone(),
            list: hit.list.clone(),
            entry_id: hit.entry_id.clone(),
            score: hit.score,
            severity: hit.severity.clone(),
            explanation: explanation_of(&hit),
            traveller: traveller_summary(state, &hit).await?,
        });
    }
    let content = serde_json::to_string(&referred).map_err(|_| Problem::internal())?;
    let new = NewReferral {
        agency: agency.as_str(),
        purpose,
        reason: &reason,
        case: request.case,
        hits: &ids,
        requested_by: current.user,
        at: now,
        content: &content,
    };
    let outcome = state
        .store()
        .request_referral(&new, |id| {
            event(
                current,
                AuditKind::Review,
                AuditObject::Referral,
                vec![id.to_string()],
                Some(format!("referral to {} requested", agency.as_str())),
                now,
            )
        })
        .await
        .map_err(Problem::from)?;
    let id = match outcome {
        ReferralRequest::Requested(id) => id,
        ReferralRequest::HitNotRelevant(hit) => {
            return Err(Problem::conflict(format!(
                "hit {} is no longer reviewed relevant",
                hit.0
            )));
        }
        ReferralRequest::NoSuchCase(case) => {
            return Err(Problem::not_found(format!("there is no case {case}")));
        }
    };
    referral(state, current, id, now).await
}

/// Whom a list of referrals shows: a liaison their agency's approved ones;
/// PIU staff those of the session's purpose.
fn referral_scope(current: &Current) -> Result<ReferralFilter<'static>, Problem> {
    if current.principal.role == piu_access::Role::Liaison {
        Ok(ReferralFilter {
            agency: Some(current.principal.agency.as_str()),
            purpose: current.purpose.map(purpose_name),
            state: Some(ReferralState::Approved),
        })
    } else {
        Ok(ReferralFilter {
            agency: None,
            purpose: Some(session_purpose(current)?),
            state: None,
        })
    }
}

fn referral_item(record: ReferralRecord) -> ReferralItem {
    let hits = serde_json::from_str(&record.content).unwrap_or_default();
    ReferralItem {
        id: record.id,
        agency: record.agency,
        purpose: record.purpose,
        reason: record.reason,
        case: record.case,
        state: record.state.as_str().to_owned(),
        requested_by: record.requester_name,
        requested_at: rfc3339(record.requested_at),
        decided_by: record.decider_name,
        decided_at: record.decided_at.map(rfc3339),
        decision_note: record.decision_note,
        hits,
    }
}

/// Referrals the session may see, newest first, without their content.
pub async fn referral_page(
    state: &AppState,
    current: &Current,
    query: &ReferralQuery,
    now: OffsetDateTime,
) -> Result<Page<ReferralItem>, Problem> {
    let paging = Paging::read(query.limit, query.after.as_deref())?;
    let mut filter = referral_scope(current)?;
    // A liaison lists only their own agency's referrals: ask as for one of them.
    let context = Context {
        data: Some(DataKind::Api),
        target_agency: Some(current.principal.agency),
        ..Context::default()
    };
    authorize(
        state,
        current,
        Action::ViewReferral,
        context,
        AuditObject::Referral,
        now,
    )
    .await?;
    if let Some(wanted) = query
        .state
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let wanted = ReferralState::parse(wanted)
            .ok_or_else(|| Problem::bad_request("state must be requested, approved or refused"))?;
        if filter.state.is_some_and(|state| state != wanted) {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        }
        filter.state = Some(wanted);
    }
    let rows = state
        .store()
        .referral_page(&filter, paging.after, paging.fetch())
        .await?;
    Ok(paging.page(
        rows,
        |referral| referral.id,
        |record| {
            let mut item = referral_item(record);
            item.hits.clear();
            item
        },
    ))
}

/// A referral the session may see, or not found; recorded as a consultation.
pub async fn referral(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<ReferralItem, Problem> {
    let record = visible_referral(state, current, id, now).await?;
    consultation(
        state,
        current,
        AuditObject::Referral,
        vec![id.to_string()],
        now,
    )
    .await?;
    Ok(referral_item(record))
}

/// The most sensitive kind of data a referral shares: PNR if any referred
/// traveller is on PNR records.
fn referral_data(record: &ReferralRecord) -> DataKind {
    let hits: Vec<ReferredHit> = serde_json::from_str(&record.content).unwrap_or_default();
    let any_pnr = hits.iter().any(|hit| {
        hit.traveller
            .as_ref()
            .is_some_and(|traveller| traveller.source == RecordSource::Pnr.as_str())
    });
    if any_pnr {
        DataKind::Pnr
    } else {
        DataKind::Api
    }
}

async fn visible_referral(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<ReferralRecord, Problem> {
    let not_found = || Problem::not_found(format!("there is no referral {id} for you"));
    let record = state.store().referral(id).await?.ok_or_else(not_found)?;
    let scope = referral_scope(current)?;
    let in_scope = scope.agency.is_none_or(|agency| agency == record.agency)
        && scope
            .purpose
            .is_none_or(|purpose| purpose == record.purpose)
        && scope.state.is_none_or(|state| state == record.state);
    if !in_scope {
        return Err(not_found());
    }
    let target = Agency::parse(&record.agency).ok();
    let context = Context {
        data: Some(referral_data(&record)),
        target_agency: target,
        ..Context::default()
    };
    authorize(
        state,
        current,
        Action::ViewReferral,
        context,
        AuditObject::Referral,
        now,
    )
    .await?;
    Ok(record)
}

/// Approves or refuses a referral: four eyes, the approver is never who
/// asked. An approval is recorded as the disclosure of the referred hits.
pub async fn decide(
    state: &AppState,
    current: &Current,
    id: i64,
    request: &DecisionRequest,
    now: OffsetDateTime,
) -> Result<ReferralItem, Problem> {
    let approve = match request.decision.trim() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(Problem::bad_request("decision must be approve or refuse")),
    };
    let note = text_field("note", &request.note, !approve)?;
    let record = visible_referral(state, current, id, now).await?;
    let requester = record.requested_by.0.to_string();
    let context = Context {
        data: Some(referral_data(&record)),
        requester: Some(&requester),
        ..Context::default()
    };
    authorize(
        state,
        current,
        Action::ApproveDissemination,
        context,
        AuditObject::Referral,
        now,
    )
    .await?;
    let verdict = if approve { "approved" } else { "refused" };
    let mut events = vec![event(
        current,
        AuditKind::Approval,
        AuditObject::Referral,
        vec![id.to_string()],
        Some(format!("referral to {} {verdict}", record.agency)),
        now,
    )?];
    if approve {
        events.push(event(
            current,
            AuditKind::Disclosure,
            AuditObject::Hit,
            record.hits.iter().map(|hit| hit.0.to_string()).collect(),
            Some(format!("referral {id} to {}", record.agency)),
            now,
        )?);
    }
    let decision = state
        .store()
        .decide_referral(id, current.user, approve, &note, now, &events)
        .await?;
    match decision {
        ReferralDecision::Decided => referral(state, current, id, now).await,
        ReferralDecision::NotPending => Err(Problem::conflict(format!(
            "referral {id} was decided already"
        ))),
        ReferralDecision::OwnRequest => Err(Problem::denied(
            "own_request",
            "a referral is approved by someone other than who asked for it",
        )),
        ReferralDecision::NoSuchReferral => {
            Err(Problem::not_found(format!("there is no referral {id}")))
        }
    }
}

/// What waits for the signed-in user, for the dashboard; `None` for a role
/// that reviews nothing and receives no referrals, or a session without a
/// purpose. Counts only: no one is shown, so nothing is consulted.
pub async fn work_summary(
    state: &AppState,
    current: &Current,
) -> Result<Option<piu_store::ReviewCounts>, Problem> {
    let role = current.principal.role;
    let works = piu_access::role_permits(role, Action::ViewHits)
        || piu_access::role_permits(role, Action::ViewReferral);
    let Some(purpose) = current.purpose.filter(|_| works) else {
        return Ok(None);
    };
    let agency = (role == piu_access::Role::Liaison).then(|| current.principal.agency.as_str());
    let counts = state
        .store()
        .review_counts(
            model_purpose_name(purpose),
            current.user,
            purpose_name(purpose),
            agency,
        )
        .await?;
    Ok(Some(counts))
}
