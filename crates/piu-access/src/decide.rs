//! The access decision: one function from who, what and about which object to
//! allowed or denied, with a code and a sentence so that a denial can be
//! logged and explained. The rules are listed in the crate documentation.

use std::fmt;

use piu_model::Purpose;

use crate::action::{Action, DataKind};
use crate::principal::{Agency, Principal, Role, purpose_name};

/// What is known about the object of an action. Fields an action does not
/// need are ignored; a field it needs and lacks denies it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context<'a> {
    /// The kind of data the object holds (ignored for bookings: always PNR).
    pub data: Option<DataKind>,
    /// The agency a referral was disseminated to.
    pub target_agency: Option<Agency>,
    /// The user who asked for what is being approved.
    pub requester: Option<&'a str>,
    /// The purpose the user states for this access.
    pub purpose: Option<Purpose>,
    /// The reason the user states (searches).
    pub reason: Option<&'a str>,
}

/// The outcome of [`decide`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Denied(Denial),
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed)
    }

    /// The denial's code, if denied.
    pub fn code(&self) -> Option<DenialCode> {
        match self {
            Decision::Allowed => None,
            Decision::Denied(denial) => Some(denial.code),
        }
    }
}

/// Why an action was denied: a stable code for logs and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub code: DenialCode,
    pub sentence: String,
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.sentence)
    }
}

/// The rule that denied an action, in the order the rules are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DenialCode {
    /// A PIU role held outside the PIU, or a liaison role inside it.
    AgencyMismatch,
    /// The role does not include the action.
    RoleNotPermitted,
    /// A liaison asked for a referral sent to another agency.
    OutsideAgency,
    /// The context lacks what the action needs (data kind, purpose, target,
    /// requester).
    MissingContext,
    /// The stated purpose is not one the user holds.
    PurposeNotHeld,
    /// The stated purpose may not serve this kind of data (PNR needs
    /// terrorism and serious crime).
    PurposeNotAllowedForData,
    /// A search without a stated reason.
    ReasonRequired,
    /// An approval of one's own request.
    OwnRequest,
}

impl DenialCode {
    pub fn as_str(self) -> &'static str {
        match self {
            DenialCode::AgencyMismatch => "agency_mismatch",
            DenialCode::RoleNotPermitted => "role_not_permitted",
            DenialCode::OutsideAgency => "outside_agency",
            DenialCode::MissingContext => "missing_context",
            DenialCode::PurposeNotHeld => "purpose_not_held",
            DenialCode::PurposeNotAllowedForData => "purpose_not_allowed_for_data",
            DenialCode::ReasonRequired => "reason_required",
            DenialCode::OwnRequest => "own_request",
        }
    }
}

/// Whether the role includes the action at all, before any context.
pub fn role_permits(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Administrator => matches!(
            action,
            ManageUsers | ManageTokens | ManageWatchlist | ViewRetention | ViewCharts
        ),
        Role::Analyst => matches!(
            action,
            ViewFlight
                | ViewTraveller
                | ViewBooking
                | Search
                | ViewHits
                | ReviewHit
                | ManageCase
                | RequestDissemination
                | ViewReferral
                | BacktestCriteria
                | RequestUnmask
                | ViewCharts
        ),
        Role::Supervisor => {
            role_permits(Role::Analyst, action)
                || matches!(
                    action,
                    ApproveDissemination | ManageCriteria | ManageWatchlist | ViewUnmaskRequests
                )
        }
        Role::Liaison => action == ViewReferral,
        Role::Dpo => matches!(
            action,
            ViewAudit
                | VerifyAudit
                | ViewRetention
                | ViewUnmaskRequests
                | ApproveUnmask
                | ViewCharts
        ),
        Role::Auditor => matches!(action, ViewAudit | VerifyAudit),
    }
}

/// Decides whether `principal` may do `action` on the object `context`
/// describes. The first rule that fails gives the denial.
pub fn decide(principal: &Principal, action: Action, context: &Context<'_>) -> Decision {
    match check(principal, action, context) {
        Ok(()) => Decision::Allowed,
        Err(denial) => Decision::Denied(denial),
    }
}

fn check(principal: &Principal, action: Action, context: &Context<'_>) -> Result<(), Denial> {
    let role = principal.role;
    let in_piu = principal.agency == Agency::Piu;
    if role.is_piu_role() != in_piu {
        let sentence = if in_piu {
            "a liaison officer belongs to a competent authority, not to the PIU".to_owned()
        } else {
            format!(
                "the {role} role is held only by staff of the PIU, not of {}",
                principal.agency
            )
        };
        return deny(DenialCode::AgencyMismatch, sentence);
    }
    if !role_permits(role, action) {
        return deny(
            DenialCode::RoleNotPermitted,
            format!("the {role} role does not include {action}"),
        );
    }
    if role == Role::Liaison {
        match context.target_agency {
            None => {
                return deny(
                    DenialCode::MissingContext,
                    "the agency the referral was sent to is not known".to_owned(),
                );
            }
            Some(target) if target != principal.agency => {
                return deny(
                    DenialCode::OutsideAgency,
                    format!(
                        "the referral was sent to {target}, and this user works for {}",
                        principal.agency
                    ),
                );
            }
            Some(_) => {}
        }
    }
    if action.touches_personal_data() {
        check_purpose(principal, action, context)?;
    }
    if action == Action::Search && context.reason.is_none_or(|reason| reason.trim().is_empty()) {
        return deny(
            DenialCode::ReasonRequired,
            "a search needs a stated reason".to_owned(),
        );
    }
    if action.is_four_eyes() {
        match context.requester {
            None => {
                return deny(
                    DenialCode::MissingContext,
                    "who made the request is not known".to_owned(),
                );
            }
            Some(requester) if requester == principal.user_id => {
                return deny(
                    DenialCode::OwnRequest,
                    format!("{action} needs a second person: this user made the request"),
                );
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Purpose limitation: the user states a purpose they hold, and it must be
/// one the data may serve.
fn check_purpose(
    principal: &Principal,
    action: Action,
    context: &Context<'_>,
) -> Result<(), Denial> {
    // A booking is PNR data whatever the caller says.
    let data = if action == Action::ViewBooking {
        Some(DataKind::Pnr)
    } else {
        context.data
    };
    let Some(data) = data else {
        return deny(
            DenialCode::MissingContext,
            format!("{action} needs the kind of data (API or PNR)"),
        );
    };
    let Some(purpose) = context.purpose else {
        return deny(
            DenialCode::MissingContext,
            format!("{action} needs a stated purpose"),
        );
    };
    if !principal.holds(purpose) {
        return deny(
            DenialCode::PurposeNotHeld,
            format!(
                "this user may not process data for {}",
                purpose_name(purpose)
            ),
        );
    }
    if data == DataKind::Pnr && purpose != Purpose::SeriousCrime {
        return deny(
            DenialCode::PurposeNotAllowedForData,
            format!(
                "PNR data serves only terrorism_serious_crime, not {}",
                purpose_name(purpose)
            ),
        );
    }
    Ok(())
}

fn deny(code: DenialCode, sentence: String) -> Result<(), Denial> {
    Err(Denial { code, sentence })
}
