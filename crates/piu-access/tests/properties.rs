//! Properties of the access decision over arbitrary principals and contexts.

use piu_access::{Action, Agency, Context, DataKind, Decision, Principal, Purpose, Role, decide};
use proptest::prelude::*;
use proptest::sample::select;

fn purposes() -> impl Strategy<Value = Vec<Purpose>> {
    (any::<bool>(), any::<bool>()).prop_map(|(crime, border)| {
        let mut held = Vec::new();
        if crime {
            held.push(Purpose::SeriousCrime);
        }
        if border {
            held.push(Purpose::BorderMigration);
        }
        held
    })
}

fn principal_with(role: impl Strategy<Value = Role>) -> impl Strategy<Value = Principal> {
    (
        role,
        select(Agency::ALL.to_vec()),
        purposes(),
        select(vec!["u1", "u2"]),
    )
        .prop_map(|(role, agency, purposes, id)| Principal::new(id, role, agency, purposes))
}

fn principal() -> impl Strategy<Value = Principal> {
    principal_with(select(Role::ALL.to_vec()))
}

/// The parts of a context; a requester of `"u1"` or `"u2"` may be the principal.
type ContextParts = (
    Option<DataKind>,
    Option<Agency>,
    Option<&'static str>,
    Option<Purpose>,
    Option<&'static str>,
);

fn context_parts() -> impl Strategy<Value = ContextParts> {
    (
        proptest::option::of(select(vec![DataKind::Api, DataKind::Pnr])),
        proptest::option::of(select(Agency::ALL.to_vec())),
        proptest::option::of(select(vec!["u1", "u2"])),
        proptest::option::of(select(vec![
            Purpose::SeriousCrime,
            Purpose::BorderMigration,
        ])),
        proptest::option::of(select(vec!["", "  ", "lead 42"])),
    )
}

fn context(parts: &ContextParts) -> Context<'static> {
    Context {
        data: parts.0,
        target_agency: parts.1,
        requester: parts.2,
        purpose: parts.3,
        reason: parts.4,
    }
}

fn action() -> impl Strategy<Value = Action> {
    select(Action::ALL.to_vec())
}

proptest! {
    #[test]
    fn no_liaison_is_allowed_anything_but_referrals_to_its_own_agency(
        liaison in principal_with(Just(Role::Liaison)),
        action in action(),
        parts in context_parts(),
    ) {
        let context = context(&parts);
        if decide(&liaison, action, &context).is_allowed() {
            prop_assert_eq!(action, Action::ViewReferral);
            prop_assert_eq!(context.target_agency, Some(liaison.agency));
            prop_assert_ne!(liaison.agency, Agency::Piu);
        }
    }

    #[test]
    fn no_principal_approves_its_own_request(
        principal in principal(),
        action in select(vec![Action::ApproveDissemination, Action::ApproveUnmask]),
        parts in context_parts(),
    ) {
        let own = Context { requester: Some(principal.user_id.as_str()), ..context(&parts) };
        prop_assert!(!decide(&principal, action, &own).is_allowed());
    }

    #[test]
    fn pnr_data_serves_only_terrorism_and_serious_crime(
        principal in principal(),
        action in action(),
        parts in context_parts(),
    ) {
        let context = context(&parts);
        let pnr = context.data == Some(DataKind::Pnr) || action == Action::ViewBooking;
        if pnr && action.touches_personal_data() && decide(&principal, action, &context).is_allowed() {
            prop_assert_eq!(context.purpose, Some(Purpose::SeriousCrime));
        }
    }

    #[test]
    fn personal_data_needs_a_purpose_the_principal_holds(
        principal in principal(),
        action in action(),
        parts in context_parts(),
    ) {
        let context = context(&parts);
        if action.touches_personal_data() && decide(&principal, action, &context).is_allowed() {
            let purpose = context.purpose;
            prop_assert!(purpose.is_some_and(|purpose| principal.holds(purpose)));
            prop_assert!(context.data.is_some() || action == Action::ViewBooking);
        }
    }

    #[test]
    fn administrators_auditors_and_dpos_read_no_personal_data_or_hits(
        principal in principal_with(select(vec![Role::Administrator, Role::Auditor, Role::Dpo])),
        action in action(),
        parts in context_parts(),
    ) {
        let decision = decide(&principal, action, &context(&parts));
        if action.touches_personal_data() {
            prop_assert!(matches!(decision, Decision::Denied(_)));
        }
    }

    #[test]
    fn searches_without_a_reason_are_denied(
        principal in principal(),
        parts in context_parts(),
    ) {
        let context = context(&parts);
        if context.reason.is_none_or(|reason| reason.trim().is_empty()) {
            prop_assert!(!decide(&principal, Action::Search, &context).is_allowed());
        }
    }
}
