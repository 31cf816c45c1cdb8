//! What the server writes to the audit chain: sign-ins (in `session`),
//! refusals by the access decision or the CSRF check, and every consultation
//! of personal data. Events name users by id and objects by id only.

use piu_access::{Action, Principal, Purpose};
use piu_store::{
    AuditActor, AuditEvent, AuditKind, AuditObject, AuditOutcome, AuditPurpose, NewAuditEvent,
};
use time::OffsetDateTime;

use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Appends one event. A request whose event cannot be written is not carried
/// out: an unlogged consultation must not happen.
pub async fn append(state: &AppState, event: &AuditEvent) -> Result<(), Problem> {
    state.store().append_audit(event).await?;
    Ok(())
}

pub fn audit_purpose(purpose: Option<Purpose>) -> AuditPurpose {
    match purpose {
        Some(Purpose::SeriousCrime) => AuditPurpose::TerrorismSeriousCrime,
        Some(Purpose::BorderMigration) => AuditPurpose::BorderMigration,
        None => AuditPurpose::Unbound,
    }
}

pub(crate) fn actor(principal: &Principal) -> AuditActor {
    AuditActor::User {
        id: principal.user_id.clone(),
        role: Some(principal.role.as_str().to_owned()),
        agency: Some(principal.agency.as_str().to_owned()),
    }
}

/// The kind of event an attempted action is recorded as.
pub fn kind_of(action: Action) -> AuditKind {
    use Action::*;
    match action {
        ViewFlight | ViewTraveller | ViewBooking | Search | ViewHits | ViewReferral
        | BacktestCriteria | ViewAudit | VerifyAudit | ViewRetention | ViewUnmaskRequests
        | ViewCharts => AuditKind::Consultation,
        ReviewHit | ManageCase => AuditKind::Review,
        RequestDissemination => AuditKind::Disclosure,
        // Approvals, requests for one, and changes to accounts, tokens, lists
        // and criteria: decisions about the system rather than readings.
        ApproveDissemination | ApproveUnmask | RequestUnmask | ManageWatchlist | ManageCriteria
        | ManageUsers | ManageTokens => AuditKind::Approval,
    }
}

/// Records a refused request: outcome denied, the rule's code in the reason,
/// under the kind of the action refused.
pub async fn denial(
    state: &AppState,
    current: &Current,
    kind: AuditKind,
    object_type: AuditObject,
    reason: String,
    now: OffsetDateTime,
) -> Result<(), Problem> {
    let purpose = audit_purpose(current.purpose);
    let event = AuditEvent::new(NewAuditEvent {
        kind,
        actor: actor(&current.principal),
        purpose,
        object_type,
        object_ids: Vec::new(),
        reason: Some(reason),
        outcome: AuditOutcome::Denied,
        at: now,
    })
    .map_err(|_| Problem::internal())?;
    append(state, &event).await
}

/// Records that `current` read personal data: the objects by id, with the
/// session's purpose.
pub async fn consultation(
    state: &AppState,
    current: &Current,
    object_type: AuditObject,
    object_ids: Vec<String>,
    now: OffsetDateTime,
) -> Result<(), Problem> {
    let event = AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Consultation,
        actor: actor(&current.principal),
        purpose: audit_purpose(current.purpose),
        object_type,
        object_ids,
        reason: None,
        outcome: AuditOutcome::Allowed,
        at: now,
    })
    .map_err(|_| Problem::internal())?;
    append(state, &event).await
}
